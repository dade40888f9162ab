import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../store/open.js';
import type { ApiKeyTable, Database, SessionTable, TenantTable, UserTable } from '../store/schema.js';
import { FAST } from './keys.js';
import { oneAtATimeFor } from './users.js';

type Maybe<T> = T | Promise<T>;

/**
 * The rows authentication reads on every request (keys, tenants, users, sessions). They are read
 * from the store each time, never cached, so a revoked key, a disabled user or a signed-out session
 * is refused at once by every process and replica sharing the store.
 */
export interface Directory {
  key(id: string): Maybe<ApiKeyTable | undefined>;
  /** A key with its tenant and user, in one read where the store allows (one round trip). */
  keyWithOwners(id: string): Maybe<{ key: ApiKeyTable; tenant?: TenantTable; user?: UserTable } | undefined>;
  tenant(id: string): Maybe<TenantTable | undefined>;
  tenantByName(name: string): Maybe<TenantTable | undefined>;
  user(id: string): Maybe<UserTable | undefined>;
  userByName(tenantId: string, name: string): Maybe<UserTable | undefined>;
  /** Whether any key ever existed (revoked ones stay in the table). */
  anyKey(): Maybe<boolean>;
  session(id: string): Maybe<SessionTable | undefined>;
  /** Records a session, and ends the user's oldest live ones beyond `keep` (in one transaction). */
  addSession(row: Omit<SessionTable, 'revoked_at'>, keep: number): Maybe<void>;
  /** Deletes sessions that expired or were ended before `before`. */
  pruneSessions(before: string): Maybe<number>;
  revokeSession(id: string, at: string): Maybe<void>;
  /** Stores a key checked with scrypt as SHA-256 (only if its row still holds `oldHash`). */
  rehashKey(id: string, oldHash: string, hash: string): Maybe<void>;
}

export const directoryOf = (store: Store): Directory =>
  store.dialect === 'sqlite' ? sqliteDirectory(store.sqlite) : kyselyDirectory(store.db);

/** SQLite: prepared statements, answered synchronously (no turn of the event loop per lookup). */
export function sqliteDirectory(sqlite: BetterSqlite3.Database): Directory {
  const keyById = sqlite.prepare<[string], ApiKeyTable>('SELECT * FROM api_keys WHERE id = ?');
  const tenantById = sqlite.prepare<[string], TenantTable>('SELECT * FROM tenants WHERE id = ?');
  const tenantByName = sqlite.prepare<[string], TenantTable>('SELECT * FROM tenants WHERE name = ?');
  const userById = sqlite.prepare<[string], UserTable>('SELECT * FROM users WHERE id = ?');
  const userByName = sqlite.prepare<[string, string], UserTable>(
    'SELECT * FROM users WHERE tenant_id = ? AND name = ?',
  );
  const anyKey = sqlite.prepare<[], { one: number }>('SELECT 1 AS one FROM api_keys LIMIT 1');
  const sessionById = sqlite.prepare<[string], SessionTable>('SELECT * FROM sessions WHERE id = ?');
  const insertSession = sqlite.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO sessions (id, user_id, tenant_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const rehash = sqlite.prepare<[string, string, string]>(
    `UPDATE api_keys SET hash = ?, salt = '${FAST}' WHERE id = ? AND hash = ?`,
  );
  const revoke = sqlite.prepare<[string, string]>(
    'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const live = sqlite.prepare<[string, string], { id: string }>(
    'SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id',
  );
  const prune = sqlite.prepare<[string, string]>(
    'DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?',
  );
  const addSession = sqlite.transaction((r: Omit<SessionTable, 'revoked_at'>, keep: number) => {
    insertSession.run(r.id, r.user_id, r.tenant_id, r.csrf, r.created_at, r.expires_at);
    for (const old of live.all(r.user_id, r.created_at).slice(keep)) revoke.run(r.created_at, old.id);
  });
  return {
    key: (id) => keyById.get(id),
    keyWithOwners: (id) => {
      const key = keyById.get(id);
      if (!key) return undefined;
      const tenant = tenantById.get(key.tenant_id);
      const user = key.user_id ? userById.get(key.user_id) : undefined;
      return { key, ...(tenant ? { tenant } : {}), ...(user ? { user } : {}) };
    },
    tenant: (id) => tenantById.get(id),
    tenantByName: (name) => tenantByName.get(name),
    user: (id) => userById.get(id),
    userByName: (tenantId, name) => userByName.get(tenantId, name),
    anyKey: () => anyKey.get() !== undefined,
    session: (id) => sessionById.get(id),
    addSession: (r, keep) => {
      addSession.immediate(r, keep);
    },
    pruneSessions: (before) => prune.run(before, before).changes,
    revokeSession: (id, at) => {
      revoke.run(at, id);
    },
    rehashKey: (id, oldHash, hash) => {
      rehash.run(hash, id, oldHash);
    },
  };
}

/** Any store Kysely speaks to (Postgres): the same lookups, asynchronously. */
export function kyselyDirectory(db: Kysely<Database>): Directory {
  return {
    key: (id) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
    keyWithOwners: async (id) => {
      const row = await sql<{ key: ApiKeyTable; tenant: TenantTable | null; user: UserTable | null }>`
        SELECT row_to_json(k) AS key, row_to_json(t) AS tenant, row_to_json(u) AS "user"
        FROM api_keys k LEFT JOIN tenants t ON t.id = k.tenant_id LEFT JOIN users u ON u.id = k.user_id
        WHERE k.id = ${id}`.execute(db);
      const r = row.rows[0];
      if (!r) return undefined;
      return { key: r.key, ...(r.tenant ? { tenant: r.tenant } : {}), ...(r.user ? { user: r.user } : {}) };
    },
    tenant: (id) => db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst(),
    tenantByName: (name) => db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst(),
    user: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    userByName: (tenantId, name) =>
      db
        .selectFrom('users')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name)
        .executeTakeFirst(),
    anyKey: async () =>
      (await db.selectFrom('api_keys').select('id').limit(1).executeTakeFirst()) !== undefined,
    session: (id) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
    addSession: async (r, keep) => {
      await db.transaction().execute(async (tx) => {
        // Simultaneous sign-ins each counted without the others' sessions and kept 18 of 24.
        await oneAtATimeFor(tx, 'postgres', r.user_id);
        await tx
          .insertInto('sessions')
          .values({ ...r, revoked_at: null })
          .execute();
        const old = (
          await tx
            .selectFrom('sessions')
            .select('id')
            .where('user_id', '=', r.user_id)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', r.created_at)
            .orderBy('created_at', 'desc')
            .orderBy('id')
            .execute()
        ).slice(keep);
        if (old.length > 0)
          await tx
            .updateTable('sessions')
            .set({ revoked_at: r.created_at })
            .where(
              'id',
              'in',
              old.map((o) => o.id),
            )
            .where('revoked_at', 'is', null)
            .execute();
      });
    },
    pruneSessions: async (before) =>
      Number(
        (
          await db
            .deleteFrom('sessions')
            .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
            .executeTakeFirst()
        ).numDeletedRows,
      ),
    revokeSession: async (id, at) => {
      await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    rehashKey: async (id, oldHash, hash) => {
      await db
        .updateTable('api_keys')
        .set({ hash, salt: FAST })
        .where('id', '=', id)
        .where('hash', '=', oldHash)
        .execute();
    },
  };
}
