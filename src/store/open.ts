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

/** store.durability: `full` fsyncs every commit; `normal` survives a process crash, not a power loss. */
export type Durability = 'full' | 'normal';

/**
 * Opens (and migrates) the embedded store under the data folder, with WAL journaling. Durability
 * `full` (the default) fsyncs every commit, so a committed audit record survives a power loss;
 * `normal` skips that fsync (SQLite's usual WAL setting): a crash of the process loses nothing,
 * a power failure may lose the last commits. The cost is measured in docs/benchmarks.md.
 */
export async function openStore(dataDir: string, durability: Durability = 'full'): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new BetterSqlite3(join(dataDir, 'jugwon.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
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
