import type BetterSqlite3 from 'better-sqlite3';
import { GroupCommit } from '../store/group-commit.js';
import type { AnchorLine, AuditAnchor } from './anchor.js';
import type { Ledger, LedgerEntry } from './ledger.js';
import {
  ACCOUNTING_FAILED,
  type AuditRecord,
  CHECKPOINT_EVERY,
  chainIntact,
  checkpointMessage,
  type Link,
  nextLink,
  type Row,
} from './log.js';
import type { AuditSigner } from './signing.js';

/**
 * The embedded ledger: synchronous statements on the SQLite connection, committed by a group
 * commit (one fsync for all the requests of one turn of the event loop). Each append is an
 * IMMEDIATE transaction (a savepoint inside the group's), so the server and CLI commands, in
 * separate processes, keep one chain.
 */
export class SqliteLedger implements Ledger {
  private readonly group: GroupCommit;
  private readonly writeNow: (e: LedgerEntry) => void;
  private readonly checkpointTx: () => void;
  /** Checkpoints signed in a transaction that has not committed yet: anchored after it does. */
  private pendingAnchors: AnchorLine[] = [];
  /** The anchor's last line, read once and kept as this ledger extends it. */
  private lastAnchored: AnchorLine | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly signer: AuditSigner,
    private readonly anchor?: AuditAnchor,
    every = CHECKPOINT_EVERY,
  ) {
    this.lastAnchored = anchor?.last();
    const last = sqlite.prepare<[], Link>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    // The number comes from AUTOINCREMENT, never reused: a deleted tail leaves a gap that verify names.
    const insert = sqlite.prepare<[string, string, string]>(
      'INSERT INTO audit_log (record, prev_hash, hash) VALUES (?, ?, ?)',
    );
    const lastCheckpoint = sqlite.prepare<[], Link>(
      'SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
    );
    const since = sqlite.prepare<[number], Row>(
      'SELECT seq, record, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq',
    );
    const addCheckpoint = sqlite.prepare<[number, string, string, string]>(
      'INSERT INTO audit_checkpoints (seq, hash, signature, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING',
    );
    const counter = sqlite.prepare<[{ scope: string; used: number }]>(
      'INSERT INTO quota_counters (scope, used) VALUES (@scope, MAX(0, @used)) ON CONFLICT (scope) DO UPDATE SET used = MAX(0, used + @used)',
    );
    const usage = sqlite.prepare(
      `INSERT INTO usage (tenant_id, model, day, requests, errors, prompt_tokens, completion_tokens, latency_ms_total)
       VALUES (@tenantId, @model, @day, 1, @errors, @promptTokens, @completionTokens, @latencyMs)
       ON CONFLICT (tenant_id, model, day) DO UPDATE SET
         requests = requests + 1, errors = errors + excluded.errors,
         prompt_tokens = prompt_tokens + excluded.prompt_tokens,
         completion_tokens = completion_tokens + excluded.completion_tokens,
         latency_ms_total = latency_ms_total + excluded.latency_ms_total`,
    );
    const checkpoint = (seq: number, hash: string) => {
      const cp = lastCheckpoint.get();
      if (
        !chainIntact(cp, this.pendingAnchors.at(-1) ?? this.lastAnchored, () => since.iterate(cp?.seq ?? 1))
      )
        return;
      const time = new Date().toISOString();
      const signature = this.signer.sign(checkpointMessage(seq, hash));
      if (addCheckpoint.run(seq, hash, signature, time).changes > 0)
        this.pendingAnchors.push({ seq, hash, signature, time });
    };
    const append = sqlite.transaction((record: AuditRecord) => {
      const row = nextLink(last.get(), record);
      const seq = Number(insert.run(row.record, row.prev_hash, row.hash).lastInsertRowid);
      if (seq - (lastCheckpoint.get()?.seq ?? 0) >= every) checkpoint(seq, row.hash);
    });
    const accounting = sqlite.transaction((e: LedgerEntry) => {
      for (const c of e.counters ?? []) counter.run(c);
      const u = e.usage;
      if (u)
        usage.run({
          tenantId: u.tenantId,
          model: u.model,
          day: u.day,
          errors: u.error ? 1 : 0,
          promptTokens: u.promptTokens,
          completionTokens: u.completionTokens,
          latencyMs: u.latencyMs,
        });
    });
    this.writeNow = (e) => {
      let failed = false;
      if (e.counters?.length || e.usage) {
        try {
          accounting(e);
        } catch {
          failed = true;
        }
      }
      if (e.audit) append.immediate(failed ? { ...e.audit, target: ACCOUNTING_FAILED } : e.audit);
    };
    const finalCheckpoint = sqlite.transaction(() => {
      const prev = last.get();
      if (prev && prev.seq !== lastCheckpoint.get()?.seq) checkpoint(prev.seq, prev.hash);
    });
    this.checkpointTx = () => finalCheckpoint.immediate();
    this.group = new GroupCommit(sqlite, (rolledBack) => this.committed(rolledBack));
  }

  write(e: LedgerEntry): Promise<void> {
    return this.group.commit(() => this.writeNow(e));
  }

  async checkpoint(): Promise<void> {
    await this.group.whenFree(); // the checkpoint is signed and anchored on its own commit
    this.group.flush();
    try {
      this.checkpointTx();
    } finally {
      this.committed();
    }
  }

  async flush(): Promise<void> {
    await this.group.whenFree();
    this.group.flush();
  }

  /** Writes the anchor lines of checkpoints whose transaction has committed (never a rolled-back one). */
  private committed(rolledBack = false): void {
    if (this.sqlite.inTransaction) return;
    const lines = this.pendingAnchors;
    this.pendingAnchors = [];
    if (rolledBack) return;
    for (const l of lines) {
      this.anchor?.append(l);
      this.lastAnchored = l;
    }
  }
}
