import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPlatform } from '../../src/app/platform.js';
import type { AuditRecord } from '../../src/audit/log.js';
import { loadConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { requestRecord } from '../support/audit-records.js';
import { run } from '../support/cli.js';
import { startMockUpstream } from '../support/mock-upstream.js';

/**
 * Days and months follow the deployment's `timeZone`. In Seoul, 1 November starts at 15:00 UTC on
 * 31 October: a Korean compliance officer's November review, an export of "1–30 November" and a
 * daily budget all mean Seoul's days — the same on the command line and over HTTP.
 */
/** 1 Nov 01:00, 15 Nov 12:00 and 1 Dec 01:00 in Seoul. */
const NOV_1_SEOUL = '2026-10-31T16:00:00.000Z';
const NOV_15 = '2026-11-15T03:00:00.000Z';
const DEC_1_SEOUL = '2026-11-30T16:00:00.000Z';

const dir = mkdtempSync(join(tmpdir(), 'jugwon-tz-'));
const configFile = (name: string, timeZone?: string) => {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `dataDir: ./data\n${timeZone ? `timeZone: ${timeZone}\n` : ''}`);
  return file;
};
const seoul = configFile('seoul', 'Asia/Seoul');
const utc = configFile('utc');
const times = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).time);

beforeAll(async () => {
  const platform = await openPlatform(loadConfig(seoul));
  await createTenant(platform.store.db, 'bank');
  for (const t of [NOV_1_SEOUL, NOV_15, DEC_1_SEOUL])
    await platform.ledger.write({ audit: requestRecord({ time: t }) });
  await platform.close();
});

describe('time zone on the command line', () => {
  it("exports and reviews Seoul's November in Seoul, UTC's without the setting", async () => {
    const exportNov = (config: string) =>
      run(['audit', 'export', '--config', config, '--from', '2026-11-01', '--to', '2026-11-30'], dir);
    const inSeoul = await exportNov(seoul);
    expect(inSeoul.code).toBe(0);
    expect(times(inSeoul.stdout)).toEqual([NOV_1_SEOUL, NOV_15]);
    const inUtc = await exportNov(utc);
    expect(times(inUtc.stdout)).toEqual([NOV_15, DEC_1_SEOUL]);

    const out = join(dir, 'review.html');
    const review = await run(['audit', 'report', '--config', seoul, '--month', '2026-11', '--out', out], dir);
    expect(review.stdout).toContain('(2 records)');
    // On paper, the times are Seoul's, and the page says so.
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<td>2026-11-01 01:00:00</td>');
    expect(html).toContain('times in Asia/Seoul');
    expect(html).not.toContain(NOV_1_SEOUL);
    const december = await run(
      ['audit', 'report', '--config', seoul, '--month', '2026-12', '--out', out],
      dir,
    );
    expect(december.stdout).toContain('(1 records)');
  });

  it('refuses a time zone that does not exist, naming the setting', async () => {
    const bad = await run(['audit', 'export', '--config', configFile('bad', 'Asia/Busan')], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/timeZone/);
    expect(bad.stderr).toMatch(/IANA time zone/);
  });
});

describe('time zone over HTTP', () => {
  it("lists and reviews by Seoul's days and months", async () => {
    const server = await createServer(loadConfig(seoul), { logger: false });
    try {
      const { key } = await createApiKey(server.store.db, 'bank', { role: 'operator' });
      const get = async (url: string) =>
        (await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).json();
      const dec1 = await get('/api/audit?from=2026-12-01&to=2026-12-01&limit=10');
      expect(dec1.data.map((r: AuditRecord) => r.time)).toEqual([DEC_1_SEOUL]);
      const nov = await get('/api/audit?from=2026-11-01&to=2026-11-30&limit=10');
      expect(nov.data.map((r: AuditRecord) => r.time)).toEqual([NOV_15, NOV_1_SEOUL]);
      expect((await get('/api/audit/report?month=2026-11&format=json')).records).toBe(2);
    } finally {
      await server.close();
    }
  });

  it("counts a request's usage on the zone's day", async () => {
    const upstream = await startMockUpstream();
    // UTC+14 and UTC−11: their days always differ, so at least one differs from UTC's.
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const zoneDir = mkdtempSync(join(tmpdir(), 'jugwon-tz-usage-'));
      const file = join(zoneDir, 'jugwon.yaml');
      writeFileSync(
        file,
        `timeZone: ${timeZone}\nmodels:\n  - { id: m, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }\n`,
      );
      const server = await createServer(loadConfig(file), { logger: false });
      try {
        await createTenant(server.store.db, 'bank');
        const { key } = await createApiKey(server.store.db, 'bank');
        const dayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
        const before = dayThere();
        const res = await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}` },
          payload: { model: 'm', messages: [{ role: 'user', content: '안녕하세요' }] },
        });
        expect(res.statusCode).toBe(200);
        const usage = await server.app.inject({
          method: 'GET',
          url: '/api/usage',
          headers: { authorization: `Bearer ${key}` },
        });
        const days = usage.json().data.map((r: { day: string }) => r.day);
        expect(days).toHaveLength(1);
        expect([before, dayThere()]).toContain(days[0]);
      } finally {
        await server.close();
      }
    }
    await upstream.close();
  });
});
