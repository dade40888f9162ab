import { describe, expect, it } from 'vitest';
import { checkRange, isDay } from './dates.js';

describe('checkRange', () => {
  it('takes real days and ISO instants, the instants made UTC like the stored times', () => {
    expect(checkRange({ from: '2026-02-28', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-03-01',
    });
    expect(checkRange({ from: '2026-12-02T09:00+09:00' })).toEqual({ from: '2026-12-02T00:00:00.000Z' });
    expect(checkRange({ from: '2026-12-02', to: '2026-12-02T05:00:00Z' })).toEqual({
      from: '2026-12-02',
      to: '2026-12-02T05:00:00.000Z',
    });
    expect(checkRange({})).toEqual({});
    expect(checkRange({ from: '', to: undefined })).toEqual({});
  });

  it('refuses what is no day, a time where days are asked, and a range that ends before it starts', () => {
    for (const bad of [
      'garbage',
      '2026-13-45',
      '2026-02-30',
      '20261202',
      '2026-12-02T25:00Z',
      '2026-12-02 09:00',
      '1e9',
    ])
      expect(() => checkRange({ from: bad })).toThrow(/"from".*must be a day/);
    expect(() => checkRange({ to: '2026-12-02T00:00:00Z' }, { days: true })).toThrow(
      /"to".*must be a day, YYYY-MM-DD/,
    );
    expect(() => checkRange({ from: '2026-12-02', to: '2026-11-01' })).toThrow(/is after "to"/);
    expect(() => checkRange({ from: '2026-12-03', to: '2026-12-02T23:00:00Z' })).toThrow(/is after "to"/);
  });

  it('isDay knows the calendar', () => {
    expect([isDay('2024-02-29'), isDay('2025-02-29'), isDay('2026-04-31'), isDay('2026-12-31')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});
