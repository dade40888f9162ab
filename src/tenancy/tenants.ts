import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { JugwonError } from '../core/errors.js';
import type { Database, TenantTable } from '../store/schema.js';
import { generateKey, hashSecret, newId } from './keys.js';

export type Role = 'admin' | 'compliance' | 'member';

export interface Limits {
  rpm?: number | null;
  tokensPerDay?: number | null;
  monthlyTokens?: number | null;
}

export interface TenantOptions extends Limits {
  policyPreset?: string | null;
  allowedModels?: string[] | null;
}

const now = () => new Date().toISOString();

export async function createTenant(
  db: Kysely<Database>,
  name: string,
  o: TenantOptions = {},
): Promise<TenantTable> {
  if (!/^[A-Za-z0-9가-힣][A-Za-z0-9가-힣._-]{0,63}$/.test(name)) {
    throw new JugwonError('JG_USAGE', {
      problem: `tenant names are 1-64 letters, digits, . _ - (got "${name}")`,
    });
  }
  const existing = await db.selectFrom('tenants').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) throw new JugwonError('JG_USAGE', { problem: `tenant "${name}" already exists` });
  const row: TenantTable = {
    id: newId(),
    name,
    policy_preset: o.policyPreset ?? null,
    allowed_models: o.allowedModels ? JSON.stringify(o.allowedModels) : null,
    rpm: o.rpm ?? null,
    tokens_per_day: o.tokensPerDay ?? null,
    monthly_tokens: o.monthlyTokens ?? null,
    created_at: now(),
  };
  await db.insertInto('tenants').values(row).execute();
  return row;
}

export async function findTenant(db: Kysely<Database>, name: string): Promise<TenantTable> {
  const t = await db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst();
  if (!t)
    throw new JugwonError('JG_USAGE', {
      problem: `no tenant named "${name}" (jugwon tenants list shows them)`,
    });
  return t;
}

export async function setTenantLimits(db: Kysely<Database>, name: string, o: TenantOptions): Promise<void> {
  const t = await findTenant(db, name);
  await db
    .updateTable('tenants')
    .set({
      ...(o.rpm !== undefined ? { rpm: o.rpm } : {}),
      ...(o.tokensPerDay !== undefined ? { tokens_per_day: o.tokensPerDay } : {}),
      ...(o.monthlyTokens !== undefined ? { monthly_tokens: o.monthlyTokens } : {}),
      ...(o.policyPreset !== undefined ? { policy_preset: o.policyPreset } : {}),
      ...(o.allowedModels !== undefined
        ? { allowed_models: o.allowedModels ? JSON.stringify(o.allowedModels) : null }
        : {}),
    })
    .where('id', '=', t.id)
    .execute();
}

export interface CreatedKey {
  id: string;
  key: string;
  tenant: string;
  role: Role;
  expiresAt: string | null;
}

export interface CreatedUser {
  id: string;
  name: string;
  tenant: string;
  role: Role;
}

/** A person in a tenant; with a password, the user can sign in to the console. */
export async function createUser(
  db: Kysely<Database>,
  tenantName: string,
  name: string,
  o: { role?: Role; password?: string } = {},
): Promise<CreatedUser> {
  const tenant = await findTenant(db, tenantName);
  if (!/^[\w.@가-힣-]{1,64}$/.test(name))
    throw new JugwonError('JG_USAGE', {
      problem: `user names are 1-64 letters, digits, . _ - @ (got "${name}")`,
    });
  if (await findUserId(db, tenant.id, name))
    throw new JugwonError('JG_USAGE', { problem: `user "${name}" already exists in tenant "${tenantName}"` });
  if (o.password !== undefined) checkPassword(o.password);
  const salt = o.password === undefined ? null : randomBytes(16).toString('hex');
  const id = newId();
  const role = o.role ?? 'member';
  await db
    .insertInto('users')
    .values({
      id,
      tenant_id: tenant.id,
      name,
      role,
      password_hash: o.password === undefined || salt === null ? null : hashSecret(o.password, salt),
      salt,
      created_at: now(),
      disabled_at: null,
    })
    .execute();
  return { id, name, tenant: tenant.name, role };
}

export async function createApiKey(
  db: Kysely<Database>,
  tenantName: string,
  o: Limits & { role?: Role; name?: string; expiresAt?: string | null; user?: string } = {},
): Promise<CreatedKey> {
  const tenant = await findTenant(db, tenantName);
  const user = o.user
    ? await db
        .selectFrom('users')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .where('name', '=', o.user)
        .executeTakeFirst()
    : undefined;
  if (o.user && !user)
    throw new JugwonError('JG_USAGE', { problem: `no user "${o.user}" in tenant "${tenantName}"` });
  const k = generateKey();
  // A user's key acts with the user's role unless a narrower one is asked for.
  const role = o.role ?? user?.role ?? 'member';
  await db
    .insertInto('api_keys')
    .values({
      id: k.id,
      tenant_id: tenant.id,
      user_id: user?.id ?? null,
      name: o.name ?? null,
      role,
      hash: k.hash,
      salt: k.salt,
      created_at: now(),
      expires_at: o.expiresAt ?? null,
      revoked_at: null,
      rpm: o.rpm ?? null,
      tokens_per_day: o.tokensPerDay ?? null,
      monthly_tokens: o.monthlyTokens ?? null,
    })
    .execute();
  return { id: k.id, key: k.key, tenant: tenant.name, role, expiresAt: o.expiresAt ?? null };
}

export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<void> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    throw new JugwonError('JG_USAGE', { problem: `no active key with id "${id}"` });
}

async function findUserId(db: Kysely<Database>, tenantId: string, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

/** Disables a user: their console sessions and their keys stop working at once. */
export async function disableUser(db: Kysely<Database>, tenantName: string, name: string): Promise<void> {
  const tenant = await findTenant(db, tenantName);
  const r = await db
    .updateTable('users')
    .set({ disabled_at: now() })
    .where('tenant_id', '=', tenant.id)
    .where('name', '=', name)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0 && !(await findUserId(db, tenant.id, name)))
    throw new JugwonError('JG_USAGE', { problem: `no user named "${name}" in tenant "${tenantName}"` });
}

function checkPassword(password: string): void {
  if (password.length < 12)
    throw new JugwonError('JG_USAGE', { problem: 'passwords need at least 12 characters' });
  if (password.length > 1024)
    throw new JugwonError('JG_USAGE', { problem: 'passwords are at most 1024 characters' });
}

/**
 * Sets a user's console password (a reset by an administrator, or the user's own change) and ends
 * the user's console sessions except `keepSession`: whoever knew the old password is signed out.
 */
export async function setPassword(
  db: Kysely<Database>,
  tenantName: string,
  name: string,
  password: string,
  keepSession?: string,
): Promise<void> {
  checkPassword(password);
  const tenant = await findTenant(db, tenantName);
  const id = await findUserId(db, tenant.id, name);
  if (!id)
    throw new JugwonError('JG_USAGE', { problem: `no user named "${name}" in tenant "${tenantName}"` });
  const salt = randomBytes(16).toString('hex');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hashSecret(password, salt), salt })
      .where('id', '=', id)
      .execute();
    await tx
      .updateTable('sessions')
      .set({ revoked_at: now() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .$if(keepSession !== undefined, (q) => q.where('id', '!=', keepSession ?? ''))
      .execute();
  });
}

export async function countKeys(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('api_keys')
    .select(db.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
