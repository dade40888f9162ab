import { describe, expect, it } from 'vitest';
import type { AuditRecord } from './log.js';
import { ITEMISED, monthlyReport, reportCsv, reportHtml } from './report.js';

/**
 * A month in which a script revealed originals and sent blocked requests without end: the review
 * lists the first ITEMISED of each one by one and counts the rest per person, so it stays the
 * size of the people involved, not of the records.
 */
function* flood(blocked: number, reveals: number): Generator<AuditRecord> {
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  for (let i = 0; i < blocked; i++)
    yield {
      time: at(i),
      kind: 'request',
      tenant: '한빛은행',
      keyId: null,
      user: i % 2 ? 'kim' : 'lee',
      route: 'POST /v1/chat/completions',
      decision: 'block',
      status: 403,
      outcome: 'JG_POLICY_BLOCKED',
      model: 'abroad',
      rule: 'pipa-strict',
      pii: { unique_identifier: 1, contact: 2 },
    };
  for (let i = 0; i < reveals; i++)
    yield {
      time: at(blocked + i),
      kind: 'admin',
      tenant: '한빛은행',
      keyId: null,
      user: 'park',
      route: 'cli',
      decision: 'request.reveal',
      status: 200,
      outcome: 'ok',
      target: `민원 ${i}`,
    };
}

describe('the monthly review under a flood of records', () => {
  it('itemises the first views of originals and violations, and counts the rest per person', async () => {
    const r = await monthlyReport('2026-11', flood(ITEMISED + 4_000, ITEMISED + 2_000));
    expect(r.records).toBe(2 * ITEMISED + 6_000);
    expect(r.violations).toHaveLength(ITEMISED);
    expect(r.originals).toHaveLength(ITEMISED);
    expect(r.originals[0]?.target).toBe('민원 0');
    // The rest: one row per person and kind, every record counted once.
    expect(r.violationsMore).toEqual([
      expect.objectContaining({ who: 'kim', model: 'abroad', rule: 'pipa-strict', count: 2_000 }),
      expect.objectContaining({ who: 'lee', count: 2_000 }),
    ]);
    expect(r.violationsMore[0]?.found).toBe('unique_identifier 2000, contact 4000');
    expect(r.originalsMore).toEqual([
      {
        tenant: '한빛은행',
        who: 'park',
        action: 'request.reveal',
        count: 2_000,
        first: new Date(Date.UTC(2026, 10, 1) + (2 * ITEMISED + 4_000) * 1000).toISOString(),
        last: new Date(Date.UTC(2026, 10, 1) + (2 * ITEMISED + 5_999) * 1000).toISOString(),
      },
    ]);

    // The CSV's count column adds up to every record of each section.
    const rows = reportCsv(r).trim().split('\n').slice(1);
    const total = (section: string) =>
      rows.filter((l) => l.startsWith(`${section},`)).reduce((n, l) => n + Number(l.split(',').at(-1)), 0);
    expect(total('policy-violation')).toBe(ITEMISED + 4_000);
    expect(total('originals')).toBe(ITEMISED + 2_000);
    expect(rows.length).toBeLessThan(2 * ITEMISED + 10);

    const html = reportHtml(r);
    expect(html).toContain('정책 위반 차단: 나머지');
    expect(html).toContain('<td>2000</td>');
  });

  it('builds the review past a record whose time is no time (a trail tampered with), in any zone', async () => {
    const { Calendar } = await import('../core/calendar.js');
    const records = [...flood(2, 1)];
    records.splice(1, 0, { ...(records[0] as AuditRecord), time: 'not a time' });
    for (const calendar of [undefined, new Calendar('Asia/Seoul')]) {
      const r = await monthlyReport('2026-11', records, calendar);
      expect(r.records).toBe(3); // the record with no time falls in no month
      expect(reportHtml(r)).toContain('2026-11-01');
    }
  });

  it('shows no "rest" section in a month within the limit', async () => {
    const r = await monthlyReport('2026-11', flood(3, 2));
    expect([r.violations.length, r.originals.length]).toEqual([3, 2]);
    expect([r.violationsMore, r.originalsMore]).toEqual([[], []]);
    expect(reportHtml(r)).not.toContain('나머지');
  });
});
