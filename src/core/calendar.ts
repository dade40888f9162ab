import { JugwonError } from './errors.js';

/** A day's or month's bounds and names as the deployment's calendar counts them. */
export interface Windows {
  /** The day, YYYY-MM-DD, and the month, YYYY-MM. */
  day: string;
  month: string;
  /** When the day starts and the next one does (ms since the epoch). */
  dayStart: number;
  nextDay: number;
  /** Seconds until the next day and the next month start (for Retry-After). */
  secondsToDay: number;
  secondsToMonth: number;
}

/**
 * Whether Intl knows `name` as a time zone. `UTC`, the default, is answered without Intl: its
 * first formatter loads the zone data, ~15 ms of every command's start-up (`jugwon pii scan`).
 */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
const pad = (n: number) => String(n).padStart(2, '0');
/** The calendar day `n` days after `day` (both YYYY-MM-DD; the date itself, no time zone). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const nextMonthOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
};

/**
 * Days and months as the deployment counts them (configuration `timeZone`, an IANA name such as
 * `Asia/Seoul`; default `UTC`): where daily and monthly budgets reset, which day a request's usage
 * counts on, and what "2026-11-30" or the month "2026-11" means in an export or a report. Times are
 * still stored in UTC; only their grouping into days follows the zone.
 */
export class Calendar {
  /** Reads a UTC instant's fields on the zone's clock; none for UTC itself. */
  private readonly parts: Intl.DateTimeFormat | undefined;
  /** The day `windows` last answered for, reused while `now` stays inside it, and its month's end. */
  private current: DayBounds | undefined;
  private monthEnd = 0;
  /** The day `dayOf` last answered for outside that one (a report reads records in time order). */
  private seen: DayBounds | undefined;

  constructor(readonly timeZone = 'UTC') {
    if (timeZone === 'UTC') return;
    try {
      this.parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new JugwonError('JG_INVALID_VALUE', {
        what: `time zone ${JSON.stringify(timeZone.slice(0, 60))}`,
        problem: 'must be an IANA time zone name, such as Asia/Seoul or UTC',
      });
    }
  }

  /** How far the zone's clock is ahead of UTC at instant `t` (ms). */
  private offsetAt(t: number): number {
    if (!this.parts) return 0;
    const f: Record<string, number> = {};
    for (const p of this.parts.formatToParts(t)) if (p.type !== 'literal') f[p.type] = Number(p.value);
    const asUtc = Date.UTC(f.year as number, (f.month as number) - 1, f.day, f.hour, f.minute, f.second);
    return asUtc - (t - (((t % 1000) + 1000) % 1000));
  }

  /** The day (YYYY-MM-DD) instant `t` falls on here; '' for a time that is none. */
  dayOf(t: number | string | Date): string {
    const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
    if (Number.isNaN(ms)) return '';
    if (within(this.current, ms)) return (this.current as DayBounds).day;
    if (!within(this.seen, ms)) this.seen = this.bounds(ms);
    return (this.seen as DayBounds).day;
  }

  private localDay(ms: number): string {
    return new Date(ms + this.offsetAt(ms)).toISOString().slice(0, 10);
  }

  /** The day `ms` falls on, and when it starts and ends. */
  private bounds(ms: number): DayBounds {
    const day = this.localDay(ms);
    return { day, start: this.startOf(day), end: this.startOf(addDays(day, 1)) };
  }

  /** The month (YYYY-MM) instant `t` falls in here. */
  monthOf(t: number | string | Date): string {
    return this.dayOf(t).slice(0, 7);
  }

  /**
   * The first instant of `day` (YYYY-MM-DD) here. Where a clock change skips midnight, the day
   * starts when the clock does.
   */
  startOf(day: string): number {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const local = Date.UTC(y, m - 1, d);
    if (!this.parts) return local;
    // The offset at the guess, then at the instant it gives (they differ across a clock change).
    let t = local - this.offsetAt(local);
    t = local - this.offsetAt(t);
    while (this.localDay(t) < day) t += 15 * 60_000; // midnight did not happen: the next quarter hour
    return t;
  }

  /** The first instant of `day` as stored times compare (ISO, UTC). */
  startIso(day: string): string {
    return new Date(this.startOf(day)).toISOString();
  }

  /** The last millisecond of `day` as stored times compare (ISO, UTC). */
  endIso(day: string): string {
    return new Date(this.startOf(addDays(day, 1)) - 1).toISOString();
  }

  /** [start, end) of the month YYYY-MM as stored times compare (ISO, UTC). */
  monthIso(month: string): { from: string; before: string } {
    return { from: this.startIso(`${month}-01`), before: this.startIso(`${nextMonthOf(month)}-01`) };
  }

  /** The day and month of `now`, when each ends, and the seconds until then. */
  windows(now: Date | number): Windows {
    const ms = typeof now === 'number' ? now : now.getTime();
    if (!within(this.current, ms)) {
      this.current = this.bounds(ms);
      this.monthEnd = this.startOf(`${nextMonthOf(this.current.day.slice(0, 7))}-01`);
    }
    const { day, start, end } = this.current as DayBounds;
    return {
      day,
      month: day.slice(0, 7),
      dayStart: start,
      nextDay: end,
      secondsToDay: Math.ceil((end - ms) / 1000),
      secondsToMonth: Math.ceil((this.monthEnd - ms) / 1000),
    };
  }
}

interface DayBounds {
  day: string;
  start: number;
  end: number;
}
const within = (b: DayBounds | undefined, ms: number) => b !== undefined && ms >= b.start && ms < b.end;

/** The calendar of a deployment that sets no `timeZone`. */
export const UTC_CALENDAR = new Calendar('UTC');
