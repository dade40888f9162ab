import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatPipeline } from '../../src/app/chat.js';
import { embeddingsPipeline } from '../../src/app/embeddings.js';
import type { AuditRecord } from '../../src/audit/log.js';
import { loadConfig, resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import type { ChatRequest } from '../../src/models/chat-types.js';
import { promptBound } from '../../src/quota/estimate.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { run } from '../support/cli.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

/**
 * One application core: each test here would have caught a drift between the paths (HTTP, CLI,
 * console, evaluations) that used to assemble their flows themselves.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  o: { yaml?: string; upstream?: Parameters<typeof startMockUpstream>[0] } = {},
): Promise<{ dir: string; upstream: MockUpstream; config: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-core-'));
  const upstream = await startMockUpstream(o.upstream);
  cleanups.push(() => upstream.close());
  const config = join(dir, 'jugwon.yaml');
  writeFileSync(
    config,
    [
      'dataDir: ./data',
      'models:',
      `  - { id: home, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }`,
      `  - { id: abroad, provider: openai-compatible, baseUrl: "${upstream.url}", residency: foreign }`,
      `  - { id: emb, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem, capabilities: [embeddings] }`,
      o.yaml ?? '',
    ].join('\n'),
  );
  return { dir, upstream, config };
}

async function serve(config: string): Promise<JugwonServer> {
  const server = await createServer(loadConfig(config), { logger: false });
  cleanups.push(() => server.close());
  return server;
}

const records = (server: JugwonServer): (AuditRecord & { seq: number })[] =>
  sqliteOf(server.store)
    .prepare<[], { seq: number; record: string }>('SELECT seq, record FROM audit_log ORDER BY seq')
    .all()
    .map((r) => ({ seq: r.seq, ...(JSON.parse(r.record) as AuditRecord) }));

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('the chat path is one pipeline of named stages', () => {
  it('runs authenticate → scope → validate → admit → ground → scan → route → mask → call → restore → label', () => {
    expect(chatPipeline.map((s) => s.name)).toEqual([
      'authenticate',
      'scope',
      'validate',
      'admit',
      'ground',
      'scan',
      'route',
      'mask',
      'call',
      'restore',
      'label',
    ]);
    // Embeddings take the same stages, without grounding, and without a label (vectors, not text for a person).
    expect(embeddingsPipeline.map((s) => s.name)).toEqual(
      chatPipeline.map((s) => s.name).filter((n) => n !== 'ground' && n !== 'label'),
    );
  });

  it('accounts for each request exactly once: success, refusal, upstream error and a client that goes away', async () => {
    const { config } = await setup({ upstream: { latencyMs: 150 } });
    const server = await serve(config);
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme');
    const post = (payload: object) =>
      server.app.inject({ method: 'POST', url: '/v1/chat/completions', headers: bearer(key), payload });
    const ok = await post({ model: 'home', messages: [{ role: 'user', content: '안녕' }] });
    expect(ok.statusCode).toBe(200);
    const blocked = await post({ model: 'abroad', messages: [{ role: 'user', content: '900101-1234568' }] });
    expect(blocked.statusCode).toBe(403);
    const bad = await post({ model: 'home', messages: [] });
    expect(bad.statusCode).toBe(400);
    const streamed = await post({
      model: 'home',
      stream: true,
      messages: [{ role: 'user', content: '안녕' }],
    });
    expect(streamed.statusCode).toBe(200);
    // A client that goes away mid-request: the request is still recorded, once, as 499.
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const gone = fetch(`${address}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'home', messages: [{ role: 'user', content: '천천히' }] }),
      signal: controller.signal,
    }).catch(() => undefined);
    setTimeout(() => controller.abort(), 50);
    await gone;
    await new Promise((r) => setTimeout(r, 400));
    const requests = records(server).filter((r) => r.kind === 'request');
    expect(requests.map((r) => [r.status, r.decision, r.outcome])).toEqual([
      [200, 'allow', 'ok'],
      [403, 'block', 'JG_POLICY_BLOCKED'],
      [400, 'error', 'JG_INVALID_REQUEST'],
      [200, 'allow', 'ok'],
      [499, 'error', 'JG_INVALID_REQUEST'],
    ]);
    // Every request id appears once.
    expect(new Set(requests.map((r) => r.requestId)).size).toBe(requests.length);
    // The blocked request's record names what was found and where it would have gone (counts only).
    expect(requests[1]).toMatchObject({
      model: 'abroad',
      residency: 'foreign',
      pii: { unique_identifier: 1 },
    });
  });
});

describe('collections keep their settings on every path', () => {
  it('a collection ingested with --pii mask stays masked when a document is uploaded over HTTP', async () => {
    const { dir, config } = await setup();
    writeFileSync(join(dir, 'a.md'), '# 고객\n\n고객 연락처는 010-2222-3333 입니다.\n');
    const ingest = await run(
      ['ingest', 'a.md', '--collection', 'masked', '--pii', 'mask', '--config', config],
      dir,
    );
    expect(ingest.code).toBe(0);
    const server = await serve(config);
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme', { role: 'operator' });
    const upload = await server.app.inject({
      method: 'PUT',
      url: '/api/collections/masked/documents/b.md',
      headers: { ...bearer(key), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('# 신청서\n\n신청인 주민등록번호 900101-1234568, 연락처 010-4444-5555\n'),
    });
    expect(upload.statusCode).toBe(200);
    const hits = await server.app.inject({
      method: 'POST',
      url: '/api/collections/masked/search',
      headers: bearer(key),
      payload: { query: '신청인 주민등록번호 연락처', k: 10 },
    });
    const text = JSON.stringify(hits.json());
    expect(text).toContain('신청인');
    expect(text).not.toContain('900101-1234568');
    expect(text).not.toContain('010-4444-5555');
    expect(text).not.toContain('010-2222-3333');
    // Asking to change the mode of an existing collection is refused, not silently ignored.
    const change = await run(
      ['ingest', 'a.md', '--collection', 'masked', '--pii', 'keep', '--config', config],
      dir,
    );
    expect(change.code).toBe(2);
    expect(change.stderr).toContain('JG_COLLECTION_CONFLICT');
  });
});

describe('administration leaves the same audit record on every path', () => {
  it('HTTP and CLI actions each write an admin record naming the action and target; declared tenants too', async () => {
    const { dir, config } = await setup({ yaml: 'tenants:\n  - { name: declared, rpm: 10 }' });
    const cli = async (...args: string[]) => {
      const r = await run([...args, '--config', config], dir);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    await cli('tenants', 'create', 'viacli');
    await cli('users', 'create', 'kim', '--tenant', 'viacli');
    const keyId = JSON.parse(await cli('keys', 'create', '--tenant', 'viacli', '--json')).id as string;
    await cli('keys', 'revoke', keyId);

    let server = await serve(config);
    await createTenant(server.store.db, 'ops');
    const { key } = await createApiKey(server.store.db, 'ops', { role: 'operator' });
    const api = (method: 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
    expect((await api('POST', '/api/tenants', { name: 'viahttp' })).statusCode).toBe(200);
    expect((await api('POST', '/api/users', { tenant: 'viahttp', name: 'lee' })).statusCode).toBe(200);
    const created = (await api('POST', '/api/keys', { tenant: 'viahttp' })).json() as { id: string };
    expect((await api('DELETE', `/api/keys/${created.id}`)).statusCode).toBe(200);
    expect((await api('DELETE', '/api/users/viahttp/lee')).statusCode).toBe(200);

    const admin = records(server).filter((r) => r.kind === 'admin');
    const of = (route: (r: string) => boolean) =>
      admin.filter((r) => route(r.route)).map((r) => [r.decision, r.tenant, r.target]);
    expect(of((r) => r === 'cli')).toEqual([
      ['tenant.create', 'viacli', 'viacli'],
      ['user.create', 'viacli', 'kim'],
      ['key.create', 'viacli', keyId],
      ['key.revoke', 'viacli', keyId],
    ]);
    expect(of((r) => r.startsWith('POST ') || r.startsWith('DELETE '))).toEqual([
      ['tenant.create', 'viahttp', 'viahttp'],
      ['user.create', 'viahttp', 'lee'],
      ['key.create', 'viahttp', created.id],
      ['key.revoke', 'viahttp', created.id],
      ['user.disable', 'viahttp', 'lee'],
    ]);
    // Over HTTP the record names the key that acted.
    expect(admin.find((r) => r.route === 'POST /api/tenants')?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(of((r) => r === 'config')).toEqual([['tenant.create', 'declared', 'declared']]);
    // Starting again with the same declaration records nothing new; a changed one is an update.
    await server.close();
    server = await serve(config);
    expect(records(server).filter((r) => r.route === 'config')).toHaveLength(1);
  });

  it('HTTP takes the settings the CLI takes: tenants and keys with limits, expiry and settings alike on both paths', async () => {
    const { dir, config } = await setup();
    const cli = async (...args: string[]) => {
      const r = await run([...args, '--config', config], dir);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    await cli(
      'tenants',
      'create',
      'viacli',
      '--rpm',
      '60',
      '--tokens-per-day',
      '1000',
      '--monthly-tokens',
      '20000',
      '--upload-bytes',
      '5000',
      '--ingest-bytes-per-day',
      '90000',
      '--share',
      '3',
      '--ai-label',
      'visible',
      '--data-class',
      'S',
      '--pseudonyms',
      'keep',
      '--models',
      'home',
      '--policy',
      'open',
    );
    const server = await serve(config);
    await createTenant(server.store.db, 'ops');
    const { key } = await createApiKey(server.store.db, 'ops', { role: 'operator' });
    const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
    const created = await api('POST', '/api/tenants', {
      name: 'viahttp',
      rpm: 60,
      tokensPerDay: 1000,
      monthlyTokens: 20000,
      uploadBytes: 5000,
      ingestBytesPerDay: 90000,
      share: 3,
      aiLabel: 'visible',
      dataClass: 'S',
      pseudonyms: 'keep',
      allowedModels: ['home'],
      preset: 'open',
    });
    expect(created.statusCode, created.body).toBe(200);
    const tenants = async () =>
      ((await api('GET', '/api/tenants')).json() as { data: Record<string, unknown>[] }).data;
    const settings = (name: string, all: Record<string, unknown>[]) => {
      const { name: _n, created: _c, ...rest } = all.find((t) => t.name === name) ?? {};
      return rest;
    };
    expect(settings('viahttp', await tenants())).toEqual(settings('viacli', await tenants()));
    expect(settings('viahttp', await tenants())).toMatchObject({ rpm: 60, preset: 'open', share: 3 });

    // A change of one setting keeps the others: the policy preset above all.
    const patched = await api('PATCH', '/api/tenants/viahttp', {
      rpm: 0,
      monthlyTokens: 0,
      tokensPerDay: 500_000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(settings('viahttp', await tenants())).toMatchObject({
      rpm: null,
      monthlyTokens: null,
      tokensPerDay: 500_000,
      preset: 'open',
    });
    for (const [body, problem] of [
      [{}, 'send at least one field in the body'],
      [{ rpm: -1 }, '"rpm" must be >= 0'],
      [{ rpm: 1.5 }, '"rpm" must be integer'],
      [{ rpm: '10' }, '"rpm" must be integer'],
      [{ rpm: 2 ** 53 }, '"rpm" must be <= 9007199254740991'],
      [{ share: 0 }, '"share" must be >= 1'],
      [{ dataClass: 'secret' }, '"dataClass" must be one of'],
      [{ tokensPerDy: 10 }, 'body has no field "tokensPerDy"'],
    ] as const) {
      const r = await api('PATCH', '/api/tenants/viahttp', body);
      expect([r.statusCode, r.json().error.code, r.json().error.message], JSON.stringify(body)).toEqual([
        400,
        'JG_INVALID_REQUEST',
        expect.stringContaining(problem),
      ]);
    }
    expect(settings('viahttp', await tenants())).toMatchObject({
      rpm: null,
      monthlyTokens: null,
      tokensPerDay: 500_000,
      preset: 'open',
    });

    // A key with limits and an expiry, as `jugwon keys create --rpm 2 --expires 2h` makes it.
    const k = await api('POST', '/api/keys', { tenant: 'viahttp', rpm: 2, expires: '2h' });
    expect(k.statusCode, k.body).toBe(200);
    const made = k.json() as { key: string; expiresAt: string };
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    const ask = () =>
      server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: bearer(made.key),
        payload: { model: 'home', messages: [{ role: 'user', content: '안녕하세요' }] },
      });
    expect([(await ask()).statusCode, (await ask()).statusCode]).toEqual([200, 200]);
    expect((await ask()).json().error.code).toBe('JG_RATE_LIMITED');
    // A misspelt limit is refused, not a key without it; so is an expiry in the past.
    const keysBefore = (await api('GET', '/api/keys')).json().data.length;
    const typo = await api('POST', '/api/keys', { tenant: 'viahttp', rpmm: 2 });
    expect([typo.statusCode, typo.json().error.message]).toEqual([
      400,
      expect.stringContaining('no field "rpmm"'),
    ]);
    const past = await api('POST', '/api/keys', { tenant: 'viahttp', expires: '2020-01-01' });
    expect([past.statusCode, past.json().error.message]).toEqual([
      400,
      expect.stringContaining('must be in the future'),
    ]);
    expect((await api('GET', '/api/keys')).json().data.length).toBe(keysBefore);
  });

  it('a missing tenant is 404 and a taken name 409 over HTTP; the CLI says the same with exit code 2', async () => {
    const { dir, config } = await setup();
    const server = await serve(config);
    await createTenant(server.store.db, 'ops');
    const { key } = await createApiKey(server.store.db, 'ops', { role: 'operator' });
    const missing = await server.app.inject({
      method: 'PATCH',
      url: '/api/tenants/nobody',
      headers: bearer(key),
      payload: { preset: 'open' },
    });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'JG_TENANT_NOT_FOUND']);
    expect(missing.json().error.message).not.toContain('jugwon');
    const taken = await server.app.inject({
      method: 'POST',
      url: '/api/tenants',
      headers: bearer(key),
      payload: { name: 'ops' },
    });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'JG_TENANT_EXISTS']);
    await server.close();
    const cli = await run(['tenants', 'set', 'nobody', '--rpm', '5', '--config', config], dir);
    expect([cli.code, cli.stderr]).toEqual([2, expect.stringContaining('JG_TENANT_NOT_FOUND')]);
    // jugwon tenants set changes a tenant's models.
    expect((await run(['tenants', 'set', 'ops', '--models', 'home', '--config', config], dir)).code).toBe(0);
    const list = await run(['tenants', 'list', '--json', '--config', config], dir);
    expect(JSON.parse(list.stdout)[0].allowed_models).toBe('["home"]');
  });
});

describe('evaluations run under the tenant that starts them', () => {
  it("a console evaluation only uses the tenant's models and is metered and audited as its requests", async () => {
    const { dir, config } = await setup({ upstream: { reply: () => '정답은 (A)입니다.' } });
    mkdirSync(join(dir, 'data', 'eval-suites'), { recursive: true });
    writeFileSync(
      join(dir, 'data', 'eval-suites', 'mini.jsonl'),
      `${JSON.stringify({ id: 'q1', question: '수도는?', choices: ['서울', '부산'], answer: 0 })}\n${JSON.stringify({ id: 'q2', question: '1+1?', choices: ['2', '3'], answer: 0 })}\n`,
    );
    const server = await serve(config);
    await createTenant(server.store.db, 'lab', { allowedModels: ['home'] });
    const { key } = await createApiKey(server.store.db, 'lab', { role: 'compliance' });
    const start = (models: string[]) =>
      server.app.inject({
        method: 'POST',
        url: '/api/eval-jobs',
        headers: bearer(key),
        payload: { suite: 'mini.jsonl', models },
      });
    const forbidden = await start(['abroad']);
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, 'JG_MODEL_NOT_ALLOWED']);
    const job = await start(['home']);
    expect(job.statusCode).toBe(200);
    for (let i = 0; i < 100; i++) {
      const jobs = (
        await server.app.inject({ method: 'GET', url: '/api/eval-jobs', headers: bearer(key) })
      ).json().data as { state: string }[];
      if (jobs[0]?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const evalRecords = records(server).filter((r) => r.route.startsWith('eval '));
    expect(evalRecords.map((r) => [r.tenant, r.model, r.status])).toEqual([
      ['lab', 'home', 200],
      ['lab', 'home', 200],
    ]);
    const usage = (await server.app.inject({ method: 'GET', url: '/api/usage', headers: bearer(key) })).json()
      .data as { tenant: string; model: string; requests: number }[];
    expect(usage.map((u) => [u.tenant, u.model, u.requests])).toEqual([['lab', 'home', 2]]);
  });
});

/** A server with a hybrid collection (embedded with model `emb`) and a grounded question to ask it. */
async function hybrid(latencyMs = 0) {
  const { dir, config, upstream } = await setup({ upstream: { latencyMs } });
  writeFileSync(join(dir, 'rules.md'), '# 대출\n\n제2조(금리) 대출 금리는 기준금리에 1.5%를 더한다.\n');
  const ingest = await run(
    ['ingest', 'rules.md', '--collection', 'rules', '--embedding-model', 'emb', '--config', config],
    dir,
  );
  expect(ingest.code, ingest.stderr).toBe(0);
  const server = await serve(config);
  const ask = (key: string) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: bearer(key),
      payload: {
        model: 'home',
        messages: [{ role: 'user', content: '대출 금리는?' }],
        jugwon: { collection: 'rules' },
      },
    });
  return { server, upstream, ask };
}

describe('grounded chat', () => {
  it('admits the request before any search or embedding: an exhausted budget costs no model call', async () => {
    const { server, upstream, ask } = await hybrid();
    await createTenant(server.store.db, 'poor', { tokensPerDay: 10 });
    const { key } = await createApiKey(server.store.db, 'poor');
    const before = upstream.received.length;
    const res = await ask(key);
    expect([res.statusCode, res.json().error.code]).toEqual([429, 'JG_QUOTA_EXCEEDED']);
    expect(upstream.received.length).toBe(before);
  });

  it('refuses an embeddings answer that does not give one vector of numbers per input, naming what was wrong', async () => {
    const { server, upstream, ask } = await hybrid();
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme');
    for (const [rewrite, problem] of [
      [() => [], '0 embeddings for 1 inputs'],
      [(d: { index: number }[]) => [...d, { ...d[0] }], '2 embeddings for 1 inputs'],
      [(d: object[]) => d.map((x) => ({ ...x, index: 3 })), 'one distinct index per input'],
      [(d: object[]) => d.map((x) => ({ ...x, embedding: ['0.1', 'x'] })), 'not a list of numbers'],
      [(d: object[]) => d.map((x) => ({ ...x, embedding: 'AAAAAA==' })), 'not a list of numbers'],
    ] as const) {
      upstream.options.embeddings = rewrite as never;
      const res = await ask(key);
      expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
        502,
        'JG_UPSTREAM_ERROR',
        expect.stringContaining(problem),
      ]);
    }
    upstream.options.embeddings = undefined;
    expect((await ask(key)).statusCode).toBe(200);
  });

  it("meters and audits the question's embedding as its own call of the tenant", async () => {
    const { server, ask } = await hybrid();
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme');
    const res = await ask(key);
    expect(res.statusCode).toBe(200);
    expect(res.json().citations[0].text).toContain('1.5%');
    const mine = records(server).filter((r) => r.tenant === 'acme');
    expect(mine.map((r) => [r.route, r.model])).toEqual([
      ['POST /v1/chat/completions embeddings', 'emb'],
      ['POST /v1/chat/completions', 'home'],
    ]);
    const usage = (await server.app.inject({ method: 'GET', url: '/api/usage', headers: bearer(key) })).json()
      .data as { model: string; prompt_tokens: number }[];
    expect(usage.map((u) => u.model).sort()).toEqual(['emb', 'home']);
  });
});

describe('health', () => {
  it('/healthz is liveness only; /api/health says degraded when no chat model can answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-health-'));
    const server = await createServer(
      resolveConfig({
        dataDir: join(dir, 'data'),
        models: [
          { id: 'gone', provider: 'llamacpp', path: join(dir, 'missing.gguf'), residency: 'onprem' },
          {
            id: 'far',
            provider: 'openai-compatible',
            baseUrl: 'http://127.0.0.1:1/v1',
            residency: 'domestic',
          },
        ],
      }),
      { logger: false },
    );
    cleanups.push(() => server.close());
    const live = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(live.json()).toEqual({ status: 'ok' });
    expect(live.body).not.toContain('missing.gguf');
    await createTenant(server.store.db, 'ops');
    const member = await createApiKey(server.store.db, 'ops');
    expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(401);
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/health', headers: bearer(member.key) }))
        .statusCode,
    ).toBe(403);
    const admin = await createApiKey(server.store.db, 'ops', { role: 'admin' });
    const ready = (
      await server.app.inject({ method: 'GET', url: '/api/health', headers: bearer(admin.key) })
    ).json();
    expect(ready.status).toBe('degraded');
    expect(
      ready.models.map((m: { id: string; ok: boolean; state: string }) => [m.id, m.ok, m.state]),
    ).toEqual([
      ['gone', false, 'missing'],
      ['far', false, 'unreachable'],
    ]);
  });

  it('an upstream that answers GET /models is ready', async () => {
    const { config } = await setup();
    const server = await serve(config);
    const ready = (await server.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(ready.status).toBe('ok');
    expect(ready.models.every((m: { ok: boolean }) => m.ok)).toBe(true);
  });

  it('100 health requests at once ask each model server once, not 100 times', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    const before = upstream.healthChecks();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => server.app.inject({ method: 'GET', url: '/api/health' })),
    );
    expect(answers.every((a) => a.json().status === 'ok')).toBe(true);
    // Three models on this upstream: a round is three checks (each request made its own: 300).
    const burst = upstream.healthChecks() - before;
    expect(burst).toBeLessThanOrEqual(6);
    await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(upstream.healthChecks() - before).toBeGreaterThan(burst); // a later request checks again
  });
});

describe('configuration', () => {
  it('pii scan reads ./jugwon.yaml like every other command (its allow list applies)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-cfg-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'privacy:\n  allow: ["1588-1234"]\n');
    const input = `${JSON.stringify({ id: 1, text: '대표번호 1588-1234, 담당 010-1234-5678' })}\n`;
    const r = await run(['pii', 'scan', '--jsonl'], dir, { input });
    const types = (JSON.parse(r.stdout).entities as { text: string }[]).map((e) => e.text);
    expect(types).toEqual(['010-1234-5678']);
  });

  it('audit durability is full unless set to normal', async () => {
    for (const [durability, pragma] of [
      [undefined, 2],
      ['normal', 1],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'jugwon-sync-'));
      const server = await createServer(
        resolveConfig({ dataDir: dir, ...(durability ? { store: { durability } } : {}) }),
        { logger: false },
      );
      expect(sqliteOf(server.store).pragma('synchronous', { simple: true })).toBe(pragma);
      // A token reservation writes nothing (its settlement does), and leaves the setting as it was.
      const t = await createTenant(server.store.db, 'budget', { tokensPerDay: 1000 });
      const p = {
        tenantId: t.id,
        tenantName: t.name,
        keyId: null,
        userName: null,
        role: 'member',
        tenant: t,
        key: null,
      } as const;
      await server.platform.quotas.reserve(p, 10);
      expect(sqliteOf(server.store).pragma('synchronous', { simple: true })).toBe(pragma);
      await server.close();
    }
  });

  it('deployment settings come from the file, environment variables only through $-expansion with defaults', () => {
    process.env.JG_TEST_PORT = '9999';
    try {
      // The configuration's own syntax, written as a file would hold it.
      const expansion = (name: string, fallback: string) => `$${'{'}${name}:-${fallback}}`;
      expect(resolveConfig({ server: { port: expansion('JG_TEST_PORT', '1') } }).server.port).toBe(9999);
      expect(resolveConfig({ server: { port: expansion('JG_TEST_UNSET', '8080') } }).server.port).toBe(8080);
      // A value the file sets wins over JUGWON_PORT; without one, JUGWON_PORT is the default.
      process.env.JUGWON_PORT = '7000';
      expect(resolveConfig({ server: { port: 1234 } }).server.port).toBe(1234);
      expect(resolveConfig({}).server.port).toBe(7000);
      expect(() => resolveConfig({ audit: { retentionKey: 'short' } })).toThrow(/64 hex digits/);
      expect(resolveConfig({}).store.durability).toBe('full');
      expect(resolveConfig({ hub: { url: 'http://mirror.internal:8080' } }).hub.url).toBe(
        'http://mirror.internal:8080',
      );
    } finally {
      delete process.env.JG_TEST_PORT;
      delete process.env.JUGWON_PORT;
    }
  });
});

describe('numbers that decide what a request may spend', () => {
  it('refuses negative, fractional, huge, infinite and non-numeric token limits before any budget is touched', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    await createTenant(server.store.db, 'acme', { tokensPerDay: 100_000 });
    const { key } = await createApiKey(server.store.db, 'acme');
    const limits = ['max_tokens', 'max_completion_tokens', 'n_predict'];
    for (const [k, v] of limits.flatMap((k) =>
      ['-100000', '-1', '0', '1.5', '1e309', '"100"', '1e7'].map((v) => [k, v]),
    )) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        payload: `{"model":"home","${k}":${v},"messages":[{"role":"user","content":"안녕"}]}`,
      });
      expect([k, v, res.statusCode, res.json().error.code]).toEqual([k, v, 400, 'JG_INVALID_REQUEST']);
    }
    expect(upstream.received).toHaveLength(0);
    const used = sqliteOf(server.store).prepare('SELECT COUNT(*) AS n FROM quota_counters').get() as {
      n: number;
    };
    expect(used.n).toBe(0);
  });

  it('refuses choice counts (n, best_of) that are not whole numbers from 1 to 128', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    await createTenant(server.store.db, 'acme', { tokensPerDay: 100_000 });
    const { key } = await createApiKey(server.store.db, 'acme');
    const cases = [
      ['n', '0'],
      ['n', '-1'],
      ['n', '1.5'],
      ['n', '129'],
      ['n', '1e6'],
      ['n', '"2"'],
      ['best_of', '0'],
      ['best_of', '1000'],
      ['best_of', '"8"'],
    ];
    for (const [k, v] of cases) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        payload: `{"model":"home","${k}":${v},"messages":[{"role":"user","content":"안녕"}]}`,
      });
      expect([k, v, res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
        k,
        v,
        400,
        'JG_INVALID_REQUEST',
        expect.stringContaining(`"${k}" must be a whole number from 1 to 128`),
      ]);
    }
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses more than 2,048 embedding inputs (a vector comes back for each), before anything is sent', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme');
    const embed = (n: number) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/embeddings',
        headers: bearer(key),
        payload: { model: 'emb', input: Array.from({ length: n }, () => '가') },
      });
    for (const n of [2049, 1_000_000]) {
      const res = await embed(n);
      expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
        400,
        'JG_INVALID_REQUEST',
        expect.stringContaining('"input" may hold at most 2048 strings'),
      ]);
    }
    expect(upstream.received).toHaveLength(0);
    const ok = await embed(2048);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toHaveLength(2048);
  });

  it('reserves the largest completion limit for every choice a request asks for, so n, best_of or n_predict cannot overspend a budget', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    const body = { model: 'home', max_tokens: 100, messages: [{ role: 'user', content: '안녕' }] };
    // Room for three completions of 100 tokens, not four.
    const budget = promptBound({ capability: 'chat', request: body as ChatRequest }) + 3 * 100;
    await createTenant(server.store.db, 'acme', { tokensPerDay: budget });
    const { key } = await createApiKey(server.store.db, 'acme');
    const call = (extra: object) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: bearer(key),
        payload: { ...body, ...extra },
      });
    // Nor one completion longer than that under any of the names an upstream may honour.
    const over = [{ n: 4 }, { best_of: 4 }, { n: 2, best_of: 4 }, { n_predict: 400 }];
    for (const extra of [...over, { max_completion_tokens: 10, max_tokens: 400 }]) {
      const res = await call(extra);
      expect([extra, res.statusCode, res.json().error.code]).toEqual([extra, 429, 'JG_QUOTA_EXCEEDED']);
    }
    expect(upstream.received).toHaveLength(0);
    const three = await call({ n: 3 });
    expect(three.statusCode).toBe(200);
    expect(upstream.received).toHaveLength(1);
  });
});

describe('bodies nested thousands of levels deep', () => {
  it('are refused before anything walks them, on every route, with the limit named', async () => {
    const { config, upstream } = await setup();
    const server = await serve(config);
    await createTenant(server.store.db, 'acme');
    const { key } = await createApiKey(server.store.db, 'acme');
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const post = (url: string, payload: string) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: { ...bearer(key), 'content-type': 'application/json' },
        payload,
      });
    const tools = (n: number) =>
      `{"model":"home","messages":[{"role":"user","content":"안녕"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","x":${deep(n)}}}}]}`;
    for (const [url, payload] of [
      ['/v1/chat/completions', tools(100_000)],
      [
        '/v1/chat/completions',
        `{"model":"home","messages":[{"role":"user","content":"안녕"}],"x":${deep(100_000)}}`,
      ],
      ['/v1/embeddings', `{"model":"home","input":"x","x":${deep(5_000)}}`],
      ['/api/pii/scan', `{"text":"x","x":${deep(5_000)}}`],
    ] as const) {
      const res = await post(url, payload);
      expect([url, res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
        url,
        400,
        'JG_INVALID_REQUEST',
        expect.stringContaining('deeper than 128 levels'),
      ]);
    }
    expect(upstream.received).toHaveLength(0);
    // A schema a hundred levels deep is still a request.
    expect((await post('/v1/chat/completions', tools(100))).statusCode).toBe(200);
  });
});

describe('evaluations on the command line', () => {
  it('jugwon eval run --tenant runs under that tenant: its models only', async () => {
    const { dir, config } = await setup();
    writeFileSync(
      join(dir, 'mini.jsonl'),
      `${JSON.stringify({ id: 'q1', question: '수도는?', choices: ['서울', '부산'], answer: 0 })}\n`,
    );
    const server = await serve(config);
    await createTenant(server.store.db, 'lab', { allowedModels: ['home'] });
    await server.close();
    const refused = await run(
      ['eval', 'run', '--suite', 'mini.jsonl', '--model', 'abroad', '--tenant', 'lab', '--config', config],
      dir,
    );
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('JG_MODEL_NOT_ALLOWED')]);
    const ok = await run(
      [
        'eval',
        'run',
        '--suite',
        'mini.jsonl',
        '--model',
        'home',
        '--tenant',
        'lab',
        '--config',
        config,
        '--json',
      ],
      dir,
    );
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('grounding is part of the request', () => {
  it("cancels the question's embedding when the client goes away", async () => {
    const { server, upstream } = await hybrid(400);
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const abortedBefore = upstream.aborted();
    const controller = new AbortController();
    const pending = fetch(`${address}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'home',
        messages: [{ role: 'user', content: '대출 금리는?' }],
        jugwon: { collection: 'rules' },
      }),
      signal: controller.signal,
    }).catch(() => undefined);
    setTimeout(() => controller.abort(), 100); // while the question is being embedded
    await pending;
    await new Promise((r) => setTimeout(r, 600));
    expect(upstream.aborted()).toBeGreaterThan(abortedBefore);
    const last = records(server)
      .filter((r) => r.route === 'POST /v1/chat/completions embeddings')
      .at(-1);
    expect(last?.status).toBe(499);
  });
});
