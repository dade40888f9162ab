import { type Calendar, UTC_CALENDAR } from '../core/calendar.js';
import { type AuditRecord, csvCell } from './log.js';

/**
 * The monthly review of access records a compliance officer signs off (개인정보의 안전성 확보조치
 * 기준 제8조: access records kept and checked at least monthly). Built from the audit trail alone:
 * who accessed what, views of originals and exports with their stated reasons, use outside office
 * hours (Korea time), days with a spike of refusals, and policy violations.
 */
export interface MonthlyReport {
  /** The month, and the time zone whose month it is (configuration `timeZone`). */
  month: string;
  timeZone: string;
  records: number;
  access: { tenant: string; who: string; requests: number; refused: number; first: string; last: string }[];
  originals: { time: string; tenant: string; who: string; action: string; target: string }[];
  offHours: { tenant: string; who: string; requests: number }[];
  refusalSpikes: { day: string; refused: number; typical: number }[];
  violations: { time: string; tenant: string; who: string; model: string; rule: string; found: string }[];
  /** Views of originals past the month's first {@link ITEMISED}: counted per tenant, person and action. */
  originalsMore: {
    tenant: string;
    who: string;
    action: string;
    count: number;
    first: string;
    last: string;
  }[];
  /** Violations past the month's first {@link ITEMISED}: counted per tenant, person, model and rule. */
  violationsMore: {
    tenant: string;
    who: string;
    model: string;
    rule: string;
    found: string;
    count: number;
    first: string;
    last: string;
  }[];
}

/**
 * Views of originals and blocked violations are listed one by one up to this many a month; the
 * rest are counted per person and kind. A script that reveals or sends the same thing all month
 * would otherwise grow the report (and the server's memory while building it) by one row per
 * record, and bury the rows an officer has to read.
 */
export const ITEMISED = 1_000;

/** Rows folded by a key: a count, the first and last time, and counts of personal data by type. */
class Folded<T extends object> {
  private readonly rows = new Map<
    string,
    { row: T & { count: number; first: string; last: string }; types: Map<string, number> }
  >();

  add(key: string, time: string, init: () => T, types?: Record<string, number>): void {
    let entry = this.rows.get(key);
    if (!entry) {
      entry = { row: { ...init(), count: 0, first: time, last: time }, types: new Map() };
      this.rows.set(key, entry);
    }
    const { row } = entry;
    row.count++;
    if (time < row.first) row.first = time;
    if (time > row.last) row.last = time;
    for (const [t, n] of Object.entries(types ?? {})) entry.types.set(t, (entry.types.get(t) ?? 0) + n);
  }

  list(): (T & { count: number; first: string; last: string; found: string })[] {
    return [...this.rows.values()].map(({ row, types }) => ({ ...row, found: foundText(types) }));
  }
}

const foundText = (types: Iterable<[string, number]>) => [...types].map(([c, k]) => `${c} ${k}`).join(', ');

const KST_MS = 9 * 3600_000;
/** Office hours in Korea: weekdays 08:00–20:00. */
function offHours(time: string): boolean {
  const kst = new Date(Date.parse(time) + KST_MS);
  const day = kst.getUTCDay();
  const hour = kst.getUTCHours();
  return day === 0 || day === 6 || hour < 8 || hour >= 20;
}

const whoOf = (r: AuditRecord) => r.user ?? (r.keyId ? `key ${r.keyId}` : '—');

/** One pass over the records, keeping only the tallies: a month of a busy trail is never held whole. */
export async function monthlyReport(
  month: string,
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  calendar: Calendar = UTC_CALENDAR,
): Promise<MonthlyReport> {
  const access = new Map<string, MonthlyReport['access'][number]>();
  const off = new Map<string, MonthlyReport['offHours'][number]>();
  const refusedByDay = new Map<string, number>();
  const originals: MonthlyReport['originals'] = [];
  const violations: MonthlyReport['violations'] = [];
  const originalsMore = new Folded<{ tenant: string; who: string; action: string }>();
  const violationsMore = new Folded<{ tenant: string; who: string; model: string; rule: string }>();
  let count = 0;
  for await (const r of records) {
    if (calendar.monthOf(r.time) !== month) continue;
    count++;
    const who = whoOf(r);
    const key = `${r.tenant}\u0000${who}`;
    const refused = r.status === 401 || r.status === 403 || r.status === 429;
    const n = r.count ?? 1;
    const a = access.get(key) ?? {
      tenant: r.tenant,
      who,
      requests: 0,
      refused: 0,
      first: r.time,
      last: r.time,
    };
    a.requests += n;
    if (refused) a.refused += n;
    if (r.time < a.first) a.first = r.time;
    if (r.time > a.last) a.last = r.time;
    access.set(key, a);
    if (refused) {
      const day = calendar.dayOf(r.time);
      refusedByDay.set(day, (refusedByDay.get(day) ?? 0) + n);
    }
    if (r.kind === 'request' && r.tenant !== 'unauthenticated' && offHours(r.time)) {
      const o = off.get(key) ?? { tenant: r.tenant, who, requests: 0 };
      o.requests += n;
      off.set(key, o);
    }
    // Views of personal data in the clear and exports: each with its stated reason (the target).
    if (
      r.kind === 'admin' &&
      (r.decision === 'request.reveal' || r.decision.includes('export') || r.decision.startsWith('subject.'))
    ) {
      if (originals.length < ITEMISED)
        originals.push({ time: r.time, tenant: r.tenant, who, action: r.decision, target: r.target ?? '' });
      else
        originalsMore.add(`${key}\u0000${r.decision}`, r.time, () => ({
          tenant: r.tenant,
          who,
          action: r.decision,
        }));
    }
    if (r.decision === 'block') {
      const model = r.model ?? '';
      const rule = r.rule ?? '';
      if (violations.length < ITEMISED)
        violations.push({
          time: r.time,
          tenant: r.tenant,
          who,
          model,
          rule,
          found: foundText(Object.entries(r.pii ?? {})),
        });
      else
        violationsMore.add(
          `${key}\u0000${model}\u0000${rule}`,
          r.time,
          () => ({ tenant: r.tenant, who, model, rule }),
          r.pii,
        );
    }
  }
  const days = [...refusedByDay.values()].sort((x, y) => x - y);
  const typical = days.length ? (days[Math.floor(days.length / 2)] as number) : 0;
  // A spike: at least 10 refusals, and three times a typical day's.
  const refusalSpikes = [...refusedByDay]
    .filter(([, n]) => n >= 10 && n >= 3 * Math.max(1, typical))
    .map(([day, refused]) => ({ day, refused, typical }))
    .sort((x, y) => x.day.localeCompare(y.day));
  const byTenantWho = <T extends { tenant: string; who: string }>(x: T, y: T) =>
    x.tenant.localeCompare(y.tenant) || x.who.localeCompare(y.who);
  return {
    month,
    timeZone: calendar.timeZone,
    records: count,
    access: [...access.values()].sort(byTenantWho),
    originals,
    offHours: [...off.values()].sort(byTenantWho),
    refusalSpikes,
    violations,
    originalsMore: originalsMore
      .list()
      .map(({ found: _none, ...o }) => o)
      .sort(byTenantWho),
    violationsMore: violationsMore.list().sort(byTenantWho),
  };
}

/** One CSV: a `section` column, then each section's own columns. */
export function reportCsv(r: MonthlyReport): string {
  const lines = ['section,tenant,who,time_or_day,detail,count'];
  for (const a of r.access)
    lines.push(
      ['access', a.tenant, a.who, `${a.first}..${a.last}`, `refused ${a.refused}`, a.requests]
        .map(csvCell)
        .join(','),
    );
  for (const o of r.originals)
    lines.push(['originals', o.tenant, o.who, o.time, `${o.action}: ${o.target}`, 1].map(csvCell).join(','));
  for (const o of r.offHours)
    lines.push(
      ['off-hours', o.tenant, o.who, '', 'weekends and 20:00-08:00 KST', o.requests].map(csvCell).join(','),
    );
  for (const s of r.refusalSpikes)
    lines.push(
      ['refusal-spike', '', '', s.day, `typical day ${s.typical}`, s.refused].map(csvCell).join(','),
    );
  for (const v of r.violations)
    lines.push(
      ['policy-violation', v.tenant, v.who, v.time, `${v.model} ${v.rule}: ${v.found}`, 1]
        .map(csvCell)
        .join(','),
    );
  // Past the itemised rows: the same sections, one row per person and kind with its count.
  for (const o of r.originalsMore)
    lines.push(
      ['originals', o.tenant, o.who, `${o.first}..${o.last}`, o.action, o.count].map(csvCell).join(','),
    );
  for (const v of r.violationsMore)
    lines.push(
      [
        'policy-violation',
        v.tenant,
        v.who,
        `${v.first}..${v.last}`,
        `${v.model} ${v.rule}: ${v.found}`,
        v.count,
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function table(title: string, head: string[], rows: unknown[][]): string {
  return `<h2>${esc(title)}</h2>${
    rows.length
      ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      : '<p>없음 (none)</p>'
  }`;
}

/** The rows past the first {@link ITEMISED} of a section, when there are any. */
const more = (title: string, head: string[], rows: unknown[][]) =>
  rows.length
    ? `<p>처음 ${ITEMISED.toLocaleString('en-US')}건만 하나씩 적고, 나머지는 사람과 행위별로 셉니다 (the first ${ITEMISED.toLocaleString('en-US')} are itemised above; the rest are counted).</p>${table(title, head, rows)}`
    : '';

/** The report as a page to read, print and sign (Korean first). */
/**
 * A stored UTC instant as the officer reads it on paper, on the deployment's clock
 * ("2026-11-01 01:00:00"); the JSON and the CSV keep the instant itself.
 */
function localTime(timeZone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : f.format(t);
  };
}

export function reportHtml(r: MonthlyReport): string {
  const at = localTime(r.timeZone);
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>접속기록 점검 보고서 ${esc(r.month)}</title>
<style>body{font-family:system-ui,"Noto Sans KR",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f2f4f7}</style></head><body>
<h1>개인정보처리시스템 접속기록 점검 보고서 <small>access-record review</small> — ${esc(r.month)}</h1>
<p>감사 기록 ${r.records}건을 점검했습니다 (records reviewed). 개인정보의 안전성 확보조치 기준 제8조. 시각은 ${esc(r.timeZone)} 기준입니다 (times in ${esc(r.timeZone)}).</p>
${table(
  '접속 현황 (who accessed what)',
  ['기관 tenant', '사용자 who', '요청 requests', '거부 refused', '처음 first', '마지막 last'],
  r.access.map((a) => [a.tenant, a.who, a.requests, a.refused, at(a.first), at(a.last)]),
)}
${table(
  '원문 열람·내려받기 (views of originals, exports, with stated reasons)',
  ['시각 time', '기관 tenant', '사용자 who', '행위 action', '사유·대상 reason/target'],
  r.originals.map((o) => [at(o.time), o.tenant, o.who, o.action, o.target]),
)}
${more(
  '원문 열람·내려받기: 나머지 (the rest, counted)',
  ['기관 tenant', '사용자 who', '행위 action', '건수 count', '처음 first', '마지막 last'],
  r.originalsMore.map((o) => [o.tenant, o.who, o.action, o.count, at(o.first), at(o.last)]),
)}
${table(
  '업무시간 외 이용 (weekends, 20:00–08:00 KST)',
  ['기관 tenant', '사용자 who', '요청 requests'],
  r.offHours.map((o) => [o.tenant, o.who, o.requests]),
)}
${table(
  '거부 급증일 (days with a spike of refusals)',
  ['날짜 day', '거부 refused', '평소 typical'],
  r.refusalSpikes.map((s) => [s.day, s.refused, s.typical]),
)}
${table(
  '정책 위반 차단 (policy violations blocked)',
  ['시각 time', '기관 tenant', '사용자 who', '모델 model', '정책 rule', '발견 found'],
  r.violations.map((v) => [at(v.time), v.tenant, v.who, v.model, v.rule, v.found]),
)}
${more(
  '정책 위반 차단: 나머지 (the rest, counted)',
  [
    '기관 tenant',
    '사용자 who',
    '모델 model',
    '정책 rule',
    '발견 found',
    '건수 count',
    '처음 first',
    '마지막 last',
  ],
  r.violationsMore.map((v) => [v.tenant, v.who, v.model, v.rule, v.found, v.count, at(v.first), at(v.last)]),
)}
<p>점검자 서명 (reviewed by): ______________________ &nbsp; 일자 (date): __________</p>
<p><small>서명 후 <code>jugwon audit signoff --month ${esc(r.month)}</code>로 점검 완료를 감사 기록에 남깁니다.</small></p>
</body></html>
`;
}
