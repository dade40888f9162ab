import { type AuditRecord, csvCell } from './log.js';

/**
 * 가명정보 처리 기록 (개인정보 보호법 제28조의4 ③, 시행령 제29조의5): the record of each
 * pseudonymisation, kept automatically because it is built from the audit trail — every request
 * whose personal data was pseudonymised before a model saw it leaves one audit record naming the
 * model, its residency and the items by type. Grouped per tenant, purpose, recipient model and
 * month, with the period the stand-ins were kept: the life of the request (the vault that could
 * re-identify them is never stored).
 */
export interface ProcessingRecord {
  tenant: string;
  purpose: string;
  /** The model that received the pseudonymised data (the recipient), and where it runs. */
  recipient: string;
  residency: string;
  /** Items pseudonymised, by type: "PERSON 12, PHONE 3". */
  items: string;
  requests: number;
  first: string;
  last: string;
  /** How long the material that could re-identify the data was kept. */
  retention: string;
}

export const VAULT_RETENTION =
  '요청 처리 중에만 (가명 대응표는 저장하지 않고 응답과 함께 파기) / only while the request runs (never stored)';

/** The purpose of the processing, from the route that asked for it. */
export function purposeOf(route: string): string {
  if (route.includes('eval')) return '모델 평가 (evaluation)';
  if (route.endsWith(' embeddings') || route.includes('/v1/embeddings') || route.includes('ingest'))
    return '문서 검색 색인·질의 임베딩 (search embeddings)';
  if (route.includes('ask') || route.includes('search')) return '문서 기반 답변 (grounded answers)';
  return '생성형 AI 질의응답 (generative AI answers)';
}

export async function processingRecords(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
): Promise<ProcessingRecord[]> {
  const groups = new Map<string, ProcessingRecord & { counts: Map<string, number> }>();
  for await (const r of records) {
    if (r.kind !== 'request' || r.decision !== 'mask' || !r.model) continue;
    const purpose = purposeOf(r.route);
    const key = [r.tenant, purpose, r.model, r.residency ?? ''].join('\u0000');
    const g = groups.get(key) ?? {
      tenant: r.tenant,
      purpose,
      recipient: r.model,
      residency: r.residency ?? '',
      items: '',
      requests: 0,
      first: r.time,
      last: r.time,
      retention: VAULT_RETENTION,
      counts: new Map<string, number>(),
    };
    g.requests += 1;
    if (r.time < g.first) g.first = r.time;
    if (r.time > g.last) g.last = r.time;
    for (const [type, n] of Object.entries(r.pseudonymised ?? r.pii ?? {}))
      g.counts.set(type, (g.counts.get(type) ?? 0) + n);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ counts, ...g }) => ({
      ...g,
      items: [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t, n]) => `${t} ${n}`)
        .join(', '),
    }))
    .sort(
      (a, b) =>
        a.tenant.localeCompare(b.tenant) ||
        a.purpose.localeCompare(b.purpose) ||
        a.recipient.localeCompare(b.recipient),
    );
}

export const PROCESSING_COLUMNS = [
  'tenant',
  'purpose',
  'recipient',
  'residency',
  'items',
  'requests',
  'first',
  'last',
  'retention',
] as const;

export function processingCsv(rows: ProcessingRecord[]): string {
  return `${[PROCESSING_COLUMNS.join(','), ...rows.map((r) => PROCESSING_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`;
}
