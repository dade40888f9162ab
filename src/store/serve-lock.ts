import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';

/**
 * Keeps a second `jugwon serve` off one embedded store. Two servers on one SQLite file would each
 * count request limits and token reservations on their own — each allowing the whole of every
 * limit. The lock is SQLite's own exclusive lock on a small file beside the store, held by an open
 * transaction for the server's life: the operating system releases it when the process ends,
 * however it ends (a crash or `kill -9` leaves nothing to clean up), and CLI commands, which never
 * take it, run beside the server as before. Returns the release.
 */
/** Locks held by this process, so a lock nobody else references is never closed by the collector. */
const held = new Set<BetterSqlite3.Database>();

export function holdServeLock(dataDir: string): () => void {
  const db = new BetterSqlite3(join(dataDir, 'serve.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new JugwonError('JG_STORE_IN_USE');
    throw e;
  }
  held.add(db);
  return () => {
    if (!held.delete(db)) return;
    db.exec('ROLLBACK');
    db.close();
  };
}
