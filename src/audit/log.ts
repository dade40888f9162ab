import type BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';
import { canonicalJson, chainHash, GENESIS } from './canonical.js';
import { type AuditSigner, loadPublicKey, signatureValid } from './signing.js';

/** What one audit record says. Personal data never appears: categories and counts only. */
export interface AuditRecord {
  time: string;
  kind: 'request' | 'admin';
  tenant: string;
  keyId: string | null;
  user?: string | null;
  route: string;
  /** The request id (the client's x-request-id when it sent a usable one). */
  requestId?: string | null;
  model?: string | null;
  residency?: string | null;
  /** allow | mask | block | error, or the admin action (tenant.create, key.revoke…). */
  decision: string;
  rule?: string | null;
  pii?: Record<string, number>;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs?: number;
  status: number;
  outcome: string;
  target?: string | null;
  /** How many requests one record stands for (refused unauthenticated requests, aggregated). */
  count?: number;
  /** The id the request's raw body is sealed under, when requests are retained. */
  retained?: string;
}

export const CHECKPOINT_EVERY = 100;
const checkpointMessage = (seq: number, hash: string) => `jugwon-audit-checkpoint\n${seq}\n${hash}`;

/**
 * The hash-chained audit log. Each append is one IMMEDIATE transaction that reads the last hash
 * and inserts the next record, so writers in several processes (server and CLI) keep one chain;
 * the call returns only once the record is committed (WAL, synchronous=FULL).
 */
export class AuditLog {
  private readonly appendTx: (record: AuditRecord) => { seq: number; hash: string };
  private readonly checkpointTx: () => void;

  constructor(
    sqlite: BetterSqlite3.Database,
    private readonly signer: AuditSigner,
    every = CHECKPOINT_EVERY,
  ) {
    const last = sqlite.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const insert = sqlite.prepare<[string, string, string]>(
      'INSERT INTO audit_log (record, prev_hash, hash) VALUES (?, ?, ?)',
    );
    const lastCheckpoint = sqlite.prepare<[], { seq: number }>(
      'SELECT seq FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
    );
    const addCheckpoint = sqlite.prepare<[number, string, string, string]>(
      'INSERT INTO audit_checkpoints (seq, hash, signature, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING',
    );
    const checkpoint = (seq: number, hash: string) =>
      addCheckpoint.run(seq, hash, this.signer.sign(checkpointMessage(seq, hash)), new Date().toISOString());
    const append = sqlite.transaction((record: AuditRecord) => {
      const prev = last.get();
      const text = canonicalJson(record);
      const hash = chainHash(prev?.hash ?? GENESIS, text);
      const seq = Number(insert.run(text, prev?.hash ?? GENESIS, hash).lastInsertRowid);
      if (seq - (lastCheckpoint.get()?.seq ?? 0) >= every) checkpoint(seq, hash);
      return { seq, hash };
    });
    const finalCheckpoint = sqlite.transaction(() => {
      const prev = last.get();
      if (prev && prev.seq !== lastCheckpoint.get()?.seq) checkpoint(prev.seq, prev.hash);
    });
    this.appendTx = (r) => append.immediate(r);
    this.checkpointTx = () => finalCheckpoint.immediate();
  }

  append(record: AuditRecord): { seq: number; hash: string } {
    return this.appendTx(record);
  }

  /** Signs the latest record now (on shutdown, so no tail is left unsigned). */
  checkpoint(): void {
    this.checkpointTx();
  }
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  checkpoints: number;
  /** Records after the last signed checkpoint (still chained, not yet signed). */
  unsignedTail: number;
  firstBad?: { seq: number; problem: string };
}

/** Re-checks the whole chain and every checkpoint signature; names the first record that fails. */
export function verifyAudit(sqlite: BetterSqlite3.Database, publicKey: string): VerifyResult {
  const key = loadPublicKey(publicKey);
  const rows = sqlite
    .prepare<[], { seq: number; record: string; prev_hash: string; hash: string }>(
      'SELECT seq, record, prev_hash, hash FROM audit_log ORDER BY seq',
    )
    .iterate();
  const hashes = new Map<number, string>();
  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let firstBad: VerifyResult['firstBad'];
  for (const row of rows) {
    count++;
    hashes.set(row.seq, row.hash);
    if (firstBad) continue;
    if (row.seq !== expectedSeq)
      firstBad = { seq: expectedSeq, problem: `record ${expectedSeq} is missing (deleted)` };
    else if (row.prev_hash !== expectedPrev)
      firstBad = {
        seq: row.seq,
        problem: 'it does not follow the record before it (inserted, deleted or reordered)',
      };
    else if (chainHash(row.prev_hash, row.record) !== row.hash)
      firstBad = { seq: row.seq, problem: 'its content was changed (hash mismatch)' };
    else if (canonicalJson(JSON.parse(row.record)) !== row.record)
      firstBad = { seq: row.seq, problem: 'its content is not in canonical form' };
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1;
  }
  const checkpoints = sqlite
    .prepare<[], { seq: number; hash: string; signature: string }>(
      'SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq',
    )
    .all();
  let lastSigned = 0;
  for (const c of checkpoints) {
    const problem = !signatureValid(key, checkpointMessage(c.seq, c.hash), c.signature)
      ? `checkpoint at record ${c.seq} has an invalid signature`
      : !hashes.has(c.seq)
        ? `record ${c.seq}, signed by a checkpoint, is missing (deleted)`
        : hashes.get(c.seq) !== c.hash
          ? `records up to ${c.seq} were rewritten (they no longer match the signed checkpoint)`
          : undefined;
    if (problem && (!firstBad || c.seq < firstBad.seq)) firstBad = { seq: c.seq, problem };
    if (!problem) lastSigned = c.seq;
  }
  const maxSeq = Math.max(0, ...hashes.keys());
  return {
    ok: !firstBad,
    records: count,
    checkpoints: checkpoints.length,
    unsignedTail: maxSeq - lastSigned,
    ...(firstBad ? { firstBad } : {}),
  };
}

export function auditError(r: VerifyResult): JugwonError | undefined {
  return r.firstBad ? new JugwonError('JG_AUDIT_INVALID', r.firstBad) : undefined;
}

export interface ExportOptions {
  from?: string;
  to?: string;
  format: 'jsonl' | 'csv';
}

const CSV_COLUMNS = [
  'seq',
  'hash',
  'time',
  'kind',
  'tenant',
  'keyId',
  'route',
  'model',
  'residency',
  'decision',
  'rule',
  'pii',
  'promptTokens',
  'completionTokens',
  'latencyMs',
  'status',
  'outcome',
  'target',
  // Added after the first release: appended, so the columns before them keep their positions.
  'user',
  'requestId',
] as const;
const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Records whose time is within [from, to] (ISO dates or instants), as JSON lines or CSV. */
export function* exportAudit(sqlite: BetterSqlite3.Database, o: ExportOptions): Generator<string> {
  const to = o.to && o.to.length === 10 ? `${o.to}T23:59:59.999Z` : o.to;
  if (o.format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  for (const row of sqlite
    .prepare<[], { seq: number; record: string; hash: string; prev_hash: string }>(
      'SELECT seq, record, hash, prev_hash FROM audit_log ORDER BY seq',
    )
    .iterate()) {
    const r = JSON.parse(row.record) as AuditRecord;
    if ((o.from && r.time < o.from) || (to && r.time > to)) continue;
    const full = { seq: row.seq, hash: row.hash, prevHash: row.prev_hash, ...r };
    yield o.format === 'jsonl'
      ? `${JSON.stringify(full)}\n`
      : `${CSV_COLUMNS.map((c) => csvCell((full as Record<string, unknown>)[c])).join(',')}\n`;
  }
}
