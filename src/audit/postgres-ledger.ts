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
    await this.transaction(async (c, anchors, { last, checkpoint }) => {
      if (last && last.seq !== checkpoint?.seq) await this.sign(c, last, anchors);
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
      await this.transaction(async (c, anchors, start) => {
        let last = start.last;
        let checkpointed = start.checkpoint?.seq ?? 0;
        for (const p of batch) {
          const signed = anchors.length;
          try {
            const next = await this.writeEntry(c, last, p.entry);
            if (next && next !== last && next.seq - checkpointed >= this.every) {
              await this.sign(c, next, anchors);
              checkpointed = next.seq;
            }
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

  /**
   * Runs `fn` in a transaction holding the audit lock, with the chain's last record and last
   * checkpoint read in the same round trip; anchors its checkpoints once committed.
   */
  private async transaction(
    fn: (c: PoolClient, anchors: AnchorLine[], start: { last?: Link; checkpoint?: Link }) => Promise<void>,
  ): Promise<void> {
    const c = await this.pool.connect();
    const anchors: AnchorLine[] = [];
    try {
      // One round trip: a batch costs four or five in all, whatever the number of its entries' rows.
      const results = (await c.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${AUDIT_LOCK}); SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1; SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
      )) as unknown as { rows: Link[] }[];
      await fn(c, anchors, { last: results[2]?.rows[0], checkpoint: results[3]?.rows[0] });
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

  /**
   * One entry: its settlement and usage in a savepoint of their own (if they fail, the audit
   * record is still written, saying so), all in one round trip of literal statements, then its
   * audit record. Returns the chain's new last record.
   */
  private async writeEntry(c: PoolClient, last: Link | undefined, e: LedgerEntry): Promise<Link | undefined> {
    const lit = (v: string) => c.escapeLiteral(v);
    // Values are written as literals (one round trip for many statements); a count that is not a
    // finite number fails the accounting part, as a failing statement would.
    let bad = false;
    const num = (v: number) => {
      if (!Number.isFinite(v)) bad = true;
      return Number.isFinite(v) ? String(v) : '0';
    };
    const rows = e.audit
      ? [nextLink(last, e.audit), nextLink(last, { ...e.audit, target: ACCOUNTING_FAILED })]
      : [];
    const inserts = rows.map(
      (row) =>
        `INSERT INTO audit_log (seq, record, prev_hash, hash) VALUES (${num(row.seq)}, ${lit(row.record)}, ${lit(row.prev_hash)}, ${lit(row.hash)}); RELEASE SAVEPOINT entry`,
    );
    let failed = false;
    let opened = false;
    if (e.counters?.length || e.usage) {
      bad = false;
      const accounting = ['SAVEPOINT entry', 'SAVEPOINT accounting'];
      for (const k of e.counters ?? [])
        accounting.push(
          `INSERT INTO quota_counters (scope, used) VALUES (${lit(k.scope)}, GREATEST(0, ${num(k.used)})) ON CONFLICT (scope) DO UPDATE SET used = GREATEST(0, quota_counters.used + ${num(k.used)})`,
        );
      const u = e.usage;
      if (u)
        accounting.push(
          `INSERT INTO usage (tenant_id, model, day, requests, errors, prompt_tokens, completion_tokens, latency_ms_total)
           VALUES (${lit(u.tenantId)}, ${lit(u.model)}, ${lit(u.day)}, 1, ${u.error ? 1 : 0}, ${num(u.promptTokens)}, ${num(u.completionTokens)}, ${num(u.latencyMs)})
           ON CONFLICT (tenant_id, model, day) DO UPDATE SET
             requests = usage.requests + 1, errors = usage.errors + EXCLUDED.errors,
             prompt_tokens = usage.prompt_tokens + EXCLUDED.prompt_tokens,
             completion_tokens = usage.completion_tokens + EXCLUDED.completion_tokens,
             latency_ms_total = usage.latency_ms_total + EXCLUDED.latency_ms_total`,
        );
      accounting.push('RELEASE SAVEPOINT accounting');
      if (bad) accounting.splice(1); // only the entry's savepoint
      failed = bad;
      opened = true;
      try {
        await c.query(accounting.join('; '));
      } catch {
        // Statements run in order: "entry" was set before any could fail.
        await c.query('ROLLBACK TO SAVEPOINT accounting');
        failed = true;
      }
    }
    const begin = opened ? '' : 'SAVEPOINT entry; ';
    if (!e.audit) {
      await c.query(`${begin}RELEASE SAVEPOINT entry`);
      return last;
    }
    const row = rows[failed ? 1 : 0] as Row;
    await c.query(`${begin}${inserts[failed ? 1 : 0]}`);
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

async function lastCheckpoint(c: PoolClient): Promise<Link | undefined> {
  return (await c.query<Link>('SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1')).rows[0];
}
