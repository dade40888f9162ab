import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from '../support/cli.js';
import { startMockUpstream } from '../support/mock-upstream.js';
import { tinyGguf, writeTinyGguf } from '../support/tiny-gguf.js';

/** Starts `jugwon serve` and resolves once it prints its address. */
function serve(
  args: string[],
  cwd: string,
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /jugwon gateway on (http:\/\/[^\s]+)\/v1/.exec(err);
      if (m) resolve({ child, url: m[1] as string, log: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('jugwon serve --config (contract)', () => {
  it('serves the contract configuration and keeps a 주민등록번호 away from the foreign upstream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-serve-'));
    mkdirSync(join(dir, 'models'));
    writeTinyGguf(join(dir, 'models', 'tiny.gguf'));
    const onprem = await startMockUpstream();
    const foreign = await startMockUpstream();
    writeFileSync(
      join(dir, 'jugwon.yaml'),
      [
        'server: { host: 127.0.0.1, port: 0 }',
        'dataDir: ./data',
        'models:',
        `  - { id: onprem-chat, provider: openai-compatible, baseUrl: "${onprem.url}", residency: onprem }`,
        `  - { id: foreign-chat, provider: openai-compatible, baseUrl: "${foreign.url}", residency: foreign }`,
        '  - { id: local-gguf, provider: llamacpp, path: ./models/tiny.gguf, residency: onprem }',
        'policy: { preset: pipa-strict }',
      ].join('\n'),
    );
    const s = await serve(['--config', join(dir, 'jugwon.yaml')], dir);
    children.push(s.child);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${s.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'foreign-chat',
          messages: [{ role: 'user', content: '주민등록번호 900101-1234568 확인' }],
        }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('JG_POLICY_BLOCKED');
      expect(foreign.received).toEqual([]);
      const models = (await (await fetch(`${s.url}/v1/models`)).json()) as { data: { id: string }[] };
      expect(models.data.map((m) => m.id)).toEqual(['onprem-chat', 'foreign-chat', 'local-gguf']);
      // Logs carry no request content.
      expect(s.log()).not.toContain('900101');
    } finally {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
      await onprem.close();
      await foreign.close();
    }
  }, 60_000);

  it('refuses a second server on one embedded store, lets commands run beside it, and starts again after a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-one-server-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'server: { host: 127.0.0.1, port: 0 }\ndataDir: ./data\n');
    const first = await serve(['--config', 'jugwon.yaml'], dir);
    children.push(first.child);
    const second = await run(['serve', '--config', 'jugwon.yaml'], dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('JG_STORE_IN_USE');
    expect(second.stderr).toContain('one server per embedded (SQLite) store');
    // A command opens the same store while the server runs.
    expect((await run(['tenants', 'create', '한빛은행', '--config', 'jugwon.yaml'], dir)).code).toBe(0);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    // Killed without a chance to clean up, it leaves no lock behind.
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const again = await serve(['--config', 'jugwon.yaml'], dir);
    children.push(again.child);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));
  }, 60_000);

  it('names the bad key of an invalid configuration and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-badcfg-'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      'models:\n  - { id: x, provider: llamacpp, path: a.gguf, residency: moon }\n',
    );
    const r = await run(['serve', '--config', 'bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/JG_CONFIG_INVALID: .*bad\.yaml: models\.0\.residency/);
    writeFileSync(join(dir, 'typo.yaml'), 'sever: { port: 1 }\n');
    const t = await run(['serve', '--config', 'typo.yaml'], dir);
    expect(t.stderr).toContain('unknown key(s) "sever"');
    writeFileSync(
      join(dir, 'env.yaml'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${NAME} is the configuration file's own syntax
      'models:\n  - { id: c, provider: openai-compatible, baseUrl: "http://127.0.0.1:1/v1", apiKey: "${NOT_SET_ANYWHERE}", residency: domestic }\n',
    );
    const e = await run(['serve', '--config', 'env.yaml'], dir);
    expect(e.stderr).toContain('environment variable NOT_SET_ANYWHERE is not set');
  });

  it('stops gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-sig-'));
    writeFileSync(join(dir, 'c.yaml'), 'server: { port: 0 }\nmodels: []\n');
    const s = await serve(['--config', 'c.yaml'], dir);
    const exit = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('jugwon init and models', () => {
  it('init writes a starter configuration that serve accepts, and refuses to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-init-'));
    const first = await run(['init', '--password-stdin'], dir, { input: 'correct horse battery staple\n' });
    expect(first.code).toBe(0);
    expect(readFileSync(join(dir, 'jugwon.yaml'), 'utf8')).toContain('preset: pipa-strict');
    // The administrator tenant, its API key and a console user with the password given.
    expect(first.stdout).toMatch(/admin API key \(shown once, store it now\):\njg_/);
    expect(first.stdout).toContain(
      'first console sign-in at http://127.0.0.1:8787/ — tenant: admin, user: admin, password: the one you gave',
    );
    expect(first.stdout).not.toContain('correct horse');
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const db = new BetterSqlite3(join(dir, 'data', 'jugwon.db'));
    expect(db.prepare('SELECT name, role, password_hash IS NOT NULL AS canSignIn FROM users').all()).toEqual([
      { name: 'admin', role: 'operator', canSignIn: 1 },
    ]);
    db.close();
    const again = await run(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    const list = await run(['models', 'list', '--json'], dir);
    expect(JSON.parse(list.stdout).models).toEqual([
      {
        id: 'local',
        provider: 'llamacpp',
        residency: 'onprem',
        capabilities: ['chat', 'embeddings'],
        source: join(dir, 'data/models/default.gguf'),
      },
    ]);
  });

  it('models pull downloads a GGUF from a hub mirror, and fails clearly otherwise', async () => {
    const gguf = tinyGguf();
    const hub = createServer((req, res) => {
      if (req.url === '/acme/tiny-GGUF/resolve/main/tiny.gguf') {
        res.writeHead(200, { 'content-length': gguf.length });
        res.end(gguf);
      } else if (req.url === '/acme/tiny-GGUF/resolve/main/notgguf.gguf') {
        res.end('<html>login</html>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-pull-'));
    try {
      const ok = await run(['models', 'pull', 'acme/tiny-GGUF/tiny.gguf', '--to', 'm'], dir, {
        env: { HF_ENDPOINT: endpoint },
      });
      expect(ok.code).toBe(0);
      expect(readFileSync(join(dir, 'm', 'tiny.gguf')).equals(gguf)).toBe(true);
      const missing = await run(['models', 'pull', 'acme/tiny-GGUF/nope.gguf', '--to', 'm'], dir, {
        env: { HF_ENDPOINT: endpoint },
      });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('JG_DOWNLOAD_FAILED');
      expect(missing.stderr).toContain('not found');
      const html = await run(['models', 'pull', 'acme/tiny-GGUF/notgguf.gguf', '--to', 'm'], dir, {
        env: { HF_ENDPOINT: endpoint },
      });
      expect(html.stderr).toContain('not in GGUF format');
      expect(existsSync(join(dir, 'm', 'notgguf.gguf'))).toBe(false);
      expect(existsSync(join(dir, 'm', 'notgguf.gguf.part'))).toBe(false);
      const offline = await run(['models', 'pull', 'acme/tiny-GGUF/tiny.gguf', '--to', 'm2'], dir, {
        env: { HF_ENDPOINT: 'http://127.0.0.1:1' },
      });
      expect(offline.code).toBe(1);
      expect(offline.stderr).toMatch(/JG_DOWNLOAD_FAILED: .*ECONNREFUSED/);
      const badSpec = await run(['models', 'pull', 'just-a-name'], dir);
      expect(badSpec.code).toBe(2);
      expect(badSpec.stderr).toContain('<owner>/<repo>/<file>.gguf');
    } finally {
      hub.close();
    }
  });
});
