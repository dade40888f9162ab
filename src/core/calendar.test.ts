import { describe, expect, it } from 'vitest';
import { addDays, Calendar, isTimeZone } from './calendar.js';

const at = (iso: string) => Date.parse(iso);
const hours = (ms: number) => ms / 3_600_000;

describe('Calendar', () => {
  it("counts Seoul's days and months: a day starts at 15:00 UTC the day before", () => {
    const seoul = new Calendar('Asia/Seoul');
    expect(seoul.dayOf('2026-12-03T14:59:59.999Z')).toBe('2026-12-03');
    expect(seoul.dayOf('2026-12-03T15:00:00.000Z')).toBe('2026-12-04');
    expect(seoul.monthOf('2026-10-31T15:00:00Z')).toBe('2026-11');
    expect(seoul.monthOf('2026-11-30T15:00:00Z')).toBe('2026-12');
    expect(seoul.startIso('2026-12-04')).toBe('2026-12-03T15:00:00.000Z');
    expect(seoul.endIso('2026-12-04')).toBe('2026-12-04T14:59:59.999Z');
    expect(seoul.monthIso('2026-11')).toEqual({
      from: '2026-10-31T15:00:00.000Z',
      before: '2026-11-30T15:00:00.000Z',
    });
    expect(seoul.monthIso('2026-12')).toEqual({
      from: '2026-11-30T15:00:00.000Z',
      before: '2026-12-31T15:00:00.000Z',
    });
  });

  it('says when the day and the month end, across the end of each', () => {
    const seoul = new Calendar('Asia/Seoul');
    const before = seoul.windows(new Date('2026-11-30T14:59:59Z'));
    expect(before).toMatchObject({ day: '2026-11-30', month: '2026-11', secondsToDay: 1, secondsToMonth: 1 });
    // The next call is in the next day (and month): what was kept for the day before is not reused.
    const after = seoul.windows(new Date('2026-11-30T15:00:00Z'));
    expect(after).toMatchObject({ day: '2026-12-01', month: '2026-12', secondsToDay: 86_400 });
    expect(after.secondsToMonth).toBe(31 * 86_400);
    expect(seoul.windows(new Date('2026-11-30T14:00:00Z'))).toMatchObject({
      day: '2026-11-30',
      secondsToDay: 3600,
    });
    const utc = new Calendar();
    expect(utc.windows(new Date('2026-11-30T15:00:00Z'))).toMatchObject({
      day: '2026-11-30',
      secondsToDay: 9 * 3600,
      secondsToMonth: 9 * 3600,
    });
  });

  it('keeps days of 23 and 25 hours where clocks change', () => {
    const ny = new Calendar('America/New_York');
    const spring = ny.windows(at('2026-03-08T12:00:00Z'));
    expect(new Date(spring.dayStart).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(hours(spring.nextDay - spring.dayStart)).toBe(23);
    const autumn = ny.windows(at('2026-11-01T12:00:00Z'));
    expect(hours(autumn.nextDay - autumn.dayStart)).toBe(25);
    expect(ny.dayOf('2026-11-02T04:59:59Z')).toBe('2026-11-01');
    expect(ny.dayOf('2026-11-02T05:00:00Z')).toBe('2026-11-02');
  });

  it('starts a day whose midnight a clock change skips when its clock does', () => {
    // Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September.
    const santiago = new Calendar('America/Santiago');
    const start = santiago.startOf('2026-09-06');
    expect(santiago.dayOf(start)).toBe('2026-09-06');
    expect(santiago.dayOf(start - 1)).toBe('2026-09-05');
  });

  it('answers the same for any day it is asked, whatever it answered before', () => {
    const seoul = new Calendar('Asia/Seoul');
    const fresh = (t: number) => new Calendar('Asia/Seoul').dayOf(t);
    // In time order, backwards and jumping: what one day's bounds were kept for is never misused.
    const times = [0, 1, 2, 3, 40, 41, 5, 100, 99, 6].map((h) => at('2026-12-01T00:00:00Z') + h * 3_599_000);
    for (const t of times) expect([t, seoul.dayOf(t)]).toEqual([t, fresh(t)]);
    for (const t of times) expect([t, seoul.windows(t).day]).toEqual([t, fresh(t)]);
  });

  it('puts a time that is none on no day, rather than failing (a record whose time was tampered with)', () => {
    for (const calendar of [new Calendar(), new Calendar('Asia/Seoul')]) {
      for (const bad of ['', 'yesterday', '2026-13-45T00:00:00Z', Number.NaN])
        expect(calendar.dayOf(bad)).toBe('');
      expect(calendar.monthOf('not a time')).toBe('');
      expect(calendar.dayOf('2026-12-03T15:00:00Z')).toBe(
        calendar.timeZone === 'UTC' ? '2026-12-03' : '2026-12-04',
      );
    }
  });

  it('refuses a name that is no time zone', () => {
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    for (const bad of ['Mars/Olympus', '', 'Asia/Seoul; DROP', '9']) {
      expect(isTimeZone(bad)).toBe(false);
      expect(() => new Calendar(bad)).toThrow(/IANA time zone/);
    }
  });

  it('adds days to a date across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
