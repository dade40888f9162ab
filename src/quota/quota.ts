import type BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';
import type { Principal } from '../tenancy/auth.js';

/**
 * Limits per tenant and per key: requests per minute (in memory, per process) and token budgets
 * per day and per month (in the store). A request reserves its estimated tokens before the model
 * is called, in one transaction that checks every budget; afterwards the reservation is settled
 * to what was really used. Budgets therefore hold under any concurrency.
 */
export interface Reservation {
  scopes: string[];
  tokens: number;
}

const DAY_MS = 86_400_000;

function windows(now: Date) {
  const day = now.toISOString().slice(0, 10);
  const month = day.slice(0, 7);
  const nextDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return {
    day,
    month,
    secondsToDay: Math.ceil((nextDay - now.getTime()) / 1000),
    secondsToMonth: Math.ceil((nextMonth - now.getTime()) / 1000),
  };
}

export class Quotas {
  private readonly recent = new Map<string, number[]>();
  private readonly ensure: BetterSqlite3.Statement<[string]>;
  private readonly take: BetterSqlite3.Statement<[number, string, number, number]>;
  private readonly adjust: BetterSqlite3.Statement<[number, string]>;
  private readonly reserveAll: (
    checks: { scope: string; limit: number; period: string; who: string; retry: number }[],
    tokens: number,
  ) => void;

  constructor(sqlite: BetterSqlite3.Database) {
    this.ensure = sqlite.prepare(
      'INSERT INTO quota_counters (scope, used) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING',
    );
    // Portable conditional increment: only succeeds while the budget has room.
    this.take = sqlite.prepare('UPDATE quota_counters SET used = used + ? WHERE scope = ? AND used + ? <= ?');
    this.adjust = sqlite.prepare('UPDATE quota_counters SET used = MAX(0, used + ?) WHERE scope = ?');
    const tx = sqlite.transaction(
      (
        checks: { scope: string; limit: number; period: string; who: string; retry: number }[],
        tokens: number,
      ) => {
        for (const c of checks) {
          this.ensure.run(c.scope);
          if (this.take.run(tokens, c.scope, tokens, c.limit).changes === 0) {
            const e = new JugwonError('JG_QUOTA_EXCEEDED', {
              limit: c.limit,
              period: c.period,
              scope: c.who,
            });
            e.retryAfter = c.retry;
            throw e; // rolls back the increments already made
          }
        }
      },
    );
    // IMMEDIATE: take the write lock first, so another process cannot slip between check and increment.
    // A reservation need not survive a power loss (a lost one only refunds the estimate), so it is
    // committed without its own fsync; the request's settlement, committed durably, carries it to disk.
    // (Not prepared statements: SQLite applies a PRAGMA setting when the statement is prepared.)
    const configured = Number(sqlite.pragma('synchronous', { simple: true }));
    this.reserveAll =
      configured <= 1
        ? (checks, tokens) => tx.immediate(checks, tokens)
        : (checks, tokens) => {
            sqlite.pragma('synchronous = NORMAL');
            try {
              tx.immediate(checks, tokens);
            } finally {
              sqlite.pragma(`synchronous = ${configured}`);
            }
          };
  }

  /** Requests-per-minute check; counts the request when it passes. */
  admit(p: Principal, now = Date.now()): void {
    const limits: [string, number | null | undefined, string][] = [
      [`tenant:${p.tenantId}`, p.tenant?.rpm, 'tenant'],
      [`key:${p.keyId}`, p.key?.rpm, 'key'],
    ];
    for (const [scope, limit] of limits) {
      if (!limit) continue;
      const times = (this.recent.get(scope) ?? []).filter((t) => t > now - 60_000);
      this.recent.set(scope, times);
      if (times.length >= limit) {
        const e = new JugwonError('JG_RATE_LIMITED', { limit, scope: scope.split(':')[0] as string });
        e.retryAfter = Math.max(1, Math.ceil(((times[0] as number) + 60_000 - now) / 1000));
        throw e;
      }
    }
    for (const [scope, limit] of limits) if (limit) this.recent.get(scope)?.push(now);
  }

  /** Reserves `tokens` against every daily and monthly budget that applies, or throws 429. */
  reserve(p: Principal, tokens: number, now = new Date()): Reservation {
    const w = windows(now);
    const checks: { scope: string; limit: number; period: string; who: string; retry: number }[] = [];
    const add = (
      who: string,
      id: string | null,
      perDay: number | null | undefined,
      perMonth: number | null | undefined,
    ) => {
      if (!id) return;
      if (perDay)
        checks.push({
          scope: `${who}:${id}:day:${w.day}`,
          limit: perDay,
          period: 'daily',
          who,
          retry: w.secondsToDay,
        });
      if (perMonth)
        checks.push({
          scope: `${who}:${id}:month:${w.month}`,
          limit: perMonth,
          period: 'monthly',
          who,
          retry: w.secondsToMonth,
        });
    };
    add('tenant', p.tenant ? p.tenantId : null, p.tenant?.tokens_per_day, p.tenant?.monthly_tokens);
    add('key', p.keyId, p.key?.tokens_per_day, p.key?.monthly_tokens);
    if (checks.length > 0) this.reserveAll(checks, tokens);
    return { scopes: checks.map((c) => c.scope), tokens };
  }

  /** Settles a reservation to the tokens really used (refunds the difference, or charges it). */
  settle(r: Reservation, used: number): void {
    const delta = used - r.tokens;
    if (delta === 0) return;
    for (const scope of r.scopes) this.adjust.run(delta, scope);
  }
}

/** Tokens a request may use: a rough prompt count plus the completion it allows. */
export function estimateTokens(promptChars: number, maxTokens: number | undefined): number {
  return Math.ceil(promptChars / 2) + (maxTokens ?? 512);
}
