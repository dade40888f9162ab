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
 * Opens (and migrates) the embedded store under the data folder. WAL journaling with
 * synchronous=FULL: a committed write survives a crash of the process or the machine.
 */
export async function openStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new BetterSqlite3(join(dataDir, 'jugwon.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
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
