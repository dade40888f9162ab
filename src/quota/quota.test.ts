import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../tenancy/auth.js';
import { Quotas } from './quota.js';

const db = () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec('CREATE TABLE quota_counters (scope TEXT PRIMARY KEY, used INTEGER NOT NULL)');
  return sqlite;
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
    const q = new Quotas(db());
    const p = principal({ rpm: 3 });
    const t0 = 1_000_000;
    for (const dt of [0, 10, 20]) q.admit(p, t0 + dt);
    expect(() => q.admit(p, t0 + 30)).toThrow(/Rate limit of 3/);
    q.admit(p, t0 + 60_001); // the first has left the window
    expect(() => q.admit(p, t0 + 60_002)).toThrow(/Rate limit/);
  });

  it('keeps the per-request cost flat under a high limit (no whole-minute scan per request)', () => {
    const q = new Quotas(db());
    const p = principal({ rpm: 10_000_000 });
    // 200,000 requests in a minute and beyond: with a scan per request this is 10^10 steps.
    for (let i = 0; i < 200_000; i++) q.admit(p, i);
    expect(() => q.admit(p, 200_000)).not.toThrow();
  });

  it('reserves all or nothing, settles to the tokens used, and writes only settlements', () => {
    const sqlite = db();
    const q = new Quotas(sqlite);
    const p = principal({ tokensPerDay: 100 });
    const now = new Date('2026-12-02T10:00:00Z');
    const r = q.reserve(p, 60, now);
    expect(() => q.reserve(p, 60, now)).toThrow(/budget of 100 tokens/);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM quota_counters').get()).toEqual({ n: 0 });
    q.settle(r, 15);
    expect(sqlite.prepare('SELECT used FROM quota_counters').get()).toEqual({ used: 15 });
    q.reserve(p, 85, now); // 15 used + 85 reserved = 100: fits exactly
    // A new process starts from what was settled.
    expect(() => new Quotas(sqlite).reserve(p, 86, now)).toThrow(/budget/);
    expect(() => new Quotas(sqlite).reserve(p, 85, now)).not.toThrow();
  });
});
