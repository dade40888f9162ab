import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { Pool } from 'pg';
import { JugwonError } from '../core/errors.js';
import { makePrivateDir } from '../core/files.js';
import { migrationProvider, migrationsFor } from './migrations.js';
import type { Database, Dialect } from './schema.js';

export type { Dialect } from './schema.js';

interface StoreBase {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** The embedded store: one SQLite file under the data folder, for one machine. */
export interface SqliteStore extends StoreBase {
  dialect: 'sqlite';
  /** The raw connection, for the hot statements that run synchronously (accounting, keys). */
  sqlite: BetterSqlite3.Database;
}

/** A shared Postgres database, for several replicas. */
export interface PostgresStore extends StoreBase {
  dialect: 'postgres';
  pool: Pool;
}

export type Store = SqliteStore | PostgresStore;

/** store.durability: `full` fsyncs every commit; `normal` survives a process crash, not a power loss. */
export type Durability = 'full' | 'normal';

export interface StoreOptions {
  dataDir: string;
  durability?: Durability;
  /** postgres://…: the shared store; without it, SQLite under dataDir. */
  url?: string;
}

/**
 * Opens (and migrates) the store. SQLite uses WAL journaling; durability `full` (the default)
 * fsyncs every commit, so a committed audit record survives a power loss; `normal` skips that
 * fsync (a crash of the process loses nothing, a power failure may lose the last commits).
 * Postgres commits are durable by the server's own settings.
 */
export async function openStore(o: StoreOptions | string, durability?: Durability): Promise<Store> {
  const opts = typeof o === 'string' ? { dataDir: o, durability } : o;
  if (opts.url) return openPostgres(opts.url);
  makePrivateDir(opts.dataDir);
  const file = join(opts.dataDir, 'jugwon.db');
  // A new database is readable by this user only (SQLite gives its WAL the same permissions).
  closeSync(openSync(file, 'a', 0o600));
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma((opts.durability ?? 'full') === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 'sqlite');
  } catch (e) {
    await db.destroy(); // a store that cannot be opened is left closed
    throw e;
  }
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Brings the store up to this version's schema. A store a newer version has already migrated is
 * used as it is (migrations only add tables, columns and indexes, so this version works on it):
 * during a rolling upgrade a replica of the previous version that restarts must start, where
 * Kysely refused it as "corrupted migrations".
 */
async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const ours = Object.keys(migrationsFor(dialect));
  const done = await sql<{ name: string }>`SELECT name FROM kysely_migration`
    .execute(db)
    .then((r) => r.rows.map((row) => row.name))
    .catch(() => [] as string[]); // a new store: no table yet
  const newer = done.filter((n) => !ours.includes(n));
  if (newer.length > 0) {
    const missing = ours.filter((n) => !done.includes(n));
    if (missing.length === 0) return;
    throw new JugwonError('JG_STORE_NEWER', { newer: newer.join(', '), missing: missing.join(', ') });
  }
  const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) throw error;
}

/** pg is loaded only when a Postgres store is configured (the embedded default never pays for it). */
async function openPostgres(url: string): Promise<PostgresStore> {
  const { default: pg } = await import('pg');
  const { PostgresDialect } = await import('kysely');
  const int8 = 20;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Counters and sequence numbers are bigint columns; every value jugwon stores fits a double.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // A connection dropped by the server (a restart, a failover, the network) must not crash the
  // process: an idle one is the pool's ('error' on the pool); one checked out between two queries
  // (a transaction, a held lock) emitted 'error' with no listener — an uncaught exception. Its next
  // query fails instead (JG_STORE_UNAVAILABLE), and the pool drops it when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Kysely's Postgres migrator holds an advisory lock: replicas starting together migrate once.
    await migrate(db, 'postgres');
  } catch (e) {
    await db.destroy();
    throw storeUnavailable(e) ?? e;
  }
  return {
    dialect: 'postgres',
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

/** Node's codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * The error for a store that cannot be reached — refused, lost, shut down, out of connections,
 * refusing the credentials — or undefined for any other error. Every path reports an outage of
 * Postgres as `503 JG_STORE_UNAVAILABLE` with its reason (never the address's password), not as
 * an internal error; a full disk (either store) as `507 JG_STORE_FULL`.
 */
export function storeUnavailable(e: unknown): JugwonError | undefined {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  const message = String((e as { message?: unknown } | null)?.message ?? '');
  // Nothing more can be recorded: every request is refused (it could not be audited) until there is room.
  if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC')
    return new JugwonError('JG_STORE_FULL', { reason: message.slice(0, 200) || code });
  const lost =
    code.startsWith('SQLITE_BUSY') || // another process held the write lock past busy_timeout
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P') || // the server shutting down, or not accepting connections yet
    code.startsWith('28') || // invalid authorization
    code === '53300' || // too many connections
    /^Connection terminated|timeout exceeded when trying to connect|not queryable/.test(message);
  return lost
    ? new JugwonError('JG_STORE_UNAVAILABLE', { reason: message.slice(0, 200) || code })
    : undefined;
}

/** Advisory-lock keys jugwon takes on a Postgres store (arbitrary, fixed numbers). */
export const AUDIT_LOCK = 0x6a7567_02;
export const SINGLE_REPLICA_LOCK = 0x6a7567_03;

/**
 * Whether an insert failed on a unique key (SQLite's or Postgres's code): two requests creating
 * the same name at once both pass the check before it, and the second must hear "exists", not an
 * internal error.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
