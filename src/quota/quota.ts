import type BetterSqlite3 from 'better-sqlite3';
import { JugwonError } from '../core/errors.js';
import type { Principal } from '../tenancy/auth.js';

/**
 * Limits per tenant and per key: requests per minute and token budgets per day and per month. A
 * request reserves its estimated tokens before the model is called, checking every budget at once
 * (all or nothing); afterwards the reservation is settled to what was really used. The counters
 * are held by the serving process (JavaScript runs one request's check at a time, so budgets hold
 * under any concurrency) and start from the store, which records what was settled: a reservation
 * costs no write, and a settlement is written with the request's audit record. After a restart,
 * counters start again from the settled usage (reservations of requests that never finished are
 * gone with them).
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

type Check = { scope: string; limit: number; period: string; who: string; retry: number };

export class Quotas {
  /** Request times of the last minute per scope, oldest first; `head` is the first still inside it. */
  private readonly recent = new Map<string, { times: number[]; head: number }>();
  /** Tokens used or reserved per budget window, once read from the store. */
  private readonly used = new Map<string, number>();
  private readonly read: BetterSqlite3.Statement<[string], { used: number }>;
  private readonly add: BetterSqlite3.Statement<[{ scope: string; used: number }]>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.read = sqlite.prepare('SELECT used FROM quota_counters WHERE scope = ?');
    this.add = sqlite.prepare(
      'INSERT INTO quota_counters (scope, used) VALUES (@scope, MAX(0, @used)) ON CONFLICT (scope) DO UPDATE SET used = MAX(0, used + @used)',
    );
  }

  private current(scope: string): number {
    let n = this.used.get(scope);
    if (n === undefined) {
      n = this.read.get(scope)?.used ?? 0;
      this.used.set(scope, n);
    }
    return n;
  }

  /** Takes `tokens` from every budget, or from none and throws 429 naming the first that is short. */
  private reserveAll(checks: Check[], tokens: number): void {
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new JugwonError('JG_INTERNAL'); // callers validate first
    for (const c of checks) {
      if (this.current(c.scope) + tokens > c.limit) {
        const e = new JugwonError('JG_QUOTA_EXCEEDED', { limit: c.limit, period: c.period, scope: c.who });
        e.retryAfter = c.retry;
        throw e;
      }
    }
    for (const c of checks) this.used.set(c.scope, this.current(c.scope) + tokens);
  }

  /**
   * The scope's requests of the last minute. Times only grow, so expired ones are skipped from the
   * front and the array is compacted now and then: constant time per request on average, however
   * high the limit (filtering the whole minute on every request made 1,000 requests per second cost
   * 60,000 comparisons each).
   */
  private window(scope: string, now: number): { times: number[]; head: number } {
    let w = this.recent.get(scope);
    if (!w) {
      w = { times: [], head: 0 };
      this.recent.set(scope, w);
    }
    while (w.head < w.times.length && (w.times[w.head] as number) <= now - 60_000) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    return w;
  }

  /** Requests-per-minute check; counts the request when it passes. */
  admit(p: Principal, now = Date.now()): void {
    const limits: [string, number | null | undefined, string][] = [
      [`tenant:${p.tenantId}`, p.tenant?.rpm, 'tenant'],
      [`key:${p.keyId}`, p.key?.rpm, 'key'],
    ];
    for (const [scope, limit] of limits) {
      if (!limit) continue;
      const w = this.window(scope, now);
      if (w.times.length - w.head >= limit) {
        const e = new JugwonError('JG_RATE_LIMITED', { limit, scope: scope.split(':')[0] as string });
        e.retryAfter = Math.max(1, Math.ceil(((w.times[w.head] as number) + 60_000 - now) / 1000));
        throw e;
      }
    }
    for (const [scope, limit] of limits) if (limit) this.recent.get(scope)?.times.push(now);
  }

  /**
   * Takes `bytes` of uploaded documents from the tenant's daily ingest budget (written at once:
   * uploads are few), or throws 429 with the seconds to the next day.
   */
  chargeIngest(p: Principal, bytes: number, now = new Date()): void {
    const limit = p.tenant?.ingest_bytes_per_day;
    if (!limit) return;
    const w = windows(now);
    const scope = `ingest:${p.tenantId}:day:${w.day}`;
    if (this.current(scope) + bytes > limit) {
      const e = new JugwonError('JG_INGEST_QUOTA_EXCEEDED', { limit });
      e.retryAfter = w.secondsToDay;
      throw e;
    }
    this.used.set(scope, this.current(scope) + bytes);
    this.add.run({ scope, used: bytes });
  }

  /** Whether any token budget applies to the caller (its tenant's or its key's). */
  hasBudget(p: Principal): boolean {
    return Boolean(
      (p.tenant && (p.tenant.tokens_per_day || p.tenant.monthly_tokens)) ||
        p.key?.tokens_per_day ||
        p.key?.monthly_tokens,
    );
  }

  /** Reserves `tokens` against every daily and monthly budget that applies, or throws 429. */
  reserve(p: Principal, tokens: number, now = new Date()): Reservation {
    const w = windows(now);
    const checks: Check[] = [];
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

  /**
   * Settles a reservation to the tokens really used (refunds the difference, or charges it) and
   * writes the usage to the store; call it inside the request's accounting transaction.
   */
  settle(r: Reservation, used: number): void {
    for (const scope of r.scopes) {
      this.used.set(scope, Math.max(0, this.current(scope) + used - r.tokens));
      if (used > 0) this.add.run({ scope, used });
    }
  }
}

/**
 * Tokens a text can cost at most: one per UTF-8 byte. Byte-level BPE and SentencePiece with byte
 * fallback never make a token of less than one byte, so this holds for Korean (3 bytes a syllable,
 * 1–2 tokens in practice) as for any text: an estimate that a model's real count cannot exceed.
 */
export const tokenBound = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Template tokens a chat message may add (role markers, separators), generously. */
export const MESSAGE_OVERHEAD = 16;

/**
 * The completion a request under a token budget may produce when it does not say (max_tokens is
 * then set to this on the request that leaves): with it, a reservation is never smaller than
 * what the request can really use, so a budget is never overspent.
 */
export const DEFAULT_COMPLETION_CAP = 4096;

/** Tokens a request may use at most: its prompt's bound plus the completion it allows. */
export function estimateTokens(promptBound: number, maxTokens: number): number {
  return promptBound + maxTokens;
}
