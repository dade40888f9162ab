import { type Calendar, UTC_CALENDAR } from '../core/calendar.js';
import { JugwonError } from '../core/errors.js';
import type { Principal } from '../tenancy/auth.js';

/**
 * Limits per tenant and per key: requests per minute and token budgets per day and per month. A
 * request reserves its estimated tokens before the model is called, checking every budget at once
 * (all or nothing); afterwards the reservation is settled to what was really used. After a
 * restart, counters start again from the settled usage (reservations of requests that never
 * finished are gone with them).
 */
export interface Reservation {
  scopes: string[];
  tokens: number;
}

export type Check = { scope: string; limit: number; period: string; who: string; retry: number };

/**
 * Drops entries for budget windows before `now`'s day and month (a counter's scope ends in its
 * window: `…:day:2026-12-03`, `…:month:2026-12`). No request asks about them again; kept, they grew
 * by one per budget per day for as long as the server ran.
 */
export function dropPastWindows(counters: Map<string, unknown>, now: Date, calendar: Calendar): void {
  const w = calendar.windows(now);
  for (const scope of counters.keys()) {
    const period = scope.slice(scope.lastIndexOf(':') + 1);
    if (period !== w.day && period !== w.month) counters.delete(scope);
  }
}

type Maybe<T> = T | Promise<T>;

/**
 * Request rates and token budgets, checked before a model is called. Two implementations: in this
 * process (one server) and in Redis (replicas sharing one count). Both reserve a request's bound
 * before the call and settle it to what was used after; what was settled is written to the store
 * with the request's audit record (the ledger), from where counters start again after a restart.
 */
export interface Budgets {
  /** Requests-per-minute check; counts the request when it passes, else throws 429. */
  admit(p: Principal, now?: number): Maybe<void>;
  /** Whether any token budget applies to the caller (its tenant's or its key's). */
  hasBudget(p: Principal): boolean;
  /** Reserves `tokens` against every daily and monthly budget that applies, or throws 429. */
  reserve(p: Principal, tokens: number, now?: Date): Promise<Reservation>;
  /** Settles the live counters to the tokens really used (refunds or charges the difference). */
  settle(r: Reservation, used: number): Maybe<void>;
  /**
   * Takes `bytes` of uploaded documents from the tenant's daily ingest budget, or throws 429 with
   * the seconds to the next day; returns the counter to write (uploads are few: written at once).
   */
  chargeIngest(p: Principal, bytes: number, now?: Date): Promise<{ scope: string; used: number } | undefined>;
}

/** The counters a settlement adds to the store. */
export const settledCounters = (r: Reservation | undefined, used: number) =>
  r && used > 0 ? r.scopes.map((scope) => ({ scope, used })) : [];

export const hasBudget = (p: Principal): boolean =>
  Boolean(
    (p.tenant && (p.tenant.tokens_per_day || p.tenant.monthly_tokens)) ||
      p.key?.tokens_per_day ||
      p.key?.monthly_tokens,
  );

export function quotaExceeded(c: Check): JugwonError {
  const e = new JugwonError('JG_QUOTA_EXCEEDED', { limit: c.limit, period: c.period, scope: c.who });
  e.retryAfter = c.retry;
  return e;
}

export function rateLimited(scope: string, limit: number, oldest: number, now: number): JugwonError {
  const e = new JugwonError('JG_RATE_LIMITED', { limit, scope: scope.split(':')[0] as string });
  e.retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
  return e;
}

/** The per-minute request limits that apply: the tenant's and the key's. */
export const rateLimits = (p: Principal): [scope: string, limit: number][] =>
  (
    [
      [`tenant:${p.tenantId}`, p.tenant?.rpm],
      [`key:${p.keyId}`, p.key?.rpm],
    ] as [string, number | null | undefined][]
  ).filter((l): l is [string, number] => Boolean(l[1]));

/** The daily and monthly token budgets that apply to a caller now (days and months of `calendar`). */
export function budgetChecks(p: Principal, now: Date, calendar: Calendar = UTC_CALENDAR): Check[] {
  const w = calendar.windows(now);
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
  return checks;
}

/** The tenant's daily ingest budget, if it has one. */
export function ingestCheck(p: Principal, now: Date, calendar: Calendar = UTC_CALENDAR): Check | undefined {
  const limit = p.tenant?.ingest_bytes_per_day;
  if (!limit) return undefined;
  const w = calendar.windows(now);
  return {
    scope: `ingest:${p.tenantId}:day:${w.day}`,
    limit,
    period: 'daily',
    who: 'ingest',
    retry: w.secondsToDay,
  };
}

export function ingestExceeded(c: Check): JugwonError {
  const e = new JugwonError('JG_INGEST_QUOTA_EXCEEDED', { limit: c.limit });
  e.retryAfter = c.retry;
  return e;
}

/** Reads what the store has settled for a counter (where counting starts after a restart). */
export type SettledReader = (scope: string) => Maybe<number>;

/**
 * Budgets held by this process (JavaScript runs one request's check at a time, so they hold under
 * any concurrency). A counter starts from the store the first time it is needed; a reservation
 * costs no write.
 */
export class Quotas implements Budgets {
  /** Request times of the last minute per scope, oldest first; `head` is the first still inside it. */
  private readonly recent = new Map<string, { times: number[]; head: number }>();
  /** Tokens used or reserved per budget window, once read from the store. */
  private readonly used = new Map<string, number>();
  private readonly loading = new Map<string, Promise<void>>();
  /** The day (start and end, ms) the counters above were last swept in (see forgetPast). */
  private sweptDay: [start: number, end: number] = [0, 0];

  /**
   * `exclusive`: whether this process still holds the lock that makes its counts the only ones (a
   * server on a shared Postgres store without Redis). Without it nothing is admitted — two servers
   * counting on their own would each allow the whole limit.
   */
  constructor(
    private readonly settled: SettledReader,
    private readonly exclusive: () => boolean = () => true,
    /** Whose days and months the budgets count (configuration `timeZone`). */
    private readonly calendar: Calendar = UTC_CALENDAR,
  ) {}

  /** Checked where every request (admit) and every upload (chargeIngest) is first counted. */
  private alone(): void {
    if (!this.exclusive()) throw new JugwonError('JG_REPLICA_CONFLICT');
  }

  /** Reads the counters not yet held; concurrent callers share one read per counter. */
  private async load(scopes: string[]): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const scope of scopes) {
      if (this.used.has(scope)) continue;
      const pending = this.loading.get(scope);
      if (pending) {
        waits.push(pending);
        continue;
      }
      const v = this.settled(scope);
      if (typeof v === 'number') {
        this.used.set(scope, v);
        continue;
      }
      const wait = v
        .then((n) => {
          if (!this.used.has(scope)) this.used.set(scope, n);
        })
        .finally(() => this.loading.delete(scope));
      this.loading.set(scope, wait);
      waits.push(wait);
    }
    if (waits.length > 0) await Promise.all(waits);
  }

  /**
   * Once a day, drops what no request can ask about again: counters of past days and months, and
   * request times of scopes idle for a minute.
   */
  private forgetPast(now: number): void {
    if (now >= this.sweptDay[0] && now < this.sweptDay[1]) return; // two comparisons per request
    const w = this.calendar.windows(now);
    this.sweptDay = [w.dayStart, w.nextDay];
    dropPastWindows(this.used, new Date(now), this.calendar);
    for (const [scope, r] of this.recent)
      if ((r.times.at(-1) ?? 0) <= now - 60_000) this.recent.delete(scope);
  }

  /** Counters and request windows held in memory (they stay bounded: see forgetPast). */
  get held(): number {
    return this.used.size + this.recent.size;
  }

  private current(scope: string): number {
    return this.used.get(scope) ?? 0;
  }

  /** Takes `tokens` from every budget, or from none and throws 429 naming the first that is short. */
  private async reserveAll(checks: Check[], tokens: number): Promise<void> {
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new JugwonError('JG_INTERNAL'); // callers validate first
    await this.load(checks.map((c) => c.scope));
    // From here to the end nothing awaits: the check and the reservation are one step.
    for (const c of checks) if (this.current(c.scope) + tokens > c.limit) throw quotaExceeded(c);
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

  admit(p: Principal, now = Date.now()): void {
    this.alone();
    this.forgetPast(now);
    const limits = rateLimits(p);
    for (const [scope, limit] of limits) {
      const w = this.window(scope, now);
      if (w.times.length - w.head >= limit) throw rateLimited(scope, limit, w.times[w.head] as number, now);
    }
    for (const [scope] of limits) this.recent.get(scope)?.times.push(now);
  }

  async chargeIngest(p: Principal, bytes: number, now = new Date()) {
    this.alone();
    this.forgetPast(now.getTime());
    const c = ingestCheck(p, now, this.calendar);
    if (!c) return undefined;
    await this.load([c.scope]);
    if (this.current(c.scope) + bytes > c.limit) throw ingestExceeded(c);
    this.used.set(c.scope, this.current(c.scope) + bytes);
    return { scope: c.scope, used: bytes };
  }

  hasBudget(p: Principal): boolean {
    return hasBudget(p);
  }

  async reserve(p: Principal, tokens: number, now = new Date()): Promise<Reservation> {
    this.forgetPast(now.getTime());
    const checks = budgetChecks(p, now, this.calendar);
    if (checks.length > 0) await this.reserveAll(checks, tokens);
    return { scopes: checks.map((c) => c.scope), tokens };
  }

  settle(r: Reservation, used: number): void {
    for (const scope of r.scopes) this.used.set(scope, Math.max(0, this.current(scope) + used - r.tokens));
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
