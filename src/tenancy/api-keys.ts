import type { Kysely } from 'kysely';
import { JugwonError } from '../core/errors.js';
import type { Database } from '../store/schema.js';
import { generateKey } from './keys.js';
import { findTenant, type Limits, now, type Role } from './tenants.js';

export interface CreatedKey {
  id: string;
  key: string;
  tenant: string;
  role: Role;
  expiresAt: string | null;
}

/**
 * When a key asked to expire at `v` expires: an ISO date-time, or a duration from now ("30d",
 * "12h"). A problem, said for the flag or field that carried it, when it is unreadable or not in
 * the future (a key that expired at birth would look created and refuse every request).
 */
export function expiryOf(v: string, at = Date.now()): { expiresAt: string } | { problem: string } {
  const d = /^(\d{1,6})([dh])$/.exec(v);
  const t = d ? at + Number(d[1]) * (d[2] === 'd' ? 86_400_000 : 3_600_000) : Date.parse(v);
  if (Number.isNaN(t) || Number.isNaN(new Date(t).getTime()))
    return { problem: `must be an ISO date-time or a duration like 30d, got "${v}"` };
  if (t <= at) return { problem: `must be in the future, got "${v}" (${new Date(t).toISOString()})` };
  return { expiresAt: new Date(t).toISOString() };
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
  if (o.user && !user) throw new JugwonError('JG_USER_NOT_FOUND', { tenant: tenantName, name: o.user });
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
  if (Number(r.numUpdatedRows) === 0) throw new JugwonError('JG_KEY_NOT_FOUND', { id });
}

export async function countKeys(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('api_keys')
    .select(db.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
