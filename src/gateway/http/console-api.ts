import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyAudit } from '../../audit/log.js';
import { keyPaths } from '../../audit/signing.js';
import { JugwonError } from '../../core/errors.js';
import { filterFromJson } from '../../knowledge/filter.js';
import { validateCollection } from '../../knowledge/index-store.js';
import { ingestUpload, uploadName } from '../../knowledge/ingest.js';
import { LIMITS } from '../../knowledge/parsers/limits.js';
import { mayRead, readSettings, writeSettings } from '../../knowledge/settings.js';
import { type UploadEntry, UploadLog, type UploadState } from '../../knowledge/upload-status.js';
import { presets } from '../../policy/presets.js';
import type { Principal } from '../../tenancy/auth.js';
import {
  createApiKey,
  createTenant,
  createUser,
  disableUser,
  type Role,
  revokeApiKey,
  setPassword,
  setTenantLimits,
} from '../../tenancy/tenants.js';
import { queryVector, readableCollection, readerTenant } from './collection-access.js';
import type { RouteDeps } from './routes.js';

/**
 * The endpoints behind the console's documents, audit and key screens. Each is an ordinary API
 * call (Bearer key or console session), checked for role and tenant like the rest.
 */
type Account = NonNullable<FastifyRequest['account']>;

const isOfficer = (p: Principal | undefined) => p?.role === 'admin' || p?.role === 'compliance';
/** Before the first key exists (a fresh install on this machine) the caller sees everything. */

function requireRole(p: Principal | undefined, ok: boolean, action: string): void {
  if (!p || !ok) throw new JugwonError('JG_FORBIDDEN', { action });
}

/**
 * The documents of a collection with their state: indexed (from the index), or processing / failed
 * (from the upload log). A document whose new upload is under way or failed keeps its indexed
 * chunks, and says so.
 */
function withUploadStates(
  indexed: { docId: string; source: string; chunks: number }[],
  log: UploadEntry[],
): DocumentState[] {
  const rows = new Map<string, DocumentState>(indexed.map((d) => [d.docId, { ...d, state: 'indexed' }]));
  for (const u of log)
    rows.set(u.file, {
      docId: u.file,
      source: rows.get(u.file)?.source ?? u.file,
      chunks: rows.get(u.file)?.chunks ?? 0,
      state: u.state,
      since: u.at,
      ...(u.error ? { error: u.error } : {}),
    });
  return [...rows.values()].sort((a, b) => a.docId.localeCompare(b.docId));
}

interface DocumentState {
  docId: string;
  source: string;
  chunks: number;
  state: 'indexed' | UploadState;
  since?: string;
  error?: { code: string; message: string };
}

export function registerConsoleApi(
  app: FastifyInstance,
  deps: RouteDeps,
  account: (r: FastifyRequest) => Account,
): void {
  // Documents arrive as the raw bytes of one file per request (per-file progress and errors).
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: LIMITS.fileBytes },
    (_r, body, done) => done(null, body),
  );

  const uploads = new UploadLog(deps.dataDir);
  const readable = (collection: string, p: Principal | undefined) =>
    readableCollection(deps.dataDir, collection, p);

  app.get('/api/collections', async (request) => {
    const acct = account(request);
    const all = readSettings(deps.dataDir);
    const collections = (await (await deps.knowledge()).collections())
      .filter((c) => mayRead(all[c.name], readerTenant(acct.principal)))
      .map((c) => ({
        ...c,
        tenant: all[c.name]?.tenant ?? null,
        embeddingModel: all[c.name]?.embeddingModel ?? null,
      }));
    acct.finish(200);
    return { data: collections };
  });

  app.get('/api/collections/:name/documents', async (request) => {
    const acct = account(request);
    const { name } = request.params as { name: string };
    readable(name, acct.principal);
    const indexed = await (await deps.knowledge()).documents(name);
    acct.finish(200);
    return { data: withUploadStates(indexed, uploads.list(name)) };
  });

  app.put('/api/collections/:name/documents/:file', async (request) => {
    const acct = account(request);
    const { name, file } = request.params as { name: string; file: string };
    const collection = validateCollection(name);
    const settings = readable(collection, acct.principal);
    const owner = readerTenant(acct.principal);
    // A shared collection (no owner) is changed only by administrators.
    if (settings && !settings.tenant)
      requireRole(acct.principal, acct.principal?.role === 'admin', 'change a shared collection');
    if (settings?.embeddingModel)
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: `collection "${collection}" is hybrid (embedding model ${settings.embeddingModel}); add to it with jugwon ingest`,
      });
    if (!Buffer.isBuffer(request.body) || request.body.length === 0)
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send the file as application/octet-stream' });
    const docId = uploadName(file);
    const index = await deps.knowledge();
    const exists = await index.hasCollection(collection);
    // Others looking at an existing collection see the file in progress, then indexed or failed.
    if (exists) uploads.start(collection, docId);
    let result: Awaited<ReturnType<typeof ingestUpload>>;
    try {
      result = await ingestUpload(index, collection, file, request.body);
    } catch (e) {
      if (exists) {
        const known = e instanceof JugwonError ? e : new JugwonError('JG_INTERNAL');
        uploads.fail(collection, docId, { code: known.code, message: known.message });
      }
      throw e;
    }
    uploads.forget(collection, docId);
    if (!exists) {
      const all = readSettings(deps.dataDir);
      all[collection] = owner ? { tenant: owner } : {};
      writeSettings(deps.dataDir, all);
    }
    acct.finish(200);
    return result;
  });

  app.delete('/api/collections/:name/documents/:docId', async (request) => {
    const acct = account(request);
    const { name, docId } = request.params as { name: string; docId: string };
    const settings = readable(name, acct.principal);
    if (!settings?.tenant)
      requireRole(acct.principal, acct.principal?.role === 'admin', 'change a shared collection');
    // Its chunks (if any reached the index) and any failure listed under its name.
    await (await deps.knowledge()).deleteDocument(name, docId);
    uploads.forget(name, docId);
    acct.finish(200);
    return { deleted: docId };
  });

  app.post('/api/collections/:name/search', async (request) => {
    const acct = account(request);
    const { name } = request.params as { name: string };
    const b = (request.body ?? {}) as { query?: unknown; k?: unknown; filter?: unknown };
    if (typeof b.query !== 'string' || b.query.trim() === '')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"query", "k"?, "filter"?}' });
    const k = b.k === undefined ? 10 : Number(b.k);
    if (!Number.isInteger(k) || k < 1 || k > 100)
      throw new JugwonError('JG_INVALID_REQUEST', { problem: '"k" must be a whole number from 1 to 100' });
    const settings = readable(name, acct.principal);
    const vector = await queryVector(deps.gateway, settings, b.query, acct.scope());
    const hits = await (await deps.knowledge()).search(name, b.query, k, vector, filterFromJson(b.filter));
    acct.finish(200);
    return { data: hits };
  });

  // Audit: compliance officers and administrators read and verify the trail.
  app.get('/api/audit', async (request) => {
    const acct = account(request);
    requireRole(acct.principal, isOfficer(acct.principal), 'read the audit trail');
    const q = request.query as {
      from?: string;
      to?: string;
      tenant?: string;
      user?: string;
      decision?: string;
      limit?: string;
    };
    const limit = Math.min(Math.max(Number(q.limit ?? 200) || 200, 1), 1000);
    const to = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
    const rows = deps.sqlite
      .prepare<[], { seq: number; hash: string; record: string }>(
        'SELECT seq, hash, record FROM audit_log ORDER BY seq DESC',
      )
      .iterate();
    const data: Record<string, unknown>[] = [];
    for (const row of rows) {
      const r = JSON.parse(row.record) as {
        time: string;
        tenant: string;
        decision: string;
        user?: string | null;
      };
      if ((q.from && r.time < q.from) || (to && r.time > to)) continue;
      if ((q.tenant && r.tenant !== q.tenant) || (q.decision && r.decision !== q.decision)) continue;
      if (q.user && r.user !== q.user) continue;
      data.push({ seq: row.seq, hash: row.hash, ...r });
      if (data.length >= limit) break;
    }
    acct.finish(200);
    return { data };
  });

  app.post('/api/audit/verify', async (request) => {
    const acct = account(request);
    requireRole(acct.principal, isOfficer(acct.principal), 'verify the audit trail');
    deps.audit.checkpoint(); // sign the tail first, so everything so far is covered
    const result = verifyAudit(deps.sqlite, keyPaths(deps.dataDir).publicKey);
    acct.finish(200);
    return result;
  });

  // Evaluations started from the console: officers and administrators (they spend model time).
  app.get('/api/eval-suites', async (request) => {
    const acct = account(request);
    acct.finish(200);
    return { data: [...deps.evalJobs.suites().keys()] };
  });

  app.get('/api/eval-jobs', async (request) => {
    const acct = account(request);
    acct.finish(200);
    return { data: deps.evalJobs.list() };
  });

  app.post('/api/eval-jobs', async (request) => {
    const acct = account(request);
    requireRole(acct.principal, isOfficer(acct.principal), 'start evaluations');
    const b = (request.body ?? {}) as { suite?: unknown; models?: unknown; limit?: unknown };
    if (
      typeof b.suite !== 'string' ||
      !Array.isArray(b.models) ||
      !b.models.every((m) => typeof m === 'string')
    )
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"suite", "models": [...], "limit"?}' });
    const limit = b.limit === undefined || b.limit === null || b.limit === '' ? undefined : Number(b.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
      throw new JugwonError('JG_INVALID_REQUEST', { problem: '"limit" must be a whole number ≥ 1' });
    const job = deps.evalJobs.start(b.suite, b.models as string[], limit);
    acct.finish(200);
    return job;
  });

  // Tenants, their policy preset, and their users: administrators only.
  const presetOf = (v: unknown): string | null => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v !== 'string' || !(v in presets))
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: `"preset" must be one of ${Object.keys(presets).join(', ')}, or null`,
      });
    return v;
  };
  const roleOf = (v: unknown): Role => {
    const role = v === undefined || v === '' ? 'member' : v;
    if (role !== 'admin' && role !== 'compliance' && role !== 'member')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: '"role" must be admin, compliance or member' });
    return role;
  };
  const admin = (request: FastifyRequest, action: string): Account => {
    const acct = account(request);
    requireRole(acct.principal, acct.principal?.role === 'admin', action);
    return acct;
  };

  app.get('/api/tenants', async (request) => {
    const acct = admin(request, 'list tenants');
    const rows = await deps.db.selectFrom('tenants').selectAll().orderBy('name').execute();
    acct.finish(200);
    return {
      data: rows.map((t) => ({
        name: t.name,
        preset: t.policy_preset,
        allowedModels: t.allowed_models ? (JSON.parse(t.allowed_models) as string[]) : null,
        rpm: t.rpm,
        tokensPerDay: t.tokens_per_day,
        monthlyTokens: t.monthly_tokens,
        created: t.created_at,
      })),
    };
  });

  app.post('/api/tenants', async (request) => {
    const acct = admin(request, 'create tenants');
    const b = (request.body ?? {}) as { name?: unknown; preset?: unknown };
    if (typeof b.name !== 'string')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"name", "preset"?}' });
    const t = await createTenant(deps.db, b.name, { policyPreset: presetOf(b.preset) });
    acct.finish(200);
    return { name: t.name, preset: t.policy_preset };
  });

  app.patch('/api/tenants/:name', async (request) => {
    const acct = admin(request, 'change tenants');
    const { name } = request.params as { name: string };
    const b = (request.body ?? {}) as { preset?: unknown };
    await setTenantLimits(deps.db, name, { policyPreset: presetOf(b.preset) });
    acct.finish(200);
    return { name, preset: presetOf(b.preset) };
  });

  app.get('/api/users', async (request) => {
    const acct = admin(request, 'list users');
    const rows = await deps.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select([
        'users.name',
        'tenants.name as tenant',
        'users.role',
        'users.password_hash',
        'users.created_at',
        'users.disabled_at',
      ])
      .orderBy('tenants.name')
      .orderBy('users.name')
      .execute();
    acct.finish(200);
    return {
      data: rows.map((u) => ({
        name: u.name,
        tenant: u.tenant,
        role: u.role,
        canSignIn: u.password_hash !== null && u.disabled_at === null,
        created: u.created_at,
        disabled: u.disabled_at,
      })),
    };
  });

  app.post('/api/users', async (request) => {
    const acct = admin(request, 'create users');
    const b = (request.body ?? {}) as {
      tenant?: unknown;
      name?: unknown;
      role?: unknown;
      password?: unknown;
    };
    if (typeof b.tenant !== 'string' || typeof b.name !== 'string')
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: 'send {"tenant", "name", "role"?, "password"?}',
      });
    const role = roleOf(b.role);
    await createUser(deps.db, b.tenant, b.name, {
      role,
      ...(typeof b.password === 'string' && b.password ? { password: b.password } : {}),
    });
    acct.finish(200);
    return { name: b.name, tenant: b.tenant, role };
  });

  app.delete('/api/users/:tenant/:name', async (request) => {
    const acct = admin(request, 'disable users');
    const { tenant, name } = request.params as { tenant: string; name: string };
    await disableUser(deps.db, tenant, name);
    acct.finish(200);
    return { disabled: name, tenant };
  });

  // An administrator resets a user's password (the user's console sessions end; keys stay).
  app.put('/api/users/:tenant/:name/password', async (request) => {
    const acct = admin(request, 'reset passwords');
    const { tenant, name } = request.params as { tenant: string; name: string };
    const b = (request.body ?? {}) as { password?: unknown };
    if (typeof b.password !== 'string')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"password"}' });
    await setPassword(deps.db, tenant, name, b.password);
    acct.finish(200);
    return { reset: name, tenant };
  });

  // API keys: administrators create (the key is shown once) and revoke.
  app.get('/api/keys', async (request) => {
    const acct = admin(request, 'list API keys');
    const keys = await deps.db
      .selectFrom('api_keys')
      .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
      .select([
        'api_keys.id',
        'tenants.name as tenant',
        'api_keys.name',
        'api_keys.role',
        'api_keys.created_at',
        'api_keys.expires_at',
        'api_keys.revoked_at',
      ])
      .orderBy('api_keys.created_at', 'desc')
      .execute();
    acct.finish(200);
    return { data: keys };
  });

  app.post('/api/keys', async (request) => {
    const acct = admin(request, 'create API keys');
    const p = acct.principal;
    const b = (request.body ?? {}) as { tenant?: unknown; name?: unknown; role?: unknown };
    const tenant = typeof b.tenant === 'string' && b.tenant ? b.tenant : p?.tenantName;
    const role = roleOf(b.role);
    if (!tenant || tenant === 'bootstrap')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send the "tenant" the key is for' });
    const created = await createApiKey(deps.db, tenant, {
      role,
      ...(typeof b.name === 'string' && b.name ? { name: b.name } : {}),
    });
    acct.finish(200);
    return created;
  });

  app.delete('/api/keys/:id', async (request) => {
    const acct = admin(request, 'revoke API keys');
    const { id } = request.params as { id: string };
    await revokeApiKey(deps.db, id);
    acct.finish(200);
    return { revoked: id };
  });
}
