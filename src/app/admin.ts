import { randomBytes } from 'node:crypto';
import type { AuditRecord } from '../audit/log.js';
import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import type { Role } from '../core/names.js';
import { type CreatedKey, createApiKey, revokeApiKey } from '../tenancy/api-keys.js';
import type { Principal } from '../tenancy/auth.js';
import {
  createTenant,
  findTenant,
  type Limits,
  setTenantLimits,
  type TenantOptions,
} from '../tenancy/tenants.js';
import { type CreatedUser, createUser, disableUser, setPassword } from '../tenancy/users.js';
import type { Platform } from './platform.js';

/**
 * Administration of tenants, users and keys: one service for the CLI, the HTTP API and the
 * configuration's declared tenants. Each action checks the actor's role and writes its own admin
 * audit record naming the action and its target, whichever path it came from.
 */
export interface Actor {
  principal: Principal;
  /** "cli", "config", "POST /api/keys"… */
  route: string;
  requestId?: string;
}

/** Whether the actor administers `tenant`: the platform operator every tenant, an admin its own. */
export const manages = (p: Principal, tenant: string): boolean =>
  p.role === 'operator' || (p.role === 'admin' && p.tenantName === tenant);

/** `tenant` undefined: the action concerns the platform (tenants themselves): operators only. */
function requireAdmin(actor: Actor, action: string, tenant?: string): void {
  const p = actor.principal;
  if (tenant === undefined ? p.role !== 'operator' : !manages(p, tenant))
    throw new JugwonError('JG_FORBIDDEN', { action });
}

/** Nobody grants a role above their own: only operators make operators. */
function requireGrantable(actor: Actor, role: Role | undefined): void {
  if (role === 'operator' && actor.principal.role !== 'operator')
    throw new JugwonError('JG_FORBIDDEN', { action: 'grant the operator role' });
}

/**
 * One administrative action: the actor's role is checked (`forbidden` names what it may not do),
 * the action runs, and its admin audit record is written — the shape of every action below.
 */
async function act<T>(
  platform: Platform,
  actor: Actor,
  a: {
    forbidden: string;
    action: string;
    tenant: string;
    /** Only the platform operator may do it (tenants themselves); else the tenant's admin too. */
    platform?: boolean;
    target: (result: T) => string | null;
  },
  run: () => Promise<T>,
): Promise<T> {
  requireAdmin(actor, a.forbidden, a.platform ? undefined : a.tenant);
  const result = await run();
  await platform.ledger.write({ audit: adminRecord(actor, a.action, a.tenant, a.target(result)) });
  return result;
}

export function adminRecord(
  actor: Actor,
  action: string,
  tenant: string,
  target: string | null,
): AuditRecord {
  return {
    time: new Date().toISOString(),
    kind: 'admin',
    tenant,
    keyId: actor.principal.keyId,
    user: actor.principal.userName,
    route: actor.route,
    requestId: actor.requestId ?? null,
    decision: action,
    status: 0,
    outcome: 'ok',
    target,
  };
}

export async function createTenantAs(
  platform: Platform,
  actor: Actor,
  name: string,
  options: TenantOptions,
): Promise<{ id: string; name: string; preset: string | null }> {
  const t = await act(
    platform,
    actor,
    {
      forbidden: 'create tenants',
      action: 'tenant.create',
      tenant: name,
      platform: true,
      target: () => name,
    },
    () => {
      checkModels(platform.config, options.allowedModels);
      return createTenant(platform.store.db, name, options);
    },
  );
  return { id: t.id, name: t.name, preset: t.policy_preset };
}

export async function updateTenantAs(
  platform: Platform,
  actor: Actor,
  name: string,
  options: TenantOptions,
): Promise<void> {
  await act(
    platform,
    actor,
    {
      forbidden: 'change tenants',
      action: 'tenant.update',
      tenant: name,
      platform: true,
      target: () => name,
    },
    () => {
      checkModels(platform.config, options.allowedModels);
      return setTenantLimits(platform.store.db, name, options);
    },
  );
}

export async function createUserAs(
  platform: Platform,
  actor: Actor,
  tenant: string,
  name: string,
  o: { role?: Role; password?: string },
): Promise<CreatedUser> {
  requireGrantable(actor, o.role);
  return act(
    platform,
    actor,
    { forbidden: 'create users', action: 'user.create', tenant, target: () => name },
    () => createUser(platform.store.db, tenant, name, o),
  );
}

export async function disableUserAs(
  platform: Platform,
  actor: Actor,
  tenant: string,
  name: string,
): Promise<void> {
  await act(
    platform,
    actor,
    { forbidden: 'disable users', action: 'user.disable', tenant, target: () => name },
    () => disableUser(platform.store.db, tenant, name),
  );
}

/** An administrator resets a user's password: the user's console sessions end, keys stay. */
export async function resetPasswordAs(
  platform: Platform,
  actor: Actor,
  tenant: string,
  name: string,
  password: string,
): Promise<void> {
  await act(
    platform,
    actor,
    { forbidden: 'reset passwords', action: 'user.password', tenant, target: () => name },
    () => setPassword(platform.store.db, tenant, name, password),
  );
}

/** A signed-in user changes their own password (the current one checked first); other sessions end. */
export async function changeOwnPassword(
  platform: Platform,
  actor: Actor,
  current: string,
  password: string,
  keepSession: string,
): Promise<void> {
  const p = actor.principal;
  if (!p.userName) throw new JugwonError('JG_INVALID_REQUEST', { problem: 'API keys have no password' });
  await platform.auth.sessions.verifyPassword({ id: p.tenantId, name: p.tenantName }, p.userName, current);
  await setPassword(platform.store.db, p.tenantName, p.userName, password, keepSession);
  await platform.ledger.write({
    audit: adminRecord(actor, 'user.password.change', p.tenantName, p.userName),
  });
}

export async function createKeyAs(
  platform: Platform,
  actor: Actor,
  tenant: string,
  o: Limits & { role?: Role; name?: string; expiresAt?: string | null; user?: string },
): Promise<CreatedKey> {
  // A key for a user takes the user's role unless a narrower one is asked for.
  const userRole = o.user
    ? (
        await platform.store.db
          .selectFrom('users')
          .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
          .select('users.role')
          .where('tenants.name', '=', tenant)
          .where('users.name', '=', o.user)
          .executeTakeFirst()
      )?.role
    : undefined;
  requireGrantable(actor, o.role ?? userRole);
  return act(
    platform,
    actor,
    { forbidden: 'create API keys', action: 'key.create', tenant, target: (k) => k.id },
    () => createApiKey(platform.store.db, tenant, o),
  );
}

export async function revokeKeyAs(platform: Platform, actor: Actor, id: string): Promise<void> {
  const row = await platform.store.db
    .selectFrom('api_keys')
    .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
    .select('tenants.name')
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
  // Another tenant's key is not disclosed: the same answer as for no key at all.
  if (!row || !manages(actor.principal, row.name)) {
    requireAdmin(actor, 'revoke API keys', actor.principal.tenantName);
    throw new JugwonError('JG_KEY_NOT_FOUND', { id });
  }
  await revokeApiKey(platform.store.db, id);
  await platform.ledger.write({ audit: adminRecord(actor, 'key.revoke', row?.name ?? '', id) });
}

/** The tenants an actor administers: every one for the operator, its own for an admin. */
const scopeOf = (actor: Actor, action: string): string | undefined => {
  requireAdmin(actor, action, actor.principal.tenantName);
  return actor.principal.role === 'operator' ? undefined : actor.principal.tenantName;
};

export async function listTenants(platform: Platform, actor: Actor) {
  const only = scopeOf(actor, 'list tenants');
  const rows = await platform.store.db
    .selectFrom('tenants')
    .selectAll()
    .$if(only !== undefined, (q) => q.where('name', '=', only as string))
    .orderBy('name')
    .execute();
  return rows.map((t) => ({
    name: t.name,
    preset: t.policy_preset,
    allowedModels: t.allowed_models ? (JSON.parse(t.allowed_models) as string[]) : null,
    rpm: t.rpm,
    tokensPerDay: t.tokens_per_day,
    monthlyTokens: t.monthly_tokens,
    uploadBytes: t.upload_bytes,
    ingestBytesPerDay: t.ingest_bytes_per_day,
    share: t.share ?? 1,
    aiLabel: t.ai_label ?? 'on',
    dataClass: t.data_class,
    pseudonyms: t.pseudonyms ?? 'restore',
    created: t.created_at,
  }));
}

export async function listUsers(platform: Platform, actor: Actor) {
  const only = scopeOf(actor, 'list users');
  const rows = await platform.store.db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .$if(only !== undefined, (q) => q.where('tenants.name', '=', only as string))
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
  return rows.map((u) => ({
    name: u.name,
    tenant: u.tenant,
    role: u.role,
    canSignIn: u.password_hash !== null && u.disabled_at === null,
    created: u.created_at,
    disabled: u.disabled_at,
  }));
}

export async function listKeys(platform: Platform, actor: Actor, tenant?: string) {
  const only = scopeOf(actor, 'list API keys');
  if (only !== undefined && tenant !== undefined && tenant !== only)
    throw new JugwonError('JG_FORBIDDEN', { action: "list another tenant's keys" });
  tenant ??= only;
  const db = platform.store.db;
  let q = db
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
    ]);
  if (tenant) q = q.where('tenants.id', '=', (await findTenant(db, tenant)).id);
  return q.orderBy('api_keys.created_at', 'desc').execute();
}

function checkModels(config: ResolvedConfig, models: readonly string[] | null | undefined): void {
  const unknown = (models ?? []).filter((m) => !config.models.some((c) => c.id === m));
  if (unknown.length)
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'models',
      problem: `not configured: ${unknown.join(', ')}`,
    });
}

/** The configuration acting on its own: declared tenants are created or updated at start. */
const CONFIG_ACTOR: Actor = {
  route: 'config',
  principal: {
    tenantId: 'operator',
    tenantName: 'operator',
    keyId: null,
    userName: null,
    role: 'operator',
    tenant: null,
    key: null,
  },
};

/** Creates or updates the tenants the configuration declares (limits, preset, models), audited. */
export async function applyConfiguredTenants(platform: Platform): Promise<void> {
  const { config } = platform;
  for (const t of config.tenants) {
    const unknown = (t.models ?? []).filter((m) => !config.models.some((c) => c.id === m));
    if (unknown.length) {
      throw new JugwonError('JG_CONFIG_INVALID', {
        file: config.file ?? '(defaults)',
        path: `tenants.${t.name}.models`,
        problem: `not configured: ${unknown.join(', ')}`,
      });
    }
    const options: TenantOptions = {
      ...(t.rpm !== undefined ? { rpm: t.rpm } : {}),
      ...(t.tokensPerDay !== undefined ? { tokensPerDay: t.tokensPerDay } : {}),
      ...(t.monthlyTokens !== undefined ? { monthlyTokens: t.monthlyTokens } : {}),
      ...(t.uploadBytes !== undefined ? { uploadBytes: t.uploadBytes } : {}),
      ...(t.ingestBytesPerDay !== undefined ? { ingestBytesPerDay: t.ingestBytesPerDay } : {}),
      ...(t.share !== undefined ? { share: t.share } : {}),
      ...(t.aiLabel !== undefined ? { aiLabel: t.aiLabel } : {}),
      ...(t.dataClass !== undefined ? { dataClass: t.dataClass } : {}),
      ...(t.pseudonyms !== undefined ? { pseudonyms: t.pseudonyms } : {}),
      ...(t.policy !== undefined ? { policyPreset: t.policy } : {}),
      ...(t.models !== undefined ? { allowedModels: t.models } : {}),
    };
    const existing = await platform.store.db
      .selectFrom('tenants')
      .selectAll()
      .where('name', '=', t.name)
      .executeTakeFirst();
    if (!existing) {
      await createTenantAs(platform, CONFIG_ACTOR, t.name, options);
      continue;
    }
    // Restarting with an unchanged configuration records nothing: only real changes are actions.
    const after = { ...existing };
    if (options.rpm !== undefined) after.rpm = options.rpm;
    if (options.tokensPerDay !== undefined) after.tokens_per_day = options.tokensPerDay;
    if (options.monthlyTokens !== undefined) after.monthly_tokens = options.monthlyTokens;
    if (options.uploadBytes !== undefined) after.upload_bytes = options.uploadBytes;
    if (options.ingestBytesPerDay !== undefined) after.ingest_bytes_per_day = options.ingestBytesPerDay;
    if (options.share !== undefined) after.share = options.share;
    if (options.aiLabel !== undefined) after.ai_label = options.aiLabel;
    if (options.dataClass !== undefined) after.data_class = options.dataClass;
    if (options.pseudonyms !== undefined) after.pseudonyms = options.pseudonyms;
    if (options.policyPreset !== undefined) after.policy_preset = options.policyPreset;
    if (options.allowedModels !== undefined)
      after.allowed_models = options.allowedModels ? JSON.stringify(options.allowedModels) : null;
    if (JSON.stringify(after) !== JSON.stringify(existing))
      await updateTenantAs(platform, CONFIG_ACTOR, t.name, options);
  }
}

/** Creates the first admin tenant and key (jugwon init), unless the tenant exists. */
export async function bootstrapAdmin(
  platform: Platform,
  actor: Actor,
  o: { password?: string } = {},
): Promise<{ key: string; id: string; user: string; password: string; generated: boolean } | undefined> {
  const exists = await platform.store.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', 'admin')
    .executeTakeFirst();
  if (exists) return undefined;
  await createTenantAs(platform, actor, 'admin', {});
  const k = await createKeyAs(platform, actor, 'admin', { role: 'operator', name: 'bootstrap' });
  const console = await firstConsoleUser(platform, actor, o.password);
  return { key: k.key, id: k.id, ...(console as NonNullable<typeof console>) };
}

/**
 * The platform's first console user — `admin` in the `admin` tenant, an operator — when no user
 * exists yet: with the password given, or a generated one that is shown once. Undefined when
 * users already exist (a second start creates nothing).
 */
export async function firstConsoleUser(
  platform: Platform,
  actor: Actor,
  password?: string,
): Promise<{ user: string; password: string; generated: boolean } | undefined> {
  const anyUser = await platform.store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return undefined;
  const hasTenant = await platform.store.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', 'admin')
    .executeTakeFirst();
  if (!hasTenant) await createTenantAs(platform, actor, 'admin', {});
  // 18 random bytes, base64url: 24 characters, well past any guessing.
  const chosen = password ?? randomBytes(18).toString('base64url');
  await createUserAs(platform, actor, 'admin', 'admin', { role: 'operator', password: chosen });
  return { user: 'admin', password: chosen, generated: password === undefined };
}
