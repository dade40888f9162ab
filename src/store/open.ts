import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  /** The raw connection, for the few statements that must be synchronous (audit before reply). */
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the embedded store under the data folder. WAL journaling: a committed
 * write survives a crash or kill of the process. synchronous=NORMAL skips the fsync per commit
 * (SQLite's recommended setting for WAL), so a power failure may lose the last commits; set
 * JUGWON_SYNC_FULL=1 to fsync every commit at about 1 ms per request on this machine's disk.
 */
export async function openStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new BetterSqlite3(join(dataDir, 'jugwon.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(process.env.JUGWON_SYNC_FULL === '1' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error;
  return {
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}
