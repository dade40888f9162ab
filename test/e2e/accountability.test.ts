import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/log.js';
import { keyPaths } from '../../src/audit/signing.js';
import { type ResolvedConfig, resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import type { ChatRequest } from '../../src/models/chat-types.js';
import { promptBound } from '../../src/quota/estimate.js';
import { createApiKey, revokeApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

interface Env {
  server: JugwonServer;
  config: ResolvedConfig;
  upstream: MockUpstream;
  call: (
    key: string | undefined,
    body?: object,
    path?: string,
    // biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, checked by each test
  ) => Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
}

async function start(upstreamOptions = {}): Promise<Env> {
  const upstream = await startMockUpstream(upstreamOptions);
  const config = resolveConfig({
    dataDir: mkdtempSync(join(tmpdir(), 'jugwon-acct-')),
    models: [
      { id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' },
      { id: 'abroad', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'foreign' },
    ],
  });
  const server = await createServer(config, { logger: false });
  const call: Env['call'] = async (key, body, path = '/v1/chat/completions') => {
    const res = await server.app.inject({
      method: body ? 'POST' : 'GET',
      url: path,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      ...(body ? { payload: body } : {}),
    });
    return {
      status: res.statusCode,
      json: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body,
      headers: res.headers,
    };
  };
  return { server, config, upstream, call };
}

const ask = (model = 'home', content = '안녕하세요', extra = {}) => ({
  model,
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('authentication and tenants', () => {
  let env: Env;
  beforeAll(async () => {
    env = await start();
  });
  afterAll(async () => {
    await env.server.close();
    await env.upstream.close();
  });

  it('lets localhost in before any key exists, then requires a key', async () => {
    expect((await env.call(undefined, ask())).status).toBe(200);
    await createTenant(env.server.store.db, 'acme');
    const { key } = await createApiKey(env.server.store.db, 'acme');
    const missing = await env.call(undefined, ask());
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe('JG_AUTH_MISSING');
    const wrong = await env.call(`${key.slice(0, -4)}AAAA`, ask());
    expect(wrong.json.error.code).toBe('JG_AUTH_INVALID');
    expect((await env.call('not-a-key', ask())).json.error.code).toBe('JG_AUTH_INVALID');
    expect((await env.call(key, ask())).status).toBe(200);
  });

  it('refuses revoked and expired keys at once', async () => {
    await createTenant(env.server.store.db, 'acme-revoke');
    const k = await createApiKey(env.server.store.db, 'acme-revoke');
    expect((await env.call(k.key, ask())).status).toBe(200);
    await revokeApiKey(env.server.store.db, k.id);
    expect((await env.call(k.key, ask())).json.error.code).toBe('JG_AUTH_INVALID');
    const old = await createApiKey(env.server.store.db, 'acme-revoke', {
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await env.call(old.key, ask())).status).toBe(401);
  });

  it('stores keys hashed, never in clear', async () => {
    await createTenant(env.server.store.db, 'acme-hash');
    const k = await createApiKey(env.server.store.db, 'acme-hash');
    const rows = sqliteOf(env.server.store).prepare('SELECT * FROM api_keys').all();
    // The secret is everything after "jg_<id>_" (base64url, so it may hold "_" itself).
    const secret = /^jg_[0-9a-f]{16}_(.+)$/.exec(k.key)?.[1] as string;
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it("applies the tenant's allowed models and policy preset", async () => {
    await createTenant(env.server.store.db, 'bank', {
      allowedModels: ['home'],
      policyPreset: 'finance-sandbox',
    });
    const { key } = await createApiKey(env.server.store.db, 'bank');
    const models = await env.call(key, undefined, '/v1/models');
    expect(models.json.data.map((m: { id: string }) => m.id)).toEqual(['home']);
    const denied = await env.call(key, ask('abroad'));
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('JG_MODEL_NOT_ALLOWED');
  });
});

describe('quotas', () => {
  it('limits requests per minute with 429 and Retry-After', async () => {
    const env = await start();
    try {
      await createTenant(env.server.store.db, 't', { rpm: 3 });
      const { key } = await createApiKey(env.server.store.db, 't');
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await env.call(key, ask())).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await env.call(key, ask());
      expect(limited.json.error.code).toBe('JG_RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await env.server.close();
      await env.upstream.close();
    }
  });

  it('never overspends a token budget under 100 concurrent requests', async () => {
    const env = await start({ latencyMs: 300 });
    try {
      // The reservation: the prompt's token bound (UTF-8 bytes of what the model reads, with the
      // template's tokens per message) plus max_tokens.
      const body = ask('home', '안녕하세요', { max_tokens: 100 });
      const perRequest = promptBound({ capability: 'chat', request: body as ChatRequest }) + 100;
      await createTenant(env.server.store.db, 'budget', { tokensPerDay: perRequest * 10 });
      const { key } = await createApiKey(env.server.store.db, 'budget');
      const results = await Promise.all(
        Array.from({ length: 100 }, () => env.call(key, ask('home', '안녕하세요', { max_tokens: 100 }))),
      );
      const ok = results.filter((r) => r.status === 200).length;
      expect(ok).toBe(10);
      const refused = results.filter((r) => r.status === 429);
      expect(refused).toHaveLength(90);
      expect(refused[0]?.json.error.code).toBe('JG_QUOTA_EXCEEDED');
      expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
      // Settled to real usage (the mock reports 15 tokens a request): the budget shows what was used.
      const used = sqliteOf(env.server.store)
        .prepare("SELECT SUM(used) AS used FROM quota_counters WHERE scope LIKE 'tenant:%'")
        .get() as { used: number };
      expect(used.used).toBe(10 * 15);
    } finally {
      await env.server.close();
      await env.upstream.close();
    }
  });
});

describe('usage an upstream reports that cannot be true', () => {
  it.each([
    ['negative', { prompt_tokens: -1_000_000, completion_tokens: 5, total_tokens: -999_995 }],
    ['text', { prompt_tokens: 'abc', completion_tokens: 5 }],
    ['fractional', { prompt_tokens: 10.5, completion_tokens: 5 }],
    ['huge', { prompt_tokens: 9e15, completion_tokens: 5 }],
  ])(
    '%s counts settle no budget backwards, NaN or up at once: the request is billed its bound and answer',
    async (_kind, usage) => {
      const env = await start({ usage });
      try {
        const body = ask('home', '안녕하세요', { max_tokens: 100 });
        const bound = promptBound({ capability: 'chat', request: body as ChatRequest });
        await createTenant(env.server.store.db, 'lied-to', { tokensPerDay: 10_000 });
        const { key } = await createApiKey(env.server.store.db, 'lied-to');
        const r = await env.call(key, body);
        expect(r.status).toBe(200);
        const answer = Buffer.byteLength(r.json.choices[0].message.content as string, 'utf8');
        const counters = sqliteOf(env.server.store)
          .prepare<[], { used: number }>("SELECT used FROM quota_counters WHERE scope LIKE 'tenant:%'")
          .all();
        expect(counters).toEqual([{ used: bound + answer }]);
        const [row] = sqliteOf(env.server.store)
          .prepare<[], { prompt_tokens: number; completion_tokens: number }>(
            'SELECT prompt_tokens, completion_tokens FROM usage',
          )
          .all();
        expect(row).toEqual({ prompt_tokens: bound, completion_tokens: answer });
      } finally {
        await env.server.close();
        await env.upstream.close();
      }
    },
  );
});

describe('quotas under concurrent requests for several completions', () => {
  it('reserves every completion of each: 40 concurrent requests with n: 3 against a budget for 5 of them', async () => {
    const env = await start({ latencyMs: 300 });
    try {
      const body = ask('home', '안녕하세요', { max_tokens: 100, n: 3 });
      const perRequest = promptBound({ capability: 'chat', request: body as ChatRequest }) + 3 * 100;
      await createTenant(env.server.store.db, 'choices', { tokensPerDay: perRequest * 5 });
      const { key } = await createApiKey(env.server.store.db, 'choices');
      const results = await Promise.all(
        Array.from({ length: 40 }, () => env.call(key, ask('home', '안녕하세요', { max_tokens: 100, n: 3 }))),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(5);
      expect(results.filter((r) => r.status === 429)).toHaveLength(35);
    } finally {
      await env.server.close();
      await env.upstream.close();
    }
  });
});

describe('usage, metrics and the audit trail', () => {
  let env: Env;
  let admin: string;
  let member: string;
  beforeAll(async () => {
    env = await start();
    await createTenant(env.server.store.db, 'ops');
    await createTenant(env.server.store.db, 'clinic');
    admin = (await createApiKey(env.server.store.db, 'ops', { role: 'operator' })).key;
    member = (await createApiKey(env.server.store.db, 'clinic')).key;
    await env.call(member, ask('home', '환자 김민준 900101-1234568'));
    await env.call(member, ask('abroad', '주민번호 900101-1234568')); // blocked
    await env.call(member, ask('abroad', '연락처 010-1234-5678')); // masked
    await env.call(member, ask('home', 'x', { stream: true }));
    await env.call(admin, ask());
  });
  afterAll(async () => {
    await env.server.close();
    await env.upstream.close();
  });

  it('meters usage per tenant × model × day', async () => {
    const mine = await env.call(member, undefined, '/api/usage');
    expect(
      mine.json.data.map((r: { tenant: string; model: string; requests: number; errors: number }) => [
        r.tenant,
        r.model,
        r.requests,
        r.errors,
      ]),
    ).toEqual([
      ['clinic', 'abroad', 2, 1],
      ['clinic', 'home', 2, 0],
    ]);
    expect(mine.json.data[1].completion_tokens).toBe(10);
    const all = await env.call(admin, undefined, '/api/usage');
    expect(new Set(all.json.data.map((r: { tenant: string }) => r.tenant))).toEqual(
      new Set(['clinic', 'ops']),
    );
    expect((await env.call(member, undefined, '/api/usage?tenant=ops')).json.error.code).toBe('JG_FORBIDDEN');
    // Dates that are no dates are named, not answered with nothing (or everything).
    for (const path of [
      '/api/usage?from=nonsense',
      '/api/usage?to=2026-02-30',
      '/api/audit?to=2026-13-45',
      '/api/audit?from=2026-12-02&to=2026-11-01',
    ]) {
      const bad = await env.call(admin, undefined, path);
      expect([path, bad.status, bad.json.error.code]).toEqual([path, 400, 'JG_INVALID_VALUE']);
    }
  });

  it('exposes Prometheus metrics to the platform operator only', async () => {
    const m = await env.call(admin, undefined, '/metrics');
    expect(m.status).toBe(200);
    expect(m.json).toContain('jugwon_requests_total{model="home",decision="allow",status="200"}');
    expect(m.json).toContain('jugwon_pii_masked_total 1');
    expect((await env.call(member, undefined, '/metrics')).status).toBe(403);
  });

  it('writes one chained, verifiable record per request, with counts and never values', async () => {
    const rows = sqliteOf(env.server.store).prepare('SELECT record FROM audit_log ORDER BY seq').all() as {
      record: string;
    }[];
    const records = rows.map((r) => JSON.parse(r.record));
    const requests = records.filter((r) => r.kind === 'request');
    expect(requests.map((r) => [r.tenant, r.model, r.decision, r.status])).toEqual(
      expect.arrayContaining([
        ['clinic', 'home', 'allow', 200],
        ['clinic', 'abroad', 'block', 403],
        ['clinic', 'abroad', 'mask', 200],
        ['ops', 'home', 'allow', 200],
      ]),
    );
    const blocked = requests.find((r) => r.decision === 'block');
    expect(blocked.pii).toEqual({ unique_identifier: 1 });
    expect(blocked.outcome).toBe('JG_POLICY_BLOCKED');
    const all = JSON.stringify(records);
    for (const value of ['900101', '1234568', '010-1234-5678', '김민준']) expect(all).not.toContain(value);
    const result = await verifyAudit(env.server.store.db, keyPaths(env.config.dataDir).publicKey);
    expect(result).toMatchObject({ ok: true, records: rows.length });
  });
});

describe('audit verification finds every kind of tampering', () => {
  const tampered = async (tamper: (db: import('better-sqlite3').Database) => void) => {
    const env = await start();
    try {
      for (let i = 0; i < 8; i++) await env.call(undefined, ask('home', `질문 ${i}`));
      await env.server.platform.ledger.checkpoint(); // as the server does every minute and on shutdown
      const db = sqliteOf(env.server.store);
      expect((await verifyAudit(env.server.store.db, keyPaths(env.config.dataDir).publicKey)).ok).toBe(true);
      tamper(db);
      return await verifyAudit(env.server.store.db, keyPaths(env.config.dataDir).publicKey);
    } finally {
      await env.server.close();
      await env.upstream.close();
    }
  };

  it('an edited record', async () => {
    const r = await tampered((db) =>
      db
        .prepare(
          `UPDATE audit_log SET record = replace(record, '"status":200', '"status":201') WHERE seq = 4`,
        )
        .run(),
    );
    expect(r.firstBad).toEqual({ seq: 4, problem: expect.stringContaining('changed') });
  });

  it('a deleted record', async () => {
    const r = await tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq = 3').run());
    expect(r.firstBad).toEqual({ seq: 3, problem: expect.stringContaining('missing') });
  });

  it('an inserted record', async () => {
    const r = await tampered((db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as {
        record: string;
        prev_hash: string;
        hash: string;
      };
      db.prepare('UPDATE audit_log SET seq = seq + 100 WHERE seq >= 5').run();
      db.prepare('UPDATE audit_log SET seq = seq - 99 WHERE seq >= 105').run();
      const forged = row.record.replace('"status":200', '"status":204');
      db.prepare('INSERT INTO audit_log (seq, record, prev_hash, hash) VALUES (5, ?, ?, ?)').run(
        forged,
        row.prev_hash,
        row.hash,
      );
    });
    expect(r.firstBad?.seq).toBe(5);
  });

  it('reordered records', async () => {
    const r = await tampered((db) => {
      const a = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as {
        record: string;
        prev_hash: string;
        hash: string;
      };
      const b = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as {
        record: string;
        prev_hash: string;
        hash: string;
      };
      db.prepare('UPDATE audit_log SET record = ?, prev_hash = ?, hash = ? WHERE seq = 2').run(
        b.record,
        b.prev_hash,
        b.hash,
      );
      db.prepare('UPDATE audit_log SET record = ?, prev_hash = ?, hash = ? WHERE seq = 3').run(
        a.record,
        a.prev_hash,
        a.hash,
      );
    });
    expect(r.firstBad?.seq).toBe(2);
  });

  it('a rewritten chain (hashes recomputed) fails the signed checkpoint', async () => {
    const { chainHash } = await import('../../src/audit/canonical.js');
    const r = await tampered((db) => {
      const rows = db.prepare('SELECT seq, record FROM audit_log ORDER BY seq').all() as {
        seq: number;
        record: string;
      }[];
      let prev = '0'.repeat(64);
      for (const row of rows) {
        const record = row.seq === 2 ? row.record.replace('"status":200', '"status":201') : row.record;
        const hash = chainHash(prev, record);
        db.prepare('UPDATE audit_log SET record = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          record,
          prev,
          hash,
          row.seq,
        );
        prev = hash;
      }
    });
    expect(r.ok).toBe(false);
    expect(r.firstBad?.problem).toContain('signed checkpoint');
  });
});

describe('configuration-declared tenants and sealed request retention', () => {
  it('creates tenants from the configuration and seals raw bodies only when asked', async () => {
    const upstream = await startMockUpstream();
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-ret-'));
    const config = resolveConfig({
      dataDir,
      audit: { retainRequests: true },
      tenants: [{ name: 'hospital', rpm: 2, policy: 'finance-sandbox', models: ['home'] }],
      models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
    });
    const server = await createServer(config, { logger: false });
    try {
      const t = sqliteOf(server.store).prepare("SELECT * FROM tenants WHERE name = 'hospital'").get() as {
        rpm: number;
        policy_preset: string;
        allowed_models: string;
      };
      expect([t.rpm, t.policy_preset, JSON.parse(t.allowed_models)]).toEqual([
        2,
        'finance-sandbox',
        ['home'],
      ]);
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { 'x-request-id': 'req-42' },
        payload: { model: 'home', messages: [{ role: 'user', content: '환자 주민번호 900101-1234568' }] },
      });
      expect(res.statusCode).toBe(200);
      const raw = sqliteOf(server.store).prepare('SELECT * FROM retained_requests').all();
      expect(raw).toHaveLength(1);
      expect(JSON.stringify(raw)).not.toContain('900101');
      const { PromptVault, loadOrCreateRetentionKey } = await import('../../src/audit/retention.js');
      const vault = new PromptVault(server.store.db, loadOrCreateRetentionKey(join(dataDir, 'keys')));
      // Sealed under the server's own id, named in the audit record (never the client's request id).
      const record = sqliteOf(server.store)
        .prepare<[], { record: string }>('SELECT record FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get() as { record: string };
      const { requestId, retained } = JSON.parse(record.record) as { requestId: string; retained: string };
      expect([requestId, retained]).toEqual(['req-42', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
      expect(await vault.open(retained)).toContain('900101-1234568');
      // Another request with the same client id seals its own body; the first stays as it was.
      await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { 'x-request-id': 'req-42' },
        payload: { model: 'home', messages: [{ role: 'user', content: '덮어쓰기' }] },
      });
      expect(await vault.open(retained)).toContain('900101-1234568');
    } finally {
      await server.close();
      await upstream.close();
    }
  });

  it('names an unknown model in a declared tenant', async () => {
    const config = resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-ret-')),
      tenants: [{ name: 'x', models: ['ghost'] }],
    });
    await expect(createServer(config, { logger: false })).rejects.toThrow(
      /tenants\.x\.models: not configured: ghost/,
    );
  });
});

describe('users', () => {
  it("gives a user's keys the user's role and name in the audit record; disabling the user stops them", async () => {
    const env = await start();
    try {
      const { createUser } = await import('../../src/tenancy/users.js');
      await createTenant(env.server.store.db, 'firm');
      await createUser(env.server.store.db, 'firm', 'compliance-officer', {
        role: 'compliance',
        password: 'correct horse battery',
      });
      const k = await createApiKey(env.server.store.db, 'firm', { user: 'compliance-officer' });
      expect(k.role).toBe('compliance');
      // A compliance officer's key reads its tenant's audit trail (metrics are the operator's).
      expect((await env.call(k.key, undefined, '/api/audit')).status).toBe(200);
      const last = sqliteOf(env.server.store)
        .prepare('SELECT record FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get() as { record: string };
      expect(JSON.parse(last.record).user).toBe('compliance-officer');
      const row = sqliteOf(env.server.store).prepare('SELECT password_hash FROM users').get() as {
        password_hash: string;
      };
      expect(row.password_hash).not.toContain('horse');
      sqliteOf(env.server.store).prepare("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z'").run();
      expect((await env.call(k.key, undefined, '/api/audit')).status).toBe(401);
      await expect(
        createUser(env.server.store.db, 'firm', 'short', { password: 'tooshort' }),
      ).rejects.toThrow(/12 characters/);
    } finally {
      await env.server.close();
      await env.upstream.close();
    }
  });
});
