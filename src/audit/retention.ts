import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';

/**
 * Optional retention of raw request bodies, for organisations whose rules require it. Bodies are
 * sealed with AES-256-GCM under a key that lives apart from the database (a file under
 * <dataDir>/keys, or audit.retentionKey in the configuration), so a copy of the database alone
 * reveals nothing.
 */
export class PromptVault {
  private readonly insert: BetterSqlite3.Statement<[string, string, Buffer, Buffer, Buffer]>;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly key: Buffer,
  ) {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS retained_requests (request_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, iv BLOB NOT NULL, tag BLOB NOT NULL, body BLOB NOT NULL)',
    );
    this.insert = sqlite.prepare(
      // Never replaced: an id is the server's own (see seal), and a second body under it is refused.
      'INSERT INTO retained_requests (request_id, created_at, iv, tag, body) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /**
   * Seals a body under `id`, which must be the server's own (a fresh UUID per request, named in
   * the request's audit record): a client's x-request-id could name another tenant's evidence.
   */
  seal(requestId: string, body: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(requestId)); // a body cannot be moved to another request's row
    const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
    this.insert.run(requestId, new Date().toISOString(), iv, cipher.getAuthTag(), sealed);
  }

  open(requestId: string): string {
    const row = this.sqlite
      .prepare<[string], { iv: Buffer; tag: Buffer; body: Buffer }>(
        'SELECT iv, tag, body FROM retained_requests WHERE request_id = ?',
      )
      .get(requestId);
    if (!row) throw new JugwonError('JG_RETAINED_REQUEST_NOT_FOUND', { id: requestId });
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(requestId));
    decipher.setAuthTag(row.tag);
    return Buffer.concat([decipher.update(row.body), decipher.final()]).toString('utf8');
  }
}

/** The configured key (audit.retentionKey, checked by the configuration schema), else a key file. */
export function loadOrCreateRetentionKey(dataDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = join(dataDir, 'keys', 'retention-aes256.key');
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
