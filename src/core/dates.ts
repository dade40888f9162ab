import { JugwonError } from './errors.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export function isDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * A range of days (`days`) or of days and instants, checked and made comparable with the UTC
 * times stored (`2026-12-02T09:00+09:00` becomes `2026-12-02T00:00:00.000Z`): a wrong value
 * matched nothing, or everything, without a word. `JG_INVALID_VALUE` names the bound.
 */
export function checkRange(
  r: { from?: string | undefined; to?: string | undefined },
  o: { days?: boolean } = {},
): { from?: string; to?: string } {
  const one = (bound: 'from' | 'to', v: string | undefined): string | undefined => {
    if (v === undefined || v === '') return undefined;
    if (isDay(v)) return v;
    if (!o.days && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && isDay(v.slice(0, 10)))
      return new Date(v).toISOString();
    throw new JugwonError('JG_INVALID_VALUE', {
      what: `"${bound}" (${JSON.stringify(v.slice(0, 40))})`,
      problem: o.days ? 'must be a day, YYYY-MM-DD' : 'must be a day (YYYY-MM-DD) or an ISO date-time',
    });
  };
  const from = one('from', r.from);
  const to = one('to', r.to);
  if (from && to && from.slice(0, to.length) > to)
    throw new JugwonError('JG_INVALID_VALUE', { what: `"from" (${from})`, problem: `is after "to" (${to})` });
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
