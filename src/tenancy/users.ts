import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { JugwonError } from '../core/errors.js';
import { isUniqueViolation } from '../store/open.js';
import type { Database } from '../store/schema.js';
import { hashSecret, newId } from './keys.js';
import { findTenant, now, type Role } from './tenants.js';

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
  o: { role?: Role; password?: string; ssoSubject?: string } = {},
): Promise<CreatedUser> {
  const tenant = await findTenant(db, tenantName);
  if (!/^[\w.@가-힣-]{1,64}$/.test(name))
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'user name',
      problem: `1-64 letters, digits, . _ - @ (got "${name}")`,
    });
  if (await findUserId(db, tenant.id, name))
    throw new JugwonError('JG_USER_EXISTS', { tenant: tenantName, name });
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
      password_hash: o.password === undefined || salt === null ? null : await hashSecret(o.password, salt),
      salt,
      sso_subject: o.ssoSubject ?? null,
      created_at: now(),
      disabled_at: null,
    })
    .execute()
    .catch((e: unknown) => {
      // Another request created the same user meanwhile (the password hash takes ~50 ms).
      throw isUniqueViolation(e) ? new JugwonError('JG_USER_EXISTS', { tenant: tenantName, name }) : e;
    });
  return { id, name, tenant: tenant.name, role };
}

export async function findUserId(
  db: Kysely<Database>,
  tenantId: string,
  name: string,
): Promise<string | undefined> {
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
    throw new JugwonError('JG_USER_NOT_FOUND', { tenant: tenantName, name });
}

function checkPassword(password: string): void {
  if (password.length < 12)
    throw new JugwonError('JG_PASSWORD_INVALID', { problem: 'at least 12 characters are needed' });
  if (password.length > 1024)
    throw new JugwonError('JG_PASSWORD_INVALID', { problem: 'at most 1,024 characters are allowed' });
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
  if (!id) throw new JugwonError('JG_USER_NOT_FOUND', { tenant: tenantName, name });
  const salt = randomBytes(16).toString('hex');
  const hash = await hashSecret(password, salt);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, salt }).where('id', '=', id).execute();
    await tx
      .updateTable('sessions')
      .set({ revoked_at: now() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .$if(keepSession !== undefined, (q) => q.where('id', '!=', keepSession ?? ''))
      .execute();
  });
}

/**
 * Inside a transaction, takes the user's turn: what counts a user's rows and then adds one
 * (sessions, conversations) runs one at a time per user, or simultaneous calls each count without
 * the others' rows and all pass a limit together. Postgres locks the user's row; the embedded
 * store runs one transaction at a time already.
 */
export async function oneAtATimeFor(
  tx: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  userId: string,
): Promise<void> {
  if (dialect === 'postgres')
    await tx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}
