import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type Calendar, UTC_CALENDAR } from '../core/calendar.js';
import { checkRange } from '../core/dates.js';
import { JugwonError } from '../core/errors.js';
import { nextTurn, takingTurns } from '../core/turn.js';
import type { Database } from '../store/schema.js';
import type { AnchorLine, AuditAnchor } from './anchor.js';
import { canonicalJson, chainHash, GENESIS } from './canonical.js';
import { loadPublicKey, signatureValid } from './signing.js';

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
  /** The AI Basic Act label applied to a generated answer: ai-generated, or exempt (internal use). */
  label?: string;
  /** Values pseudonymised before the model saw them, counted by type (PERSON, PHONE…). */
  pseudonymised?: Record<string, number>;
  /** Whether the answer got the original values back (restored) or kept the stand-ins (kept). */
  pseudonyms?: 'restored' | 'kept';
  /** The data classes (N2SF C/S/O, credit) the request carried, when any. */
  dataClasses?: string[];
}

export const CHECKPOINT_EVERY = 100;
export const checkpointMessage = (seq: number, hash: string) => `jugwon-audit-checkpoint\n${seq}\n${hash}`;

export type Row = { seq: number; record: string; prev_hash: string; hash: string };
export type Link = { seq: number; hash: string };

/** The record that follows `prev` (or opens the chain): its number, text and hash. */
export function nextLink(prev: Link | undefined, record: AuditRecord): Row {
  const text = canonicalJson(record);
  const prevHash = prev?.hash ?? GENESIS;
  return { seq: (prev?.seq ?? 0) + 1, record: text, prev_hash: prevHash, hash: chainHash(prevHash, text) };
}

/**
 * Whether the chain from the last checkpoint `cp` up to the end (`rows`, from cp's record on, or
 * from the first) is intact, and the database still holds the anchor's last checkpoint. Nothing is
 * signed unless it is: a rewritten or cut chain is never blessed with a signature.
 */
export function chainIntact(
  cp: Link | undefined,
  anchored: AnchorLine | undefined,
  // Read only when needed: an SQLite iterator, once opened, holds the connection until it ends.
  rows: () => Iterable<Row>,
): boolean {
  if (anchored && (!cp || cp.seq < anchored.seq || (cp.seq === anchored.seq && cp.hash !== anchored.hash)))
    return false;
  let prev: string | undefined;
  let expected = cp?.seq ?? 1;
  for (const r of rows()) {
    if (r.seq !== expected) return false;
    if (prev === undefined) {
      if (cp ? r.hash !== cp.hash : r.prev_hash !== GENESIS) return false;
      if (!cp && chainHash(r.prev_hash, r.record) !== r.hash) return false;
    } else if (r.prev_hash !== prev || chainHash(r.prev_hash, r.record) !== r.hash) return false;
    prev = r.hash;
    expected++;
  }
  return true;
}

/** A note the ledger adds to a record whose settlement and usage could not be written. */
export const ACCOUNTING_FAILED = 'usage and budget not recorded (accounting failed)';

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
export async function verifyAudit(
  db: Kysely<Database>,
  publicKey: string,
  o: { anchor?: AuditAnchor; every?: number } = {},
): Promise<VerifyResult> {
  const every = o.every ?? CHECKPOINT_EVERY;
  const key = loadPublicKey(publicKey);
  // What the check compares with: the anchor first (each line was written after its record was
  // committed), then the last record; records written after that are not read, so a check of a
  // busy trail compares one consistent prefix. A checkpoint past that record whose record exists
  // came with a later write and is left out; one whose record is gone is a cut tail.
  const anchored = o.anchor?.read() ?? [];
  const through =
    (await db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst())
      ?.seq ?? 0;
  const checkpoints: { seq: number; hash: string; signature: string }[] = [];
  for (const c of await db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash', 'signature'])
    .orderBy('seq')
    .execute()) {
    const later =
      c.seq > through &&
      (await db.selectFrom('audit_log').select('seq').where('seq', '=', c.seq).executeTakeFirst()) !==
        undefined;
    if (!later) checkpoints.push(c);
  }
  // Only the hashes a checkpoint or the anchor signs are kept (one per 100 records), not one per
  // record: a trail of hundreds of millions of records is checked in bounded memory.
  const signed = new Set([...checkpoints.map((c) => c.seq), ...anchored.map((a) => a.seq)]);
  const hashes = new Map<number, string>();
  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let maxSeq = 0;
  let firstBad: VerifyResult['firstBad'];
  const fail = (seq: number, problem: string) => {
    if (!firstBad || seq < firstBad.seq) firstBad = { seq, problem };
  };
  // After a purge past the retention period (audit purge), the chain starts after a signed
  // checkpoint: the start is trusted only if that checkpoint's signature holds and the chain that
  // follows holds the purge's own record naming a cut at or past it (see purgeThrough).
  const purge = await purgedStart(db, key);
  let purgedThrough = 0;
  if (purge) {
    expectedSeq = purge.seq + 1;
    expectedPrev = purge.hash;
  }
  for await (const row of auditRows(db, { through })) {
    count++;
    maxSeq = row.seq;
    if (signed.has(row.seq)) hashes.set(row.seq, row.hash);
    if (purge && !purgedThrough && row.record.includes('"audit.purge"')) {
      // A purge names the cut it deletes through; it deletes a step at a time, so the chain may
      // start at any signed checkpoint up to that cut (never past it).
      const r = JSON.parse(row.record) as AuditRecord;
      const through = /^records 1-(\d+) /.exec(r.target ?? '')?.[1];
      if (r.decision === 'audit.purge' && through !== undefined && Number(through) >= purge.seq)
        purgedThrough = purge.seq;
    }
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
  if (purge && !purgedThrough)
    fail(1, `records 1 to ${purge.seq} are missing and no purge of them is recorded (deleted)`);
  if (purgedThrough) {
    hashes.set(purgedThrough, (purge as { hash: string }).hash);
    maxSeq = Math.max(maxSeq, purgedThrough);
  }
  // A signature takes ~0.1 ms to check: a long trail's are checked a turn of the event loop at a time.
  const pause = takingTurns();
  let lastSigned = purgedThrough;
  for (const c of checkpoints) {
    await pause();
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
  if (maxSeq - lastSigned > every)
    fail(
      lastSigned + every,
      `records after ${lastSigned} have gone unsigned past ${every} (checkpoints removed)`,
    );
  for (const a of anchored) {
    await pause();
    if (a.seq < purgedThrough) continue; // purged past its retention period, as recorded
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

/**
 * Where a purged chain starts: when record 1 is gone, the signed checkpoint just before the first
 * record left (its signature checked here). Undefined for a chain that starts at record 1, or that
 * is empty.
 */
async function purgedStart(
  db: Kysely<Database>,
  key: ReturnType<typeof loadPublicKey>,
): Promise<{ seq: number; hash: string } | undefined> {
  const first = await db.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirst();
  if (!first || first.seq === 1) return undefined;
  const c = await db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash', 'signature'])
    .where('seq', '=', first.seq - 1)
    .executeTakeFirst();
  if (!c || !signatureValid(key, checkpointMessage(c.seq, c.hash), c.signature)) return undefined;
  return { seq: c.seq, hash: c.hash };
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
/**
 * One CSV field: quoted when it holds a quote, comma or line break. Text that a spreadsheet would
 * run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return — a sign-off
 * note, a subject reference, a name from single sign-on) gets a leading `'`, so a compliance
 * officer opening the export runs nothing; numbers are written as they are.
 */
export const csvCell = (v: unknown) => {
  let s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A period as records compare their times (checked, offsets converted): a date as its first
 * instant when it starts the period and its last when it ends it, on `calendar`'s days.
 */
export function auditPeriod(
  o: { from?: string; to?: string },
  calendar: Calendar = UTC_CALENDAR,
): { from?: string; to?: string } {
  const range = checkRange(o);
  const from = range.from && range.from.length === 10 ? calendar.startIso(range.from) : range.from;
  const to = range.to && range.to.length === 10 ? calendar.endIso(range.to) : range.to;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** Records whose time is within [from, to] (ISO dates or instants), as JSON lines or CSV. */
export async function* exportAudit(
  db: Kysely<Database>,
  o: ExportOptions,
  calendar: Calendar = UTC_CALENDAR,
): AsyncGenerator<string> {
  const { from, to } = auditPeriod(o, calendar);
  if (o.format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  // In order of sequence (the chain's order, for checking it), but only over the sequence numbers
  // the period's records span, found by the time index: not the whole trail for one month.
  let span: { first: number | null; last: number | null } = { first: null, last: null };
  if (from || to) {
    let q = db
      .selectFrom('audit_log')
      .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')]);
    if (from) q = q.where('time', '>=', from);
    if (to) q = q.where('time', '<=', to);
    span = await q.executeTakeFirstOrThrow();
    if (span.first === null) return;
  }
  const rows = auditRows(db, {
    ...(span.first !== null ? { after: Number(span.first) - 1 } : {}),
    ...(span.last !== null ? { through: Number(span.last) } : {}),
  });
  for await (const row of rows) {
    const r = JSON.parse(row.record) as AuditRecord;
    if ((from && r.time < from) || (to && r.time > to)) continue;
    const full = { seq: row.seq, hash: row.hash, prevHash: row.prev_hash, ...r };
    yield o.format === 'jsonl'
      ? `${JSON.stringify(full)}\n`
      : `${CSV_COLUMNS.map((c) => csvCell((full as Record<string, unknown>)[c])).join(',')}\n`;
  }
}

const PAGE = 1_000;

/**
 * How a record's field with this value is written in the stored JSON (canonical: no spaces), for
 * the readers' `contains`.
 */
export const field = (key: string, value: string): string =>
  `${JSON.stringify(key)}:${JSON.stringify(value)}`;

/**
 * Every record in order of sequence (after `after`, up to `through`), read a page at a time by key: a
 * trail of millions of records is never held in memory, and both stores read it the same way.
 * The event loop takes a turn between pages: on SQLite every statement blocks it, and verifying
 * or exporting a long trail takes seconds that other requests must not wait for.
 */
export async function* auditRows(
  db: Kysely<Database>,
  o: { after?: number; through?: number } = {},
): AsyncGenerator<Row> {
  let after = o.after ?? 0;
  for (;;) {
    let q = db
      .selectFrom('audit_log')
      .select(['seq', 'record', 'prev_hash', 'hash'])
      .where('seq', '>', after);
    if (o.through !== undefined) q = q.where('seq', '<=', o.through);
    const page = await q.orderBy('seq').limit(PAGE).execute();
    for (const r of page) yield r;
    if (page.length < PAGE) return;
    after = (page.at(-1) as Row).seq;
    await nextTurn();
  }
}

/**
 * The records of a period (from `from` through `to`, or up to `before`: instants as the records
 * write them, compared as text), of one tenant if given, in order of time (then sequence), read by
 * the store's indexes on the columns derived from each record: the records outside are never
 * read, however long the trail.
 * At most PAGE records are read per statement whatever `contains` keeps (text every wanted record
 * holds, see `field`: the store skips the others; the caller still checks each record it gets, as
 * LIKE's `_` matches any character), and the event loop takes a turn between pages.
 */
export async function* auditByTime(
  db: Kysely<Database>,
  order: 'asc' | 'desc',
  o: { from?: string; to?: string; before?: string; tenant?: string; contains?: readonly string[] } = {},
): AsyncGenerator<Row & { time: string | null }> {
  const later = order === 'asc' ? '>' : '<';
  const atOrLater = order === 'asc' ? '<=' : '>=';
  let after: { time: string; seq: number } | undefined;
  for (;;) {
    // Both statements read the same index range: the period, the tenant, past the last page.
    const range = <Q extends SelectQueryBuilder<Database, 'audit_log', object>>(q: Q): Q => {
      let r = q;
      if (o.tenant !== undefined) r = r.where('tenant', '=', o.tenant) as Q;
      if (o.from !== undefined) r = r.where('time', '>=', o.from) as Q;
      if (o.to !== undefined) r = r.where('time', '<=', o.to) as Q;
      if (o.before !== undefined) r = r.where('time', '<', o.before) as Q;
      if (after) r = r.where(sql<boolean>`(time, seq) ${sql.raw(later)} (${after.time}, ${after.seq})`) as Q;
      return r;
    };
    const end = await range(db.selectFrom('audit_log').select(['time', 'seq']))
      .orderBy('time', order)
      .orderBy('seq', order)
      .offset(PAGE - 1)
      .limit(1)
      .executeTakeFirst();
    let q = range(db.selectFrom('audit_log').select(['seq', 'record', 'prev_hash', 'hash', 'time']));
    for (const text of o.contains ?? []) if (!/[%\\]/.test(text)) q = q.where('record', 'like', `%${text}%`);
    if (end) q = q.where(sql<boolean>`(time, seq) ${sql.raw(atOrLater)} (${end.time}, ${end.seq})`);
    for (const r of await q.orderBy('time', order).orderBy('seq', order).execute()) yield r;
    if (!end || end.time === null) return;
    after = { time: end.time, seq: end.seq };
    await nextTurn();
  }
}

/**
 * Where a purge of the records written before `before` may cut the chain: the last signed
 * checkpoint before the first record at or after `before` (a purge ends on a signature, so the
 * chain left starts from one); none: nothing can be purged.
 */
export async function purgeCut(
  db: Kysely<Database>,
  before: string,
): Promise<{ seq: number; hash: string } | undefined> {
  // The first record at or after `before`, by the time index (not by reading the trail up to it).
  const { first } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('seq').as('first'))
    .where('time', '>=', before)
    .executeTakeFirstOrThrow();
  const firstKept = first === null ? undefined : Number(first);
  const c = await db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash'])
    .$if(firstKept !== undefined, (q) => q.where('seq', '<', firstKept as number))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return c;
}

/**
 * Records one step of a purge deletes at most, in one transaction: the server's writes wait for one
 * step (on SQLite ~0.05 s), not for the whole purge (1.7 s for 900,000 records, past the store's
 * 5 s busy timeout for a few million).
 */
export const PURGE_STEP = 20_000;

/**
 * Deletes records 1..seq and the checkpoints before seq (the one at seq starts the chain left), a
 * step at a time. Each step ends on a signed checkpoint, so the chain left after any step — a purge
 * cut off half-way included — starts from a signature and verifies (`verifyAudit` accepts a start
 * up to the cut the purge's record names); run again, the purge goes on from there.
 */
export async function purgeThrough(db: Kysely<Database>, seq: number, step = PURGE_STEP): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { first } = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.min('seq').as('first'))
      .executeTakeFirstOrThrow();
    if (first === null || Number(first) > seq) return deleted;
    const last = await db
      .selectFrom('audit_checkpoints')
      .select('seq')
      .where('seq', '>=', Number(first))
      .where('seq', '<=', Math.min(seq, Number(first) - 1 + step))
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Checkpoints are at most 100 records apart; without one in reach, the rest goes at once.
    const to = last ? Number(last.seq) : seq;
    deleted += await db.transaction().execute(async (tx) => {
      const gone = await tx.deleteFrom('audit_log').where('seq', '<=', to).executeTakeFirst();
      await tx.deleteFrom('audit_checkpoints').where('seq', '<', to).execute();
      return Number(gone.numDeletedRows);
    });
    await nextTurn();
  }
}
