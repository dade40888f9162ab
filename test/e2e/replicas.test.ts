import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatform, type Platform } from '../../src/app/platform.js';
import { verifyAudit } from '../../src/audit/log.js';
import { keyPaths } from '../../src/audit/signing.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createApiKey, revokeApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { freshPostgres, haveServices, services } from '../support/stores.js';

/**
 * The same guarantees on both stores: the embedded one (SQLite, counting in this process) and the
 * shared one (Postgres and Redis, for replicas). Each test runs on each store that is available;
 * `.ci/run` makes both available.
 */
type Backend = { name: string; config: (dataDir: string) => Record<string, unknown> };
let pg: Awaited<ReturnType<typeof freshPostgres>> | undefined;
const backends: Backend[] = [
  { name: 'SQLite', config: () => ({}) },
  ...(haveServices
    ? [
        {
          name: 'Postgres + Redis',
          config: () => ({ store: { url: pg?.url }, redis: { url: services.redis } }),
        },
      ]
    : []),
];

beforeAll(async () => {
  if (haveServices) pg = await freshPostgres();
});
afterAll(async () => {
  await pg?.drop();
});

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened.reverse()) await o.close();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'jugwon-replicas-'));
/** An audit record of an allowed request on `route`, written now. */
const allowed = (route: string) => ({
  time: new Date().toISOString(),
  kind: 'request' as const,
  tenant: 't',
  keyId: null,
  route,
  decision: 'allow',
  status: 200,
  outcome: 'ok',
});
const unique = (p: string) => `${p}${Math.random().toString(36).slice(2, 8)}`;

async function platformOn(b: Backend, dataDir: string): Promise<Platform> {
  const p = await openPlatform(resolveConfig({ dataDir, ...b.config(dataDir) }));
  opened.push(p);
  return p;
}

describe.each(backends)('budgets and the trail on $name', (b) => {
  it('reserves all or nothing, settles to what was used, and starts again from what was settled', async () => {
    const dataDir = tmp();
    const one = await platformOn(b, dataDir);
    const tenant = unique('t');
    await createTenant(one.store.db, tenant, { tokensPerDay: 100 });
    const { key } = await createApiKey(one.store.db, tenant);
    const p = await one.auth.authenticate(`Bearer ${key}`, '10.0.0.1');
    const r = await one.quotas.reserve(p, 60);
    await expect(one.quotas.reserve(p, 60)).rejects.toThrow(/budget of 100 tokens/);
    await one.quotas.settle(r, 15);
    await one.ledger.write({ counters: r.scopes.map((scope) => ({ scope, used: 15 })) });
    await one.close();
    // A restarted server (or another replica) counts from what was settled: 15 of 100.
    const two = await platformOn(b, dataDir);
    const q = await two.auth.authenticate(`Bearer ${key}`, '10.0.0.1');
    await expect(two.quotas.reserve(q, 86)).rejects.toThrow(/budget/);
    await expect(two.quotas.reserve(q, 85)).resolves.toMatchObject({ tokens: 85 });
  });

  it('creates a tenant once when three callers create it at once; the others hear it exists', async () => {
    const one = await platformOn(b, tmp());
    const name = unique('race');
    const results = await Promise.allSettled([1, 2, 3].map(() => createTenant(one.store.db, name)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('JG_TENANT_EXISTS');
  });

  it('accepts a key stored with scrypt by an earlier version once, then stores it as SHA-256', async () => {
    const one = await platformOn(b, tmp());
    const tenant = unique('t');
    await createTenant(one.store.db, tenant);
    const k = await createApiKey(one.store.db, tenant);
    const { hashSecret } = await import('../../src/tenancy/keys.js');
    const salt = 'cd'.repeat(16);
    const hash = await hashSecret(k.key.slice(`jg_${k.id}_`.length), salt);
    await one.store.db.updateTable('api_keys').set({ salt, hash }).where('id', '=', k.id).execute();
    await expect(one.auth.authenticate(`Bearer jg_${k.id}_${'y'.repeat(43)}`, '10.0.0.1')).rejects.toThrow(
      /key is invalid/,
    );
    await expect(one.auth.authenticate(`Bearer ${k.key}`, '10.0.0.1')).resolves.toMatchObject({
      keyId: k.id,
    });
    const row = await one.store.db
      .selectFrom('api_keys')
      .select(['salt', 'hash'])
      .where('id', '=', k.id)
      .executeTakeFirstOrThrow();
    expect(row.salt).toBe('');
    expect(row.hash).not.toBe(hash);
    const fresh = await platformOn(b, one.config.dataDir); // no verified keys remembered
    await expect(fresh.auth.authenticate(`Bearer ${k.key}`, '10.0.0.1')).resolves.toMatchObject({
      keyId: k.id,
    });
  });

  it('keeps at most 10 sessions of a user: signing in again ends the oldest; ended ones are forgotten a day later', async () => {
    const one = await platformOn(b, tmp());
    const tenant = unique('s');
    await createTenant(one.store.db, tenant);
    await createUser(one.store.db, tenant, 'kim', { password: 'correct horse battery' });
    const tokens: string[] = [];
    for (let i = 0; i < 15; i++)
      tokens.push((await one.auth.sessions.signIn(tenant, 'kim', 'correct horse battery')).token);
    const valid = async (t: string) =>
      one.auth.sessions.resolve(t, 'GET', undefined).then(
        () => true,
        () => false,
      );
    expect(await Promise.all(tokens.map(valid))).toEqual([...Array(5).fill(false), ...Array(10).fill(true)]);
    const rows = () =>
      one.store.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id', 'sessions.revoked_at'])
        .where('users.name', '=', 'kim')
        .where('sessions.tenant_id', 'in', (eb) =>
          eb.selectFrom('tenants').select('id').where('name', '=', tenant),
        )
        .execute();
    expect((await rows()).length).toBe(15);
    // A day after they ended (an hour more here), the five ended sessions are deleted; the live
    // ones (8 hours) stay.
    expect(await one.auth.sessions.prune(new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(5);
    expect((await rows()).map((r) => r.revoked_at)).toEqual(Array(10).fill(null));
    // …and a day after they expire, the rest too.
    await one.auth.sessions.prune(new Date(Date.now() + 33 * 3600_000));
    expect(await rows()).toEqual([]);
  });

  it('keeps at most 10 live sessions when a user signs in many times at once, on two replicas', async () => {
    const dataDir = tmp();
    const replicas = [await platformOn(b, dataDir), await platformOn(b, dataDir)];
    const one = replicas[0] as Platform;
    const tenant = unique('s');
    const { id: tenantId } = await createTenant(one.store.db, tenant);
    const { id: userId } = await createUser(one.store.db, tenant, 'kim', {
      password: 'correct horse battery',
    });
    const { directoryOf } = await import('../../src/tenancy/directory.js');
    // The sign-ins' last step at the same moment (the password checks before it take their own time).
    const expires = new Date(Date.now() + 3600_000).toISOString();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        directoryOf((replicas[i % 2] as Platform).store).addSession(
          {
            id: `${unique('session')}${i}`,
            user_id: userId,
            tenant_id: tenantId,
            csrf: 'x',
            created_at: new Date(Date.now() + i).toISOString(),
            expires_at: expires,
          },
          10,
        ),
      ),
    );
    const live = await one.store.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    // Each counted the live sessions before the others committed: 11 or more were left.
    expect(live).toHaveLength(10);
    // Their connections go back now: Postgres serves a hundred clients, and later tests need theirs.
    for (const r of replicas) await r.close();
  });

  it('keeps at most 200 conversations of a user when twenty are saved at once with one place left', async () => {
    const dataDir = tmp();
    const one = await platformOn(b, dataDir);
    // Replicas share Postgres; the embedded store has one server.
    const two = b.name === 'SQLite' ? one : await platformOn(b, dataDir);
    const tenant = unique('c');
    const { id: tenantId } = await createTenant(one.store.db, tenant);
    const { id: userId } = await createUser(one.store.db, tenant, 'kim', {
      password: 'correct horse battery',
    });
    const { Conversations, MAX_CONVERSATIONS } = await import('../../src/app/conversations.js');
    const principal = { tenantId, tenantName: tenant, userId, userName: 'kim', role: 'user' } as never;
    const turns = [{ role: 'user', content: '대출 상환일을 알려 주세요' }];
    const saves = [new Conversations(one), new Conversations(two)];
    for (let i = 0; i < MAX_CONVERSATIONS - 1; i++)
      await (saves[0] as InstanceType<typeof Conversations>).create(principal, '', turns);
    const raced = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        (saves[i % 2] as InstanceType<typeof Conversations>).create(principal, '', turns),
      ),
    );
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of raced)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('JG_CONVERSATION_LIMIT');
    const kept = await one.store.db
      .selectFrom('conversations')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(kept).toHaveLength(MAX_CONVERSATIONS);
    await one.close(); // its connections back to Postgres (a hundred clients in all)
    if (two !== one) await two.close();
  });

  it("reads one tenant's records of a shared trail by the tenant column, told apart exactly", async () => {
    const one = await platformOn(b, tmp());
    const { queryAudit, accessReview } = await import('../../src/app/audit.js');
    const id = unique('');
    const tenants = [`a_b${id}`, `axb${id}`, `A_B${id}`];
    for (const tenant of tenants)
      for (let i = 0; i < 3; i++)
        await one.ledger.write({
          audit: {
            time: new Date().toISOString(),
            kind: 'request',
            tenant,
            keyId: null,
            route: 'POST /v1/chat/completions',
            requestId: `${tenant}-${i}`,
            decision: 'allow',
            status: 200,
            outcome: 'ok',
          },
        });
    const got = await queryAudit(one, { tenant: `a_b${id}`, limit: 100 });
    expect(got.map((r) => r.requestId)).toEqual([2, 1, 0].map((i) => `a_b${id}-${i}`));
    const review = await accessReview(one, new Date().toISOString().slice(0, 7), `A_B${id}`);
    expect(review.access).toEqual([expect.objectContaining({ tenant: `A_B${id}`, requests: 3 })]);
  });

  it('keeps one verifiable chain under concurrent writers, and names a rewritten record', async () => {
    const dataDir = tmp();
    const a = await platformOn(b, dataDir);
    // On Postgres a second replica (sharing the data folder, and so the signing key) writes the
    // same chain; SQLite has one server per file.
    const writers = b.name === 'SQLite' ? [a] : [a, await platformOn(b, dataDir)];
    const before = (await verifyAudit(a.store.db, keyPaths(dataDir).publicKey)).records;
    await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        (writers[i % writers.length] as Platform).ledger.write({
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
        }),
      ),
    );
    for (const w of writers) await w.ledger.checkpoint();
    expect(await verifyAudit(a.store.db, keyPaths(dataDir).publicKey, { anchor: a.anchor })).toMatchObject({
      ok: true,
      records: before + 250,
      unsignedTail: 0,
    });
    const seqs = (await a.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    expect(seqs.length).toBe(before + 250);
    expect(seqs.every((s, i) => s === i + 1)).toBe(true); // one gapless chain
    await a.store.db
      .updateTable('audit_log')
      .set({ record: '{"decision":"allow","forged":true}' })
      .where('seq', '=', before + 7)
      .execute();
    const bad = await verifyAudit(a.store.db, keyPaths(dataDir).publicKey);
    expect(bad.firstBad).toEqual({ seq: before + 7, problem: 'its content was changed (hash mismatch)' });
  });

  it('fails a record the store refuses alone: the others of its batch are committed, the chain verifies', async () => {
    const dataDir = tmp();
    const a = await platformOn(b, dataDir);
    const db = a.store.db;
    if (a.store.dialect === 'sqlite')
      a.store.sqlite.exec(
        "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log WHEN NEW.record LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
    else {
      await sql`CREATE OR REPLACE FUNCTION jg_refuse() RETURNS trigger AS $$ BEGIN IF NEW.record LIKE '%poison%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION jg_refuse()`.execute(
        db,
      );
    }
    const before = (await verifyAudit(db, keyPaths(dataDir).publicKey)).records;
    try {
      // Written at once, so they share a batch (one transaction): the third is refused.
      const routes = Array.from({ length: 40 }, (_, i) => (i === 2 ? 'poison' : `r${i}`));
      const results = await Promise.allSettled(
        routes.map((route) => a.ledger.write({ audit: allowed(route) })),
      );
      expect(results.map((r) => r.status)).toEqual(
        routes.map((r) => (r === 'poison' ? 'rejected' : 'fulfilled')),
      );
      await a.ledger.checkpoint();
      const rows = await db
        .selectFrom('audit_log')
        .select(['seq', 'record', 'prev_hash', 'hash'])
        .orderBy('seq')
        .execute();
      const added = rows.slice(before);
      expect(added.map((r) => (JSON.parse(r.record) as { route: string }).route)).toEqual(
        routes.filter((r) => r !== 'poison'),
      );
      // One chain through the batch: no gap where the refused record was, each links to the last.
      added.forEach((r, i) => {
        const prev = rows[before + i - 1];
        if (prev) expect([r.seq, r.prev_hash]).toEqual([prev.seq + 1, prev.hash]);
      });
      // The whole trail verifies where this test's key signed all of it (Postgres is shared by the
      // file's tests, each with a key of its own).
      if (b.name === 'SQLite')
        expect(await verifyAudit(db, keyPaths(dataDir).publicKey, { anchor: a.anchor })).toMatchObject({
          ok: true,
          records: before + 39,
        });
    } finally {
      if (a.store.dialect === 'sqlite') a.store.sqlite.exec('DROP TRIGGER audit_refuses');
      else await sql`DROP TRIGGER audit_refuses ON audit_log`.execute(db);
    }
  });

  it('still writes the audit record, saying so, when the settlement and usage cannot be written', async () => {
    const a = await platformOn(b, tmp());
    const db = a.store.db;
    if (a.store.dialect === 'sqlite')
      a.store.sqlite.exec(
        "CREATE TRIGGER usage_fails BEFORE INSERT ON usage BEGIN SELECT RAISE(ABORT, 'disk full'); END",
      );
    else {
      await sql`CREATE OR REPLACE FUNCTION jg_disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER usage_fails BEFORE INSERT ON usage FOR EACH ROW EXECUTE FUNCTION jg_disk_full()`.execute(
        db,
      );
    }
    const scope = unique('tenant:x:day:');
    const record = allowed;
    const usage = {
      tenantId: 'x',
      model: 'm',
      day: '2026-12-02',
      error: false,
      promptTokens: 1,
      completionTokens: 1,
      latencyMs: 1,
    };
    await a.ledger.write({ counters: [{ scope, used: 10 }], usage, audit: record('failing usage') });
    // A count that is not a number is refused the same way (never written as NaN).
    await a.ledger.write({ counters: [{ scope, used: Number.NaN }], audit: record('not a number') });
    await a.ledger.write({ audit: record('after') });
    const rows = await db.selectFrom('audit_log').select(['record']).orderBy('seq').execute();
    const last = rows.slice(-3).map((r) => JSON.parse(r.record) as { route: string; target?: string });
    expect(last.map((r) => [r.route, r.target ?? null])).toEqual([
      ['failing usage', 'usage and budget not recorded (accounting failed)'],
      ['not a number', 'usage and budget not recorded (accounting failed)'],
      ['after', null],
    ]);
    // The settlement was rolled back with the usage row: one savepoint for both.
    expect(await db.selectFrom('quota_counters').selectAll().where('scope', '=', scope).execute()).toEqual(
      [],
    );
  });

  it('throttles password guesses spread over replicas as guesses at one', async () => {
    const dataDir = tmp();
    const a = await platformOn(b, dataDir);
    const other = b.name === 'SQLite' ? a : await platformOn(b, dataDir);
    const tenant = unique('g');
    await createTenant(a.store.db, tenant);
    await createUser(a.store.db, tenant, 'kim', { password: 'correct horse battery' });
    // Five wrong passwords from five addresses, taking turns between the replicas.
    for (let i = 0; i < 5; i++)
      await expect(
        (i % 2 ? other : a).auth.sessions.signIn(tenant, 'kim', `guess ${i}`, `10.9.0.${i}`),
      ).rejects.toMatchObject({
        code: 'JG_SIGNIN_FAILED',
      });
    // The user must now wait, on every replica, even with the right password.
    for (const p of [a, other])
      await expect(
        p.auth.sessions.signIn(tenant, 'kim', 'correct horse battery', '10.9.1.1'),
      ).rejects.toMatchObject({
        code: 'JG_SIGNIN_THROTTLED',
        retryAfter: 1,
      });
  });

  it('shares console sessions: signed in on one server, signed out on another', async () => {
    const dataDir = tmp();
    const a = await platformOn(b, dataDir);
    const other = b.name === 'SQLite' ? a : await platformOn(b, dataDir);
    const tenant = unique('s');
    await createTenant(a.store.db, tenant);
    await createUser(a.store.db, tenant, 'kim', { password: 'correct horse battery' });
    const { token } = await a.auth.sessions.signIn(tenant, 'kim', 'correct horse battery');
    expect((await other.auth.sessions.resolve(token, 'GET', undefined)).userName).toBe('kim');
    await other.auth.sessions.signOut(token);
    await expect(a.auth.sessions.resolve(token, 'GET', undefined)).rejects.toThrow(/session/i);
  });
});

describe.skipIf(!haveServices)('two replicas on one Postgres and one Redis', () => {
  let upstream: MockUpstream;
  let replicas: JugwonServer[];
  let admin: Platform;
  let own: Awaited<ReturnType<typeof freshPostgres>>;

  beforeAll(async () => {
    upstream = await startMockUpstream({ latencyMs: 5 });
    own = await freshPostgres(); // a trail of its own (the tests above forge a record in theirs)
    const shared = {
      store: { url: own.url },
      redis: { url: services.redis },
      models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
    };
    // Replicas share the data folder (a shared mount: signing key, knowledge), not a process.
    const dataDir = tmp();
    replicas = [];
    for (let i = 0; i < 2; i++)
      replicas.push(await createServer(resolveConfig({ dataDir, ...shared }), { logger: false }));
    admin = replicas[0]?.platform as Platform;
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await upstream.close();
    await own.drop();
  });

  const chat = (server: JugwonServer, key: string) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: { model: 'home', messages: [{ role: 'user', content: '안녕하세요' }] },
    });

  /** Two more replicas, sharing a data folder, serving model `id` from a pool of `nodes`. */
  async function poolReplicas(
    id: string,
    nodes: MockUpstream[],
    maxConcurrency: number,
  ): Promise<JugwonServer[]> {
    const shared = {
      store: { url: own.url },
      redis: { url: services.redis },
      models: [
        {
          id,
          provider: 'openai-compatible',
          residency: 'onprem',
          endpoints: nodes.map((n) => ({ baseUrl: n.url })),
          maxConcurrency,
          healthCheckMs: 0,
        },
      ],
    };
    const dataDir = tmp();
    return [
      await createServer(resolveConfig({ dataDir, ...shared }), { logger: false }),
      await createServer(resolveConfig({ dataDir, ...shared }), { logger: false }),
    ];
  }

  it('answers exactly 10 of 100 concurrent requests against a 10-per-minute limit spread over both', async () => {
    const tenant = unique('rpm');
    await createTenant(admin.store.db, tenant, { rpm: 10 });
    const { key } = await createApiKey(admin.store.db, tenant);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => chat(replicas[i % 2] as JugwonServer, key)),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(90);
    expect(results.find((r) => r.statusCode === 429)?.headers['retry-after']).toBeDefined();
  });

  it('never overspends a token budget with requests spread over both', async () => {
    const tenant = unique('tok');
    // Each request reserves its prompt's bound and the 4,096-token completion cap: only a few fit.
    await createTenant(admin.store.db, tenant, { tokensPerDay: 20_000 });
    const { key } = await createApiKey(admin.store.db, tenant);
    const codes = (
      await Promise.all(Array.from({ length: 40 }, (_, i) => chat(replicas[i % 2] as JugwonServer, key)))
    ).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
    const used = await admin.store.db
      .selectFrom('quota_counters')
      .select('used')
      .where('scope', 'like', `tenant:%`)
      .where(
        'scope',
        'like',
        `%${(await admin.store.db.selectFrom('tenants').select('id').where('name', '=', tenant).executeTakeFirstOrThrow()).id}%`,
      )
      .execute();
    expect(used.reduce((n, r) => n + r.used, 0)).toBeLessThanOrEqual(2_000);
    expect(used.reduce((n, r) => n + r.used, 0)).toBeGreaterThan(0);
  });

  it('shares knowledge through the data folder: a race between tenants on two replicas, and search on the other', async () => {
    const db = admin.store.db;
    const names = [unique('kb'), unique('kb')] as const;
    for (const n of names) await createTenant(db, n);
    const keys = [(await createApiKey(db, names[0])).key, (await createApiKey(db, names[1])).key];
    const collection = unique('shared-');
    // Each tenant uploads through its own replica into the same new collection, at once.
    const upload = (t: 0 | 1, i: number) =>
      (replicas[t] as JugwonServer).app.inject({
        method: 'PUT',
        url: `/api/collections/${collection}/documents/t${t}-${i}.md`,
        headers: { authorization: `Bearer ${keys[t]}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(
          `# 약관 ${i}\n\n연체이자율은 약정이자율에 3%를 더한 값으로 한다. 문서 ${t}-${i}`,
        ),
      });
    const results = await Promise.all([0, 1, 2].flatMap((i) => [upload(0, i), upload(1, i)]));
    const winner = results[0]?.statusCode === 200 ? 0 : 1;
    results.forEach((r, n) => {
      expect([n % 2, r.statusCode]).toEqual([n % 2, n % 2 === winner ? 200 : 404]);
    });
    // The owner searches through the other replica and finds what the first one wrote.
    const other = replicas[1 - winner] as JugwonServer;
    const res = await other.app.inject({
      method: 'POST',
      url: `/api/collections/${collection}/search`,
      headers: { authorization: `Bearer ${keys[winner]}`, 'content-type': 'application/json' },
      payload: { query: '연체이자율', k: 5 },
    });
    expect(res.statusCode).toBe(200);
    const hits = res.json().data as { docId: string }[];
    expect(hits.length).toBe(3);
    expect(hits.every((h) => h.docId.startsWith(`t${winner}-`))).toBe(true);
  });

  it('refuses a key revoked on one replica on the other at once', async () => {
    const tenant = unique('rev');
    await createTenant(admin.store.db, tenant);
    const created = await createApiKey(admin.store.db, tenant);
    expect((await chat(replicas[1] as JugwonServer, created.key)).statusCode).toBe(200);
    await revokeApiKey(replicas[0]?.platform.store.db as Platform['store']['db'], created.id);
    const started = Date.now();
    const res = await chat(replicas[1] as JugwonServer, created.key);
    expect(res.statusCode).toBe(401);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('holds every request in one audit chain that verifies', async () => {
    // The refused request is counted and written with the minute's record: written now.
    for (const r of replicas) await r.platform.unauthenticated.flush();
    const count = await admin.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record', 'like', '%"route":"POST /v1/chat/completions"%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(142); // 100 + 40 + 2 chat requests above, on either replica
    const seqs = (await admin.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    await admin.ledger.checkpoint();
    const verified = await verifyAudit(admin.store.db, keyPaths(admin.config.dataDir).publicKey, {
      anchor: admin.anchor,
    });
    expect(verified).toMatchObject({ ok: true, unsignedTail: 0 });
  });

  it('refuses to start a second server on the shared store without Redis', async () => {
    const config = resolveConfig({ dataDir: tmp(), store: { url: pg?.url } });
    const first = await createServer(config, { logger: false });
    try {
      await expect(
        createServer(resolveConfig({ dataDir: tmp(), store: { url: pg?.url } }), { logger: false }),
      ).rejects.toMatchObject({
        code: 'JG_REPLICA_CONFLICT',
      });
    } finally {
      await first.close();
    }
  });

  it('loses no client request on either replica when a pool node is killed mid-run', async () => {
    const nodes = [
      await startMockUpstream({ latencyMs: 20 }),
      await startMockUpstream({ latencyMs: 20 }),
      await startMockUpstream({ latencyMs: 20 }),
    ];
    // Its own model id: pool state in Redis outlives a run that failed half-way.
    const model = unique('pooled');
    const pair = await poolReplicas(model, nodes, 8);
    try {
      const db = pair[0]?.platform.store.db as Platform['store']['db'];
      const tenant = unique('pool');
      await createTenant(db, tenant);
      const { key } = await createApiKey(db, tenant);
      const ask = (i: number) =>
        (pair[i % 2] as JugwonServer).app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: {
            model,
            stream: i % 3 === 0,
            messages: [{ role: 'user', content: `질문 ${i}` }],
          },
        });
      const first = Array.from({ length: 60 }, (_, i) => ask(i));
      await new Promise((r) => setTimeout(r, 15));
      await (nodes[1] as MockUpstream).close();
      const later = Array.from({ length: 40 }, (_, i) => ask(100 + i));
      const codes = (await Promise.all([...first, ...later])).map((r) => r.statusCode);
      expect(codes.filter((c) => c !== 200)).toEqual([]);
    } finally {
      for (const r of pair) await r.close();
      for (const n of nodes) await n.close();
    }
  });

  it('shares a saturated pool 3:1 between tenants with shares 3 and 1 flooding it through different replicas', async () => {
    // Two nodes taking two requests each, 40 ms a request: the pool serves about 100 requests a second.
    const nodes = [await startMockUpstream({ latencyMs: 40 }), await startMockUpstream({ latencyMs: 40 })];
    const model = unique('gpu');
    const pair = await poolReplicas(model, nodes, 2);
    try {
      const db = pair[0]?.platform.store.db as Platform['store']['db'];
      const big = unique('big');
      const small = unique('small');
      await createTenant(db, big, { share: 3 });
      await createTenant(db, small, { share: 1 });
      const keys = [(await createApiKey(db, big)).key, (await createApiKey(db, small)).key];
      const served = [0, 0];
      let counting = false;
      let stop = false;
      const worker = async (i: 0 | 1) => {
        while (!stop) {
          const res = await (pair[i] as JugwonServer).app.inject({
            method: 'POST',
            url: '/v1/chat/completions',
            headers: { authorization: `Bearer ${keys[i]}`, 'content-type': 'application/json' },
            payload: { model, messages: [{ role: 'user', content: '보고서 요약' }] },
          });
          expect(res.statusCode).toBe(200);
          if (counting) served[i] = (served[i] as number) + 1;
        }
      };
      // Each tenant keeps 12 requests waiting, through its own replica.
      const workers = [
        ...Array.from({ length: 12 }, () => worker(0)),
        ...Array.from({ length: 12 }, () => worker(1)),
      ];
      await new Promise((r) => setTimeout(r, 500)); // both backlogged
      counting = true;
      const seconds = 3;
      await new Promise((r) => setTimeout(r, seconds * 1000));
      counting = false;
      stop = true;
      await Promise.all(workers);
      const [a, b] = served as [number, number];
      const ratio = a / b;
      const throughput = (a + b) / seconds;
      console.log(`fair share: ${a}:${b} = ${ratio.toFixed(2)}, ${throughput.toFixed(0)} requests/s of ~100`);
      expect(ratio).toBeGreaterThan(3 * 0.8);
      expect(ratio).toBeLessThan(3 * 1.2);
      expect(throughput).toBeGreaterThan(0.75 * ((2 * 2) / 0.04));
    } finally {
      for (const r of pair) await r.close();
      for (const n of nodes) await n.close();
    }
  }, 30_000);
});

describe.skipIf(!haveServices)('budgets shared through Redis', () => {
  it('hold the settled values of the current windows only, however long a replica runs', async () => {
    const { Redis } = await import('ioredis');
    const { RedisBudgets } = await import('../../src/quota/redis-budgets.js');
    const redis = new Redis(services.redis as string);
    try {
      const budgets = new RedisBudgets(redis, () => 0, `jugwon-test-${unique('b')}:`);
      const keys = Array.from({ length: 20 }, (_, i) => ({
        tenantId: `t${i}`,
        tenantName: `t${i}`,
        keyId: `k${i}`,
        userName: null,
        role: 'member',
        tenant: { id: `t${i}`, tokens_per_day: 1_000, monthly_tokens: null },
        key: { tokens_per_day: null, monthly_tokens: 10_000 },
      })) as unknown as import('../../src/tenancy/auth.js').Principal[];
      for (let day = 0; day < 40; day++) {
        const now = new Date(Date.UTC(2026, 0, 1, 12) + day * 86_400_000);
        for (const p of keys) await budgets.settle(await budgets.reserve(p, 10, now), 5);
      }
      // Per key: its tenant's day and its own month.
      expect(budgets.held).toBeLessThanOrEqual(20 * 2);
    } finally {
      redis.disconnect();
    }
  });
});

describe.skipIf(!haveServices)('budgets shared through Redis, on the configured time zone', () => {
  it("reset at midnight in Seoul for every replica, and expire with Seoul's day", async () => {
    const { Redis } = await import('ioredis');
    const { RedisBudgets } = await import('../../src/quota/redis-budgets.js');
    const { Calendar } = await import('../../src/core/calendar.js');
    const redis = new Redis(services.redis as string);
    try {
      const prefix = `jugwon-test-${unique('tz')}:`;
      const replicas = [0, 1].map(() => new RedisBudgets(redis, () => 0, prefix, new Calendar('Asia/Seoul')));
      const p = {
        tenantId: 't',
        tenantName: 't',
        keyId: 'k',
        userName: null,
        role: 'member',
        tenant: { id: 't', tokens_per_day: 100, monthly_tokens: null },
        key: null,
      } as unknown as import('../../src/tenancy/auth.js').Principal;
      await replicas[0]?.reserve(p, 100, new Date('2026-12-03T14:00:00Z'));
      const refused = await replicas[1]
        ?.reserve(p, 1, new Date('2026-12-03T14:59:59Z'))
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'JG_QUOTA_EXCEEDED', retryAfter: 1 });
      // 00:00 on 4 December in Seoul (15:00 UTC on the 3rd): the day's budget is whole again.
      const r = await replicas[1]?.reserve(p, 100, new Date('2026-12-03T15:00:00Z'));
      expect(r?.scopes).toEqual(['tenant:t:day:2026-12-04']);
    } finally {
      redis.disconnect();
    }
  });
});

describe.skipIf(!haveServices)('pool slots shared through Redis', () => {
  it('gives back the slots of a replica that died holding them, once their leases run out', async () => {
    const { Redis } = await import('ioredis');
    const { RedisSlotsHub } = await import('../../src/models/redis-slots.js');
    const clients: InstanceType<typeof Redis>[] = [];
    const connect = () => {
      const c = new Redis(services.redis as string);
      clients.push(c);
      return c;
    };
    const prefix = `jugwon-test-${unique('p')}:`;
    const dead = new RedisSlotsHub(connect(), connect(), prefix, 300);
    const alive = new RedisSlotsHub(connect(), connect(), prefix, 300);
    const nodes = [{ label: 'gpu1:8000', weight: 1, max: 1 }];
    const ticket = { tenant: 't', share: 1, priority: 'interactive' as const };
    const none = new Set<string>();
    const signal = new AbortController().signal;
    await dead.scheduler('m', nodes, 10).acquire({ ticket, signal, hard: none, soft: none });
    await dead.close(); // stops renewing its lease, as a killed process would
    const started = Date.now();
    const slot = await alive.scheduler('m', nodes, 10).acquire({ ticket, signal, hard: none, soft: none });
    expect(slot.label).toBe('gpu1:8000');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150); // it waited for the lease to run out
    slot.release();
    await alive.close();
    for (const c of clients) c.disconnect();
  });

  /** Two replicas' slot hubs on one Redis, for a model with one slot and a queue of `queueLimit`. */
  async function twoHubs(queueLimit: number) {
    const { Redis } = await import('ioredis');
    const { RedisSlotsHub } = await import('../../src/models/redis-slots.js');
    const clients = Array.from({ length: 4 }, () => new Redis(services.redis as string));
    const prefix = `jugwon-test-${unique('q')}:`;
    const one = new RedisSlotsHub(clients[0] as never, clients[1] as never, prefix);
    const two = new RedisSlotsHub(clients[2] as never, clients[3] as never, prefix);
    const nodes = [{ label: 'gpu1:8000', weight: 1, max: 1 }];
    type Hub = InstanceType<typeof RedisSlotsHub>;
    const ask = (hub: Hub, signal = new AbortController().signal) =>
      hub.scheduler('m', nodes, queueLimit).acquire({
        ticket: { tenant: 't', share: 1, priority: 'interactive' },
        signal,
        hard: new Set(),
        soft: new Set(),
      });
    const waiting = (hub: Hub) => hub.scheduler('m', nodes, queueLimit).waiting;
    const close = async () => {
      await one.close();
      await two.close();
      for (const c of clients) c.disconnect();
    };
    return { one, two, ask, waiting, close };
  }

  it('keeps a bounded queue across replicas: past it, 429 with Retry-After', async () => {
    const { one, two, ask, close } = await twoHubs(1);
    const held = await ask(one);
    const waiting = ask(two); // the one place in the queue
    await new Promise((r) => setTimeout(r, 50));
    await expect(ask(one)).rejects.toMatchObject({ code: 'JG_MODEL_BUSY', retryAfter: 1 });
    held.release(); // handed to the waiter on the other replica
    expect((await waiting).label).toBe('gpu1:8000');
    await close();
  });

  it('lets a waiter whose client left go from the queue: the slot goes to the next, never to the one gone', async () => {
    const { one, two, ask, waiting, close } = await twoHubs(2);
    const held = await ask(one);
    const gone = new AbortController();
    const abandoned = ask(two, gone.signal);
    await new Promise((r) => setTimeout(r, 50));
    expect(waiting(one) + waiting(two)).toBe(1);
    gone.abort(new Error('client closed'));
    await expect(abandoned).rejects.toThrow('client closed');
    expect(waiting(two)).toBe(0);
    // Its place is free: the queue of two takes two more, and the slot goes to the first of them
    // (asked one after the other: asked at once, either may reach Redis first).
    const next = ask(one);
    await new Promise((r) => setTimeout(r, 50));
    const after = ask(two);
    await new Promise((r) => setTimeout(r, 50));
    await expect(ask(one)).rejects.toMatchObject({ code: 'JG_MODEL_BUSY' });
    held.release();
    const slot = await next;
    expect(slot.label).toBe('gpu1:8000');
    slot.release();
    (await after).release();
    // Through a model's pool: a client gone before it asked takes nothing, even with the slot free.
    const { EndpointPool } = await import('../../src/models/pool.js');
    const pool = new EndpointPool([{ baseUrl: 'http://gpu1:8000/v1', weight: 1, maxConcurrency: 1 }], {
      model: 'm',
      queueLimit: 2,
      slots: (n) => two.scheduler('m', n, 2),
    });
    const already = new AbortController();
    already.abort(new Error('client closed'));
    await expect(pool.acquire(already.signal)).rejects.toThrow('client closed');
    const last = await ask(one);
    expect(last.label).toBe('gpu1:8000');
    last.release();
    await close();
  });
});

describe('a database that cannot be reached', () => {
  it('is a clear 503 JG_STORE_UNAVAILABLE at start-up, naming no password', async () => {
    const { openStore } = await import('../../src/store/open.js');
    const refused = openStore({ dataDir: tmp(), url: 'postgres://jugwon:s3cret-pw@127.0.0.1:1/jugwon' });
    await expect(refused).rejects.toMatchObject({ code: 'JG_STORE_UNAVAILABLE', status: 503 });
    await expect(refused).rejects.not.toThrow(/s3cret/);
  });

  describe.skipIf(!haveServices)('while serving', () => {
    const sockets = new Set<import('node:net').Socket>();
    /** A relay to Postgres on `port` (0: any), cut and restored as a network failure would be. */
    async function relay(port = 0) {
      const net = await import('node:net');
      const target = new URL(pg?.url as string);
      const server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
      const via = new URL(target.toString());
      via.hostname = '127.0.0.1';
      via.port = String((server.address() as { port: number }).port);
      return { server, url: via.toString(), port: (server.address() as { port: number }).port };
    }
    /** Stops the relay and drops the connections it holds (close alone waits for them to end). */
    const cut = (server: import('node:net').Server) => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      return closed;
    };

    it('answers 503 JG_STORE_UNAVAILABLE while Postgres is gone, and serves again when it is back', async () => {
      let { server: proxy, url: via, port } = await relay();
      const server = await createServer(
        resolveConfig({ dataDir: tmp(), store: { url: via }, redis: { url: services.redis } }),
        { logger: false },
      );
      const tenant = unique('down');
      await createTenant(server.store.db, tenant);
      const { key } = await createApiKey(server.store.db, tenant);
      const models = () =>
        server.app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${key}` } });
      expect((await models()).statusCode).toBe(200);
      await cut(proxy);
      // Connections lost, and new ones refused: each request hears why, as a retryable 503.
      for (let i = 0; i < 3; i++) {
        const down = await models();
        expect([down.statusCode, down.json().error.code]).toEqual([503, 'JG_STORE_UNAVAILABLE']);
        // Why (the driver's words, the database's address) is the operator's to read in the log.
        expect(down.body).not.toContain(`:${port}`);
      }
      proxy = (await relay(port)).server;
      try {
        expect((await models()).statusCode).toBe(200);
      } finally {
        await server.close();
        await cut(proxy);
      }
    });

    it('a server without Redis whose lock another took while it was cut off admits nothing until it holds it again', async () => {
      const upstream = await startMockUpstream();
      const models = [{ provider: 'openai-compatible', id: 'm', baseUrl: upstream.url, residency: 'onprem' }];
      const relayed = await relay();
      const a = await createServer(resolveConfig({ dataDir: tmp(), store: { url: relayed.url }, models }), {
        logger: false,
      });
      const tenant = unique('lock');
      await createTenant(a.store.db, tenant);
      const { key } = await createApiKey(a.store.db, tenant);
      const ask = (s: JugwonServer) =>
        s.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}` },
          payload: { model: 'm', messages: [{ role: 'user', content: '대출 금리를 알려 주세요' }] },
        });
      let b: JugwonServer | undefined;
      let back: Awaited<ReturnType<typeof relay>> | undefined;
      try {
        expect((await ask(a)).statusCode).toBe(200);
        await cut(relayed.server);
        await new Promise((r) => setTimeout(r, 200));
        // Meanwhile a second server without Redis starts: the lock is free, it takes it.
        b = await createServer(resolveConfig({ dataDir: tmp(), store: { url: pg?.url }, models }), {
          logger: false,
        });
        back = await relay(relayed.port);
        // The first reaches the store again but no longer counts alone: it admitted requests,
        // each server allowing the whole limit.
        const refused = await ask(a);
        expect([refused.statusCode, refused.json().error.code]).toEqual([503, 'JG_REPLICA_CONFLICT']);
        expect((await ask(b)).statusCode).toBe(200);
        await b.close();
        b = undefined;
        let served = false;
        for (let i = 0; i < 60 && !served; i++) {
          await new Promise((r) => setTimeout(r, 100));
          served = (await ask(a)).statusCode === 200;
        }
        expect(served).toBe(true); // the lock held again, once the other server has gone
      } finally {
        await b?.close();
        await a.close();
        if (back) await cut(back.server);
        await upstream.close();
      }
    });

    it('a server without Redis keeps running when its lock connection is cut, and takes the lock again', async () => {
      const { SINGLE_REPLICA_LOCK } = await import('../../src/store/open.js');
      const pgModule = await import('pg');
      const relayed = await relay();
      const server = await createServer(resolveConfig({ dataDir: tmp(), store: { url: relayed.url } }), {
        logger: false,
      });
      const other = new pgModule.default.Client({ connectionString: pg?.url });
      await other.connect();
      const lockFree = async () =>
        (
          await other.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_lock($1) AS ok, pg_advisory_unlock($1)',
            [SINGLE_REPLICA_LOCK],
          )
        ).rows[0]?.ok;
      try {
        expect(await lockFree()).toBe(false); // held by the server
        // The held connection dies: it emitted 'error' with no listener, which crashed the process.
        await cut(relayed.server);
        await new Promise((r) => setTimeout(r, 200));
        expect(await lockFree()).toBe(true); // the lock went with the connection
        const back = await relay(relayed.port);
        try {
          let again = false;
          for (let i = 0; i < 60 && !again; i++) {
            await new Promise((r) => setTimeout(r, 100));
            again = !(await lockFree());
          }
          expect(again).toBe(true); // taken again once the database is back
        } finally {
          await server.close();
          await cut(back.server);
        }
      } finally {
        await other.end();
      }
    });
  });
});
