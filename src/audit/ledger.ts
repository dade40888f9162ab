import type { AuditRecord } from './log.js';

/** A tenant × model × day usage sample, added to that day's row. */
export interface UsageDelta {
  tenantId: string;
  model: string;
  day: string;
  error: boolean;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

/**
 * What one request (or one administrative action) leaves in the store, written together: tokens
 * settled against budget counters, its usage, and its audit record. Settlement and usage are
 * written in a savepoint of their own: if they fail, the audit record is still written, saying so.
 */
export interface LedgerEntry {
  audit?: AuditRecord;
  /** Tokens (or bytes) added to budget counters, e.g. `tenant:<id>:day:2026-11-28`. */
  counters?: { scope: string; used: number }[];
  usage?: UsageDelta;
}

/**
 * The one writer of accounting and the hash-chained audit trail. SQLite and Postgres each have an
 * implementation; both number records under a lock (an IMMEDIATE transaction, an advisory lock),
 * so writers in several processes or replicas keep one chain, and both sign a checkpoint at least
 * every `CHECKPOINT_EVERY` records, also written to the anchor outside the database once the
 * transaction that made it has committed.
 */
export interface Ledger {
  /** Writes the entry with those of concurrent requests; resolves once it is durable. */
  write(e: LedgerEntry): Promise<void>;
  /** Signs the latest record now (every minute and at shutdown, so little is ever unsigned). */
  checkpoint(): Promise<void>;
  /** Commits what is queued (at shutdown). */
  flush(): Promise<void>;
}
