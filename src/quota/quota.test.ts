import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Calendar } from '../core/calendar.js';
import type { Principal } from '../tenancy/auth.js';
import { Quotas, settledCounters } from './quota.js';

const db = () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec('CREATE TABLE quota_counters (scope TEXT PRIMARY KEY, used INTEGER NOT NULL)');
  return sqlite;
};
/** What the store settled, read as the platform reads it. */
const settled = (sqlite: BetterSqlite3.Database) => (scope: string) =>
  (
    sqlite.prepare('SELECT used FROM quota_counters WHERE scope = ?').get(scope) as
      | { used: number }
      | undefined
  )?.used ?? 0;
/** Writes a settlement as the ledger does. */
const write = (sqlite: BetterSqlite3.Database, counters: { scope: string; used: number }[]) => {
  for (const c of counters)
    sqlite
      .prepare(
        'INSERT INTO quota_counters (scope, used) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET used = used + excluded.used',
      )
      .run(c.scope, c.used);
};
const principal = (o: { rpm?: number; tokensPerDay?: number } = {}): Principal =>
  ({
    tenantId: 't1',
    tenantName: 't1',
    keyId: null,
    userName: null,
    role: 'member',
    tenant: { id: 't1', rpm: o.rpm ?? null, tokens_per_day: o.tokensPerDay ?? null, monthly_tokens: null },
    key: null,
  }) as unknown as Principal;

describe('quotas', () => {
  it('counts requests per minute in a sliding window', () => {
    const q = new Quotas(settled(db()));
    const p = principal({ rpm: 3 });
    const t0 = 1_000_000;
    for (const dt of [0, 10, 20]) q.admit(p, t0 + dt);
    expect(() => q.admit(p, t0 + 30)).toThrow(/Rate limit of 3/);
    q.admit(p, t0 + 60_001); // the first has left the window
    expect(() => q.admit(p, t0 + 60_002)).toThrow(/Rate limit/);
  });

  it('keeps the per-request cost flat under a high limit (no whole-minute scan per request)', () => {
    const q = new Quotas(settled(db()));
    const p = principal({ rpm: 10_000_000 });
    // 200,000 requests in a minute and beyond: with a scan per request this is 10^10 steps.
    for (let i = 0; i < 200_000; i++) q.admit(p, i);
    expect(() => q.admit(p, 200_000)).not.toThrow();
  });

  it('reserves all or nothing, settles to the tokens used, and writes only settlements', async () => {
    const sqlite = db();
    const q = new Quotas(settled(sqlite));
    const p = principal({ tokensPerDay: 100 });
    const now = new Date('2026-12-02T10:00:00Z');
    const r = await q.reserve(p, 60, now);
    await expect(q.reserve(p, 60, now)).rejects.toThrow(/budget of 100 tokens/);
    q.settle(r, 15);
    expect(settledCounters(r, 15)).toEqual([{ scope: 'tenant:t1:day:2026-12-02', used: 15 }]);
    expect(settledCounters(r, 0)).toEqual([]);
    write(sqlite, settledCounters(r, 15));
    await q.reserve(p, 85, now); // 15 used + 85 reserved = 100: fits exactly
    // A new process starts from what was settled.
    await expect(new Quotas(settled(sqlite)).reserve(p, 86, now)).rejects.toThrow(/budget/);
    await expect(new Quotas(settled(sqlite)).reserve(p, 85, now)).resolves.toBeTruthy();
  });

  it("holds a month's budget across days (the daily one starts again), for the tenant and the key, until the month ends", async () => {
    const sqlite = db();
    const q = new Quotas(settled(sqlite));
    const p = {
      ...principal(),
      keyId: 'k1',
      tenant: { id: 't1', rpm: null, tokens_per_day: 60, monthly_tokens: 100 },
      key: { rpm: null, tokens_per_day: null, monthly_tokens: 150 },
    } as unknown as Principal;
    const day1 = new Date('2026-11-29T10:00:00Z');
    const day2 = new Date('2026-11-30T23:59:00Z');
    const r1 = await q.reserve(p, 60, day1);
    expect(r1.scopes).toEqual([
      'tenant:t1:day:2026-11-29',
      'tenant:t1:month:2026-11',
      'key:k1:month:2026-11',
    ]);
    await expect(q.reserve(p, 1, day1)).rejects.toMatchObject({ code: 'JG_QUOTA_EXCEEDED' });
    // The next day: the daily budget is whole again, the month's holds 40 more.
    await q.reserve(p, 40, day2);
    const refused = await q.reserve(p, 1, day2).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'JG_QUOTA_EXCEEDED',
      message: expect.stringContaining('monthly budget of 100 tokens for this tenant'),
    });
    expect((refused as { retryAfter?: number }).retryAfter).toBe(60); // to 2026-12-01T00:00Z
    // The key's own month counts only what passed: nothing refused was taken from it.
    const viaKeyOnly = {
      ...p,
      tenant: { ...p.tenant, tokens_per_day: null, monthly_tokens: null },
    } as Principal;
    await q.reserve(viaKeyOnly, 50, day2);
    await expect(q.reserve(viaKeyOnly, 1, day2)).rejects.toThrow('monthly budget of 150 tokens for this key');
    // A new month: every budget whole again; a restart reads the month's settlements.
    await q.reserve(p, 60, new Date('2026-12-01T00:00:00Z'));
    write(sqlite, [{ scope: 'tenant:t1:month:2026-12', used: 95 }]);
    await expect(new Quotas(settled(sqlite)).reserve(p, 6, new Date('2026-12-02T00:00:00Z'))).rejects.toThrow(
      'monthly budget of 100 tokens',
    );
  });

  it("resets daily and monthly budgets at midnight of the deployment's time zone", async () => {
    const p = {
      ...principal({ tokensPerDay: 100 }),
      tenant: { id: 't1', rpm: null, tokens_per_day: 100, monthly_tokens: 150 },
    } as unknown as Principal;
    const seoul = new Quotas(settled(db()), undefined, new Calendar('Asia/Seoul'));
    const utc = new Quotas(settled(db()));
    for (const q of [seoul, utc]) await q.reserve(p, 100, new Date('2026-11-30T14:00:00Z'));
    // 23:59:59 in Seoul: the day is spent, for one more second, and the month for as long.
    const refused = await seoul.reserve(p, 1, new Date('2026-11-30T14:59:59Z')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'JG_QUOTA_EXCEEDED', retryAfter: 1 });
    // Midnight in Seoul is 15:00 UTC: a new day and a new month there, still 30 November in UTC.
    await expect(seoul.reserve(p, 100, new Date('2026-11-30T15:00:00Z'))).resolves.toBeTruthy();
    const utcRefused = await utc.reserve(p, 1, new Date('2026-11-30T15:00:00Z')).catch((e: unknown) => e);
    expect(utcRefused).toMatchObject({ code: 'JG_QUOTA_EXCEEDED', retryAfter: 9 * 3600 });
    // The settled counters are named by the zone's day and month, so a restart reads the same ones.
    const r = await seoul.reserve(p, 0, new Date('2026-11-30T16:00:00Z'));
    expect(r.scopes).toEqual(['tenant:t1:day:2026-12-01', 'tenant:t1:month:2026-12']);
  });

  it('holds the counters of the current windows only, however long it runs', async () => {
    const q = new Quotas(settled(db()));
    const keys = Array.from({ length: 50 }, (_, i) => ({
      ...principal({ rpm: 100, tokensPerDay: 1_000 }),
      tenantId: `t${i}`,
      keyId: `k${i}`,
      key: { rpm: 100, tokens_per_day: 1_000, monthly_tokens: 10_000 },
    })) as unknown as Principal[];
    // A year of days, each key asking once a day.
    for (let day = 0; day < 365; day++) {
      const now = new Date(Date.UTC(2026, 0, 1, 12) + day * 86_400_000);
      for (const p of keys) {
        q.admit(p, now.getTime());
        q.settle(await q.reserve(p, 10, now), 5);
      }
    }
    // Per key: its tenant's and its own rate windows, its tenant's day, its own day and month.
    expect(q.held).toBeLessThanOrEqual(50 * 5);
    // Today's counters are kept: the 1,000-token day is still counted.
    const today = new Date(Date.UTC(2026, 0, 1, 13) + 364 * 86_400_000);
    await expect(q.reserve(keys[0] as Principal, 996, today)).rejects.toThrow('daily budget of 1000');
  });

  it('reads a counter from an asynchronous store once, however many requests wait for it', async () => {
    let reads = 0;
    const q = new Quotas(async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 5));
      return 40;
    });
    const p = principal({ tokensPerDay: 100 });
    const now = new Date('2026-12-02T10:00:00Z');
    const all = await Promise.allSettled(Array.from({ length: 20 }, () => q.reserve(p, 10, now)));
    expect(all.filter((r) => r.status === 'fulfilled')).toHaveLength(6); // 40 settled + 6 × 10 = 100
    expect(reads).toBe(1);
  });
});
