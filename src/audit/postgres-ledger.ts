import type { Pool, PoolClient } from 'pg';
import { AUDIT_LOCK } from '../store/open.js';
import type { AnchorLine, AuditAnchor } from './anchor.js';
import type { Ledger, LedgerEntry } from './ledger.js';
import {
  ACCOUNTING_FAILED,
  CHECKPOINT_EVERY,
  chainIntact,
  checkpointMessage,
  type Link,
  nextLink,
  type Row,
} from './log.js';
import type { AuditSigner } from './signing.js';

interface Pending {
  entry: LedgerEntry;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The ledger on a shared Postgres store. Entries queued while a batch is being committed are
 * committed together in the next one (group commit, as on SQLite): one transaction that takes the
 * audit advisory lock, so the records of every replica form one chain, numbered without a
 * sequence (whose rolled-back numbers would leave holes). Each entry runs in a savepoint: one that
 * fails is rolled back alone and its caller gets the error.
 */
export class PostgresLedger implements Ledger {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;
  private lastAnchored: AnchorLine | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly signer: AuditSigner,
    private readonly anchor?: AuditAnchor,
    private readonly every = CHECKPOINT_EVERY,
  ) {
    this.lastAnchored = anchor?.last();
  }

  write(entry: LedgerEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.kick();
    });
  }

  async checkpoint(): Promise<void> {
    await this.flush();
    await this.transaction(async (c, anchors) => {
      const last = await lastLink(c);
      const cp = await lastCheckpoint(c);
      if (last && last.seq !== cp?.seq) await this.sign(c, last, anchors);
    });
  }

  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      this.kick();
      await this.running;
    }
  }

  private kick(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = this.commitBatch(this.queue.splice(0)).finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const failed = new Map<Pending, unknown>();
    try {
      await this.transaction(async (c, anchors) => {
        let last = await lastLink(c);
        for (const p of batch) {
          await c.query('SAVEPOINT entry');
          const signed = anchors.length;
          try {
            const next = await this.writeEntry(c, last, p.entry, anchors);
            await c.query('RELEASE SAVEPOINT entry');
            last = next;
          } catch (e) {
            await c.query('ROLLBACK TO SAVEPOINT entry');
            anchors.length = signed; // a rolled-back checkpoint is never anchored
            failed.set(p, e);
          }
        }
      });
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) {
      if (failed.has(p)) p.reject(failed.get(p));
      else p.resolve();
    }
  }

  /** Runs `fn` in a transaction holding the audit lock; anchors its checkpoints once committed. */
  private async transaction(fn: (c: PoolClient, anchors: AnchorLine[]) => Promise<void>): Promise<void> {
    const c = await this.pool.connect();
    const anchors: AnchorLine[] = [];
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      await fn(c, anchors);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      c.release();
      throw e;
    }
    c.release();
    for (const l of anchors) {
      this.anchor?.append(l);
      this.lastAnchored = l;
    }
  }

  private async writeEntry(
    c: PoolClient,
    last: Link | undefined,
    e: LedgerEntry,
    anchors: AnchorLine[],
  ): Promise<Link | undefined> {
    let failed = false;
    if (e.counters?.length || e.usage) {
      await c.query('SAVEPOINT accounting');
      try {
        for (const k of e.counters ?? [])
          await c.query(
            'INSERT INTO quota_counters (scope, used) VALUES ($1, GREATEST(0, $2::bigint)) ON CONFLICT (scope) DO UPDATE SET used = GREATEST(0, quota_counters.used + $2::bigint)',
            [k.scope, k.used],
          );
        const u = e.usage;
        if (u)
          await c.query(
            `INSERT INTO usage (tenant_id, model, day, requests, errors, prompt_tokens, completion_tokens, latency_ms_total)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7)
             ON CONFLICT (tenant_id, model, day) DO UPDATE SET
               requests = usage.requests + 1, errors = usage.errors + EXCLUDED.errors,
               prompt_tokens = usage.prompt_tokens + EXCLUDED.prompt_tokens,
               completion_tokens = usage.completion_tokens + EXCLUDED.completion_tokens,
               latency_ms_total = usage.latency_ms_total + EXCLUDED.latency_ms_total`,
            [u.tenantId, u.model, u.day, u.error ? 1 : 0, u.promptTokens, u.completionTokens, u.latencyMs],
          );
        await c.query('RELEASE SAVEPOINT accounting');
      } catch {
        await c.query('ROLLBACK TO SAVEPOINT accounting');
        failed = true;
      }
    }
    if (!e.audit) return last;
    const row = nextLink(last, failed ? { ...e.audit, target: ACCOUNTING_FAILED } : e.audit);
    await c.query('INSERT INTO audit_log (seq, record, prev_hash, hash) VALUES ($1, $2, $3, $4)', [
      row.seq,
      row.record,
      row.prev_hash,
      row.hash,
    ]);
    const cp = await lastCheckpoint(c);
    if (row.seq - (cp?.seq ?? 0) >= this.every) await this.sign(c, row, anchors);
    return row;
  }

  /** Signs `at` when the chain since the last checkpoint is intact (never a rewritten or cut chain). */
  private async sign(c: PoolClient, at: Link, anchors: AnchorLine[]): Promise<void> {
    const cp = await lastCheckpoint(c);
    const rows = await c.query<Row>(
      'SELECT seq, record, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq',
      [cp?.seq ?? 1],
    );
    if (!chainIntact(cp, anchors.at(-1) ?? this.lastAnchored, () => rows.rows)) return;
    const time = new Date().toISOString();
    const signature = this.signer.sign(checkpointMessage(at.seq, at.hash));
    const r = await c.query(
      'INSERT INTO audit_checkpoints (seq, hash, signature, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (seq) DO NOTHING',
      [at.seq, at.hash, signature, time],
    );
    if ((r.rowCount ?? 0) > 0) anchors.push({ seq: at.seq, hash: at.hash, signature, time });
  }
}

async function lastLink(c: PoolClient): Promise<Link | undefined> {
  return (await c.query<Link>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
}

async function lastCheckpoint(c: PoolClient): Promise<Link | undefined> {
  return (await c.query<Link>('SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1')).rows[0];
}
