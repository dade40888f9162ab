import {
  type AuditRecord,
  auditByTime,
  auditPeriod,
  type ExportOptions,
  exportAudit,
  field,
  PURGE_STEP,
  purgeCut,
  purgeThrough,
  type VerifyResult,
  verifyAudit,
} from '../audit/log.js';
import type { MonthlyReport } from '../audit/report.js';
import { loadOrCreateRetentionKey, PromptVault } from '../audit/retention.js';
import { keyPaths } from '../audit/signing.js';
import { isDay } from '../core/dates.js';
import { JugwonError } from '../core/errors.js';
import { sharedWhileRunning } from '../core/while-running.js';
import { type Actor, adminRecord } from './admin.js';
import type { Platform } from './platform.js';

export interface AuditQuery {
  from?: string;
  to?: string;
  tenant?: string;
  user?: string;
  decision?: string;
  limit: number;
}

/** The newest records first (by time), filtered by time, tenant, user and decision (at most 1,000). */
export async function queryAudit(platform: Platform, q: AuditQuery): Promise<Record<string, unknown>[]> {
  const limit = Math.min(Math.max(q.limit, 1), 1000);
  const data: Record<string, unknown>[] = [];
  const contains = [
    ...(q.user ? [field('user', q.user)] : []),
    ...(q.decision ? [field('decision', q.decision)] : []),
  ];
  // The period and the tenant are read exactly by the store's indexes; user and decision by text,
  // checked here.
  for await (const row of auditByTime(platform.store.db, 'desc', {
    contains,
    ...(q.tenant ? { tenant: q.tenant } : {}),
    ...auditPeriod(q, platform.calendar),
  })) {
    const r = JSON.parse(row.record) as AuditRecord;
    if ((q.decision && r.decision !== q.decision) || (q.user && r.user !== q.user)) continue;
    data.push({ seq: row.seq, hash: row.hash, ...r });
    if (data.length >= limit) break;
  }
  return data;
}

/**
 * Signs the tail first (so everything so far is covered), then re-checks the whole chain. Callers
 * at the same moment (officers of several tenants, a button pressed again) share one check: each
 * reads the whole trail.
 */
export const verifyTrail = sharedWhileRunning(async (platform: Platform): Promise<VerifyResult> => {
  await platform.ledger.checkpoint();
  return verifyOnly(platform);
});

/** Verifies without signing anything first (the CLI's `audit verify`: a read-only check). */
export function verifyOnly(platform: Platform, publicKey?: string): Promise<VerifyResult> {
  return verifyAudit(platform.store.db, publicKey ?? keyPaths(platform.config.dataDir).publicKey, {
    anchor: platform.anchor,
  });
}

export function exportTrail(platform: Platform, o: ExportOptions): AsyncGenerator<string> {
  return exportAudit(platform.store.db, o, platform.calendar);
}

/** Decrypts one retained request body; reading personal data is itself audited. */
export async function revealRequest(platform: Platform, actor: Actor, requestId: string): Promise<string> {
  const vault =
    platform.retention ??
    new PromptVault(
      platform.store.db,
      loadOrCreateRetentionKey(platform.config.audit.keysDir, platform.config.audit.retentionKey),
    );
  const text = await vault.open(requestId);
  await platform.ledger.write({ audit: adminRecord(actor, 'request.reveal', '', requestId) });
  return text;
}

/** The monthly access-record review (see audit/report.ts); officers of a tenant see their tenant's. */
export async function accessReview(
  platform: Platform,
  month: string,
  tenant?: string,
): Promise<MonthlyReport> {
  const { monthlyReport } = await import('../audit/report.js');
  return monthlyReport(month, monthRecords(platform, month, tenant), platform.calendar);
}

/**
 * A month's records (of a tenant), read a page at a time, never all held at once. The month is the
 * deployment's (configuration `timeZone`): in Seoul, November starts at 2026-10-31T15:00Z.
 */
async function* monthRecords(
  platform: Platform,
  month: string,
  tenant?: string,
): AsyncGenerator<AuditRecord> {
  for await (const row of auditByTime(platform.store.db, 'asc', {
    ...platform.calendar.monthIso(month),
    ...(tenant !== undefined ? { tenant } : {}),
  }))
    yield JSON.parse(row.record) as AuditRecord;
}

/** 가명정보 처리 기록 for a month (see audit/processing.ts); officers of a tenant see their tenant's. */
export async function pseudonymisationRecords(platform: Platform, month: string, tenant?: string) {
  const { processingRecords } = await import('../audit/processing.js');
  return processingRecords(monthRecords(platform, month, tenant));
}

/** The officer's sign-off of a month's review, itself recorded in the trail. */
export async function signOffReview(
  platform: Platform,
  actor: Actor,
  month: string,
  note: string,
): Promise<void> {
  await platform.ledger.write({
    audit: adminRecord(
      actor,
      'audit.review.signoff',
      actor.principal.tenantName,
      `${month}${note ? `: ${note}` : ''}`,
    ),
  });
}

/**
 * Deletes the access records written before `before` (YYYY-MM-DD, the deployment's day), once they are past the
 * retention period (`audit.accessRecordYears`, 안전성 확보조치 기준 제8조: 1 year, or 2 for
 * organisations with 50,000+ data subjects, unique identifiers or sensitive data). Anything newer
 * is refused. The purge is recorded in the trail and signed before anything is deleted, and the
 * cut falls on a signed checkpoint, so the chain left still verifies and a deletion nobody
 * recorded still does not.
 */
export async function purgeTrail(
  platform: Platform,
  actor: Actor,
  before: string,
  now = new Date(),
  step = PURGE_STEP,
): Promise<{ deleted: number; through: number }> {
  if (actor.principal.role !== 'operator')
    throw new JugwonError('JG_FORBIDDEN', { action: 'delete access records' });
  if (!isDay(before))
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'the date to purge before',
      problem: 'must be a date, YYYY-MM-DD',
    });
  const at = new Date(platform.calendar.startOf(before));
  const years = platform.config.audit.accessRecordYears;
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - years);
  if (at > earliest)
    throw new JugwonError('JG_AUDIT_RETENTION', {
      before,
      years,
      earliest: earliest.toISOString().slice(0, 10),
    });
  await platform.ledger.checkpoint();
  const cut = await purgeCut(platform.store.db, at.toISOString());
  if (!cut) return { deleted: 0, through: 0 };
  await platform.ledger.write({
    audit: adminRecord(
      actor,
      'audit.purge',
      '',
      `records 1-${cut.seq} written before ${before} (kept ${years} years); the chain continues after the signed checkpoint at ${cut.seq}`,
    ),
  });
  await platform.ledger.checkpoint();
  return { deleted: await purgeThrough(platform.store.db, cut.seq, step), through: cut.seq };
}
