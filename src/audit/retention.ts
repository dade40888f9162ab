import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { JugwonError } from '../core/errors.js';
import { createFileOnce } from '../core/files.js';
import type { Database } from '../store/schema.js';

/**
 * Optional retention of raw request bodies, for organisations whose rules require it. Bodies are
 * sealed with AES-256-GCM under a key that lives apart from the database (a file under
 * <dataDir>/keys, or audit.retentionKey in the configuration), so a copy of the database alone
 * reveals nothing.
 */
export class PromptVault {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly key: Buffer,
  ) {}

  /**
   * Seals a body under `id`, which must be the server's own (a fresh UUID per request, named in
   * the request's audit record): a client's x-request-id could name another tenant's evidence.
   * Never replaced: a second body under one id is refused by the primary key.
   */
  async seal(requestId: string, body: string, tenant: string | null = null): Promise<void> {
    await this.db
      .insertInto('retained_requests')
      .values({
        request_id: requestId,
        created_at: new Date().toISOString(),
        tenant,
        ...this.sealed(requestId, body),
      })
      .execute();
  }

  private sealed(requestId: string, body: string) {
    return seal(this.key, requestId, body);
  }

  /**
   * Replaces a retained body with an edited one (a data subject's erasure): the only change a
   * sealed body ever gets, and it is audited by the caller.
   */
  async reseal(requestId: string, body: string): Promise<void> {
    await this.db
      .updateTable('retained_requests')
      .set(this.sealed(requestId, body))
      .where('request_id', '=', requestId)
      .execute();
  }

  /** Every retained body (of one tenant), opened, page by page. */
  async *all(
    tenant?: string,
  ): AsyncGenerator<{ requestId: string; created: string; tenant: string | null; body: string }> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('retained_requests')
        .selectAll()
        .where('request_id', '>', after)
        .$if(tenant !== undefined, (q) => q.where('tenant', '=', tenant as string))
        .orderBy('request_id')
        .limit(200)
        .execute();
      for (const r of rows)
        yield { requestId: r.request_id, created: r.created_at, tenant: r.tenant, body: this.decrypt(r) };
      if (rows.length < 200) return;
      after = (rows.at(-1) as { request_id: string }).request_id;
    }
  }

  private decrypt(row: { request_id: string } & Sealed): string {
    return unseal(this.key, row.request_id, row);
  }

  async open(requestId: string): Promise<string> {
    const row = await this.db
      .selectFrom('retained_requests')
      .select(['iv', 'tag', 'body'])
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (!row) throw new JugwonError('JG_RETAINED_REQUEST_NOT_FOUND', { id: requestId });
    return this.decrypt({ request_id: requestId, ...row });
  }
}

/** A text sealed with AES-256-GCM. */
export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

/**
 * Seals `text` under `key` with a fresh IV; `id` (the row's) is bound to it as associated data,
 * so a sealed body cannot be moved to another row.
 */
export function seal(key: Buffer, id: string, text: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

/** Opens what `seal` sealed under the same key and id (throws when either differs or it was changed). */
export function unseal(key: Buffer, id: string, sealed: Sealed): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.body), decipher.final()]).toString('utf8');
}

/** The configured key (audit.retentionKey, checked by the configuration schema), else a key file in keysDir. */
export function loadOrCreateRetentionKey(keysDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  return keyFile(keysDir, 'retention-aes256.key');
}

/**
 * A 256-bit key kept in a file of its own (mode 0600, in a folder of mode 0700), created on first
 * use: the material that can re-identify people lives apart from the data it opens.
 */
export function keyFile(keysDir: string, name: string): Buffer {
  const file = join(keysDir, name);
  if (!existsSync(file)) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    // Whole or not at all; a process that loses the race uses the winner's key.
    createFileOnce(file, randomBytes(32).toString('hex'));
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new JugwonError('JG_KEY_FILE_INVALID', {
      file,
      problem: 'it does not hold 64 hex digits (a 256-bit key)',
    });
  return Buffer.from(text, 'hex');
}
