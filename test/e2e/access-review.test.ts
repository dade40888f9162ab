import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlatform } from '../../src/app/platform.js';
import type { AuditRecord } from '../../src/audit/log.js';
import { loadConfig } from '../../src/core/config.js';
import { requestRecord } from '../support/audit-records.js';
import { run } from '../support/cli.js';

/**
 * The monthly access-record review (개인정보의 안전성 확보조치 기준 제8조) from a trail written here:
 * who accessed what, a view of an original with its reason, off-hours use (Korea time), a day
 * with a spike of refusals, a blocked policy violation; then the officer's sign-off, itself audited.
 */
const record = (o: Partial<AuditRecord> & { time: string }) =>
  requestRecord({ tenant: '한빛은행', keyId: null, user: 'kim', ...o });

describe('the monthly access-record review', () => {
  it('lists access, originals viewed, off-hours use, refusal spikes and violations; the sign-off is audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-review-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\n');
    const platform = await openPlatform(loadConfig(join(dir, 'jugwon.yaml')));
    const write = (r: AuditRecord) => platform.ledger.write({ audit: r });
    await write(record({ time: '2026-11-04T01:00:00.000Z' })); // Wed 10:00 KST
    await write(record({ time: '2026-11-05T02:00:00.000Z' }));
    await write(record({ time: '2026-11-07T18:00:00.000Z', user: 'lee' })); // Sun 03:00 KST: off hours
    await write(
      record({
        time: '2026-11-10T03:00:00.000Z',
        kind: 'admin',
        decision: 'request.reveal',
        user: 'park',
        target: '민원 2026-118 사실 확인',
        route: 'cli',
      }),
    );
    for (let i = 0; i < 12; i++)
      await write(
        record({
          time: `2026-11-20T0${i % 10}:00:00.000Z`,
          status: 429,
          outcome: 'JG_RATE_LIMITED',
          decision: 'error',
        }),
      );
    await write(
      record({
        time: '2026-11-23T01:00:00.000Z',
        status: 429,
        outcome: 'JG_RATE_LIMITED',
        decision: 'error',
      }),
    );
    await write(
      record({
        time: '2026-11-25T05:00:00.000Z',
        decision: 'block',
        status: 403,
        outcome: 'JG_POLICY_BLOCKED',
        model: 'abroad',
        rule: 'pipa-strict',
        pii: { unique_identifier: 1 },
      }),
    );
    await write(record({ time: '2026-10-31T01:00:00.000Z', user: 'october' })); // another month
    await platform.close();
    const cfg = ['--config', join(dir, 'jugwon.yaml')];

    const csv = await run(['audit', 'report', '--month', '2026-11', '--format', 'csv', ...cfg], dir);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('section,tenant,who,time_or_day,detail,count');
    expect(lines.filter((l) => l.startsWith('access,')).map((l) => l.split(',').slice(1, 3))).toEqual([
      ['한빛은행', 'kim'],
      ['한빛은행', 'lee'],
      ['한빛은행', 'park'],
    ]);
    expect(csv.stdout).toContain(
      'originals,한빛은행,park,2026-11-10T03:00:00.000Z,request.reveal: 민원 2026-118 사실 확인,1',
    );
    expect(lines.filter((l) => l.startsWith('off-hours,'))).toEqual([
      'off-hours,한빛은행,lee,,weekends and 20:00-08:00 KST,1',
    ]);
    expect(lines.filter((l) => l.startsWith('refusal-spike,')).map((l) => l.split(',')[3])).toEqual([
      '2026-11-20',
    ]);
    expect(lines.filter((l) => l.startsWith('policy-violation,'))).toEqual([
      'policy-violation,한빛은행,kim,2026-11-25T05:00:00.000Z,abroad pipa-strict: unique_identifier 1,1',
    ]);
    expect(csv.stdout).not.toContain('october');

    const out = join(dir, 'review.html');
    const html = await run(['audit', 'report', '--month', '2026-11', '--out', out, ...cfg], dir);
    expect(html.stdout).toBe(`wrote the 2026-11 access review (18 records) to ${out}\n`);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('접속기록 점검 보고서');
    expect(page).toContain('민원 2026-118 사실 확인');

    const signed = await run(['audit', 'signoff', '--month', '2026-11', '--note', '이상 없음', ...cfg], dir);
    expect([signed.code, signed.stdout]).toEqual([0, 'signed off the 2026-11 access review\n']);
    const trail = await run(['audit', 'export', ...cfg], dir);
    expect(trail.stdout).toContain('"decision":"audit.review.signoff"');
    expect(trail.stdout).toContain('2026-11: 이상 없음');
    expect((await run(['audit', 'verify', ...cfg], dir)).code).toBe(0);

    const bad = await run(['audit', 'report', '--month', '2026-13', ...cfg], dir);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--month must be YYYY-MM')]);
  });
});
