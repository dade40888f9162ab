import type BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';
import type { AnchorLine, AuditAnchor } from './anchor.js';
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

type Row = { seq: number; record: string; prev_hash: string; hash: string };

/**
 * The hash-chained audit log. Each append is one IMMEDIATE transaction that reads the last hash
 * and inserts the next record, so writers in several processes (server and CLI) keep one chain.
 * At least every `every` records (and every minute, and at shutdown) the latest hash is signed:
 * a checkpoint, also written to the anchor outside the database. Nothing is signed unless the
 * records since the last checkpoint still chain onto it and the database still holds the
 * anchor's last checkpoint: a rewritten or cut chain is never blessed with a signature.
 */
export class AuditLog {
  private readonly appendTx: (record: AuditRecord) => { seq: number; hash: string };
  private readonly checkpointTx: () => void;
  /** Checkpoints signed in a transaction that has not committed yet: anchored after it does. */
  private pendingAnchors: AnchorLine[] = [];
  /** The anchor's last line, read once and kept as this log extends it. */
  private lastAnchored: AnchorLine | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly signer: AuditSigner,
    private readonly anchor?: AuditAnchor,
    every = CHECKPOINT_EVERY,
  ) {
    this.lastAnchored = anchor?.last();
    const last = sqlite.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const insert = sqlite.prepare<[string, string, string]>(
      'INSERT INTO audit_log (record, prev_hash, hash) VALUES (?, ?, ?)',
    );
    const lastCheckpoint = sqlite.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
    );
    const since = sqlite.prepare<[number], Row>(
      'SELECT seq, record, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq',
    );
    const addCheckpoint = sqlite.prepare<[number, string, string, string]>(
      'INSERT INTO audit_checkpoints (seq, hash, signature, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING',
    );
    /** Whether the chain from the last checkpoint (and the anchor's) up to the end is intact. */
    const intact = (): boolean => {
      const cp = lastCheckpoint.get();
      const anchored = this.pendingAnchors.at(-1) ?? this.lastAnchored;
      if (
        anchored &&
        (!cp || cp.seq < anchored.seq || (cp.seq === anchored.seq && cp.hash !== anchored.hash))
      )
        return false;
      let prev: string | undefined;
      let expected = cp?.seq ?? 1;
      for (const r of since.iterate(cp?.seq ?? 1)) {
        if (r.seq !== expected) return false;
        if (prev === undefined) {
          if (cp ? r.hash !== cp.hash : r.prev_hash !== GENESIS) return false;
          if (!cp && chainHash(r.prev_hash, r.record) !== r.hash) return false;
        } else if (r.prev_hash !== prev || chainHash(r.prev_hash, r.record) !== r.hash) return false;
        prev = r.hash;
        expected++;
      }
      return true;
    };
    const checkpoint = (seq: number, hash: string) => {
      if (!intact()) return; // never sign a chain that no longer verifies
      const time = new Date().toISOString();
      const signature = this.signer.sign(checkpointMessage(seq, hash));
      if (addCheckpoint.run(seq, hash, signature, time).changes > 0)
        this.pendingAnchors.push({ seq, hash, signature, time });
    };
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
    try {
      return this.appendTx(record);
    } finally {
      this.committed();
    }
  }

  /** Signs the latest record now (every minute and on shutdown, so little is ever unsigned). */
  checkpoint(): void {
    try {
      this.checkpointTx();
    } finally {
      this.committed();
    }
  }

  /**
   * Writes the anchor lines of checkpoints whose transaction has committed. Appends inside an
   * outer transaction (group commit) call this after that transaction commits; a rolled-back
   * checkpoint is never anchored.
   */
  committed(rolledBack = false): void {
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

export interface VerifyResult {
  ok: boolean;
  records: number;
  checkpoints: number;
  /** Records after the last signed checkpoint (still chained, not yet signed). */
  unsignedTail: number;
  /** Checkpoints found in the anchor outside the database (0 when there is none). */
  anchored: number;
  firstBad?: { seq: number; problem: string };
}

/**
 * Re-checks the whole chain, every checkpoint signature, that checkpoints come at least every
 * `every` records (a missing one fails), and that every checkpoint in the anchor (when given) is
 * still in the database: names the first record that fails.
 */
export function verifyAudit(
  sqlite: BetterSqlite3.Database,
  publicKey: string,
  o: { anchor?: AuditAnchor; every?: number } = {},
): VerifyResult {
  const every = o.every ?? CHECKPOINT_EVERY;
  const key = loadPublicKey(publicKey);
  const rows = sqlite
    .prepare<[], Row>('SELECT seq, record, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate();
  const hashes = new Map<number, string>();
  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let firstBad: VerifyResult['firstBad'];
  const fail = (seq: number, problem: string) => {
    if (!firstBad || seq < firstBad.seq) firstBad = { seq, problem };
  };
  for (const row of rows) {
    count++;
    hashes.set(row.seq, row.hash);
    if (firstBad) continue;
    if (row.seq !== expectedSeq) fail(expectedSeq, `record ${expectedSeq} is missing (deleted)`);
    else if (row.prev_hash !== expectedPrev)
      fail(row.seq, 'it does not follow the record before it (inserted, deleted or reordered)');
    else if (chainHash(row.prev_hash, row.record) !== row.hash)
      fail(row.seq, 'its content was changed (hash mismatch)');
    else if (canonicalJson(JSON.parse(row.record)) !== row.record)
      fail(row.seq, 'its content is not in canonical form');
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
    if (problem) fail(c.seq, problem);
    else {
      if (c.seq - lastSigned > every)
        fail(
          lastSigned + every,
          `no signed checkpoint between records ${lastSigned + 1} and ${c.seq} (removed)`,
        );
      lastSigned = c.seq;
    }
  }
  const maxSeq = Math.max(0, ...hashes.keys());
  if (maxSeq - lastSigned > every)
    fail(
      lastSigned + every,
      `records after ${lastSigned} have gone unsigned past ${every} (checkpoints removed)`,
    );
  const anchored = o.anchor?.read() ?? [];
  for (const a of anchored) {
    if (!signatureValid(key, checkpointMessage(a.seq, a.hash), a.signature)) {
      fail(a.seq, `the anchor's checkpoint at record ${a.seq} has an invalid signature`);
      continue;
    }
    if (!hashes.has(a.seq))
      fail(a.seq, `record ${a.seq}, signed in the anchor outside the database, is missing (cut or emptied)`);
    else if (hashes.get(a.seq) !== a.hash)
      fail(
        a.seq,
        `records up to ${a.seq} were rewritten (they no longer match the anchor outside the database)`,
      );
  }
  return {
    ok: !firstBad,
    records: count,
    checkpoints: checkpoints.length,
    unsignedTail: maxSeq - lastSigned,
    anchored: anchored.length,
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
