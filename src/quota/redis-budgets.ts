import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Calendar, UTC_CALENDAR } from '../core/calendar.js';
import { JugwonError } from '../core/errors.js';
import type { Principal } from '../tenancy/auth.js';
import {
  type Budgets,
  budgetChecks,
  type Check,
  dropPastWindows,
  hasBudget,
  ingestCheck,
  ingestExceeded,
  quotaExceeded,
  type Reservation,
  rateLimited,
  rateLimits,
  type SettledReader,
} from './quota.js';

/**
 * Sliding one-minute windows, all scopes at once: each scope's sorted set keeps the times of its
 * requests; the request is counted in every scope or in none. Returns 0, or the index (1-based) of
 * the first full scope and the time of its oldest request.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 60000)
  if redis.call('ZCARD', key) >= tonumber(ARGV[2 + i]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return {i, oldest[2]}
  end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, 61000)
end
return 0
`;

/**
 * Reserves ARGV[1] from every counter or from none. A counter missing from Redis starts at the
 * value the store has settled (ARGV[1 + 3i - 1]), living until its window ends (+1 h). Returns 0,
 * or the index (1-based) of the first counter that is short.
 */
const RESERVE = `
local n = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local base = 1 + (i - 1) * 3
  redis.call('SET', key, ARGV[base + 2], 'EX', ARGV[base + 3], 'NX')
  if tonumber(redis.call('GET', key)) + n > tonumber(ARGV[base + 1]) then return i end
end
for i, key in ipairs(KEYS) do redis.call('INCRBY', key, n) end
return 0
`;

/** Adds ARGV[1] (negative: a refund) to every counter that still exists, never below 0. */
const SETTLE = `
local d = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if v then
    local next = tonumber(v) + d
    if next < 0 then next = 0 end
    redis.call('SET', key, next, 'KEEPTTL')
  end
end
return 0
`;

/**
 * Budgets shared by every replica through Redis: each check-and-reserve is one Lua script, run
 * atomically by Redis, so N replicas never admit more than one limit's worth between them. The
 * semantics are those of the in-process Quotas (reserve a bound, settle to what was used, counters
 * start from what the store settled). When Redis cannot be reached, requests are refused (503):
 * a budget that cannot be checked is not spent.
 */
export class RedisBudgets implements Budgets {
  /** Settled values read from the store, per counter, for counters Redis may not hold yet. */
  private readonly settledCache = new Map<string, number>();
  /** The day the cache was last swept of past windows. */
  private sweptOn = '';

  constructor(
    private readonly redis: Redis,
    private readonly settled: SettledReader,
    private readonly prefix = 'jugwon:',
    /** Whose days and months the budgets count (configuration `timeZone`; the same in every replica). */
    private readonly calendar: Calendar = UTC_CALENDAR,
  ) {}

  /** Settled values held in memory (they stay bounded: past windows are dropped daily). */
  get held(): number {
    return this.settledCache.size;
  }

  private async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.eval(script, keys.length, ...keys.map((k) => this.prefix + k), ...args);
    } catch {
      throw new JugwonError('JG_COORDINATION_UNAVAILABLE');
    }
  }

  async admit(p: Principal, now = Date.now()): Promise<void> {
    const limits = rateLimits(p);
    if (limits.length === 0) return;
    const r = await this.run(
      ADMIT,
      limits.map(([scope]) => `rpm:${scope}`),
      [now, `${now}:${randomUUID()}`, ...limits.map(([, l]) => l)],
    );
    if (Array.isArray(r)) {
      const [scope, limit] = limits[Number(r[0]) - 1] as [string, number];
      throw rateLimited(scope, limit, Number(r[1]), now);
    }
  }

  hasBudget(p: Principal): boolean {
    return hasBudget(p);
  }

  private async reserveChecks(
    checks: Check[],
    n: number,
    exceeded: (c: Check) => JugwonError,
    now: Date,
  ): Promise<void> {
    const day = this.calendar.windows(now).day;
    if (day !== this.sweptOn) {
      this.sweptOn = day;
      dropPastWindows(this.settledCache, now, this.calendar);
    }
    const args: (string | number)[] = [n];
    for (const c of checks) {
      let base = this.settledCache.get(c.scope);
      if (base === undefined) {
        base = await this.settled(c.scope);
        this.settledCache.set(c.scope, base);
      }
      args.push(c.limit, base, c.retry + 3600);
    }
    const r = Number(
      await this.run(
        RESERVE,
        checks.map((c) => `budget:${c.scope}`),
        args,
      ),
    );
    if (r > 0) throw exceeded(checks[r - 1] as Check);
  }

  async reserve(p: Principal, tokens: number, now = new Date()): Promise<Reservation> {
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new JugwonError('JG_INTERNAL');
    const checks = budgetChecks(p, now, this.calendar);
    if (checks.length > 0) await this.reserveChecks(checks, tokens, quotaExceeded, now);
    return { scopes: checks.map((c) => c.scope), tokens };
  }

  async settle(r: Reservation, used: number): Promise<void> {
    if (r.scopes.length === 0 || used === r.tokens) return;
    await this.run(
      SETTLE,
      r.scopes.map((s) => `budget:${s}`),
      [used - r.tokens],
    );
  }

  async chargeIngest(p: Principal, bytes: number, now = new Date()) {
    const c = ingestCheck(p, now, this.calendar);
    if (!c) return undefined;
    await this.reserveChecks([c], bytes, ingestExceeded, now);
    return { scope: c.scope, used: bytes };
  }
}
