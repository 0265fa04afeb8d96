import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  getWeekday,
  isDateString,
  startOfShanghaiDay,
  toShanghaiDate,
} from './shanghai-date';

describe('toShanghaiDate', () => {
  it.each([
    // 16:30Z + 8 h = 00:30 on the next day in Shanghai.
    { instant: '2026-03-01T16:30:00Z', expected: '2026-03-02' },
    // 15:59:59.999Z + 8 h = 23:59:59.999 the same day.
    { instant: '2026-03-01T15:59:59.999Z', expected: '2026-03-01' },
    // 16:00Z + 8 h = 00:00 exactly: the new day starts.
    { instant: '2026-03-01T16:00:00Z', expected: '2026-03-02' },
    // New year arrives in Shanghai at 16:00Z on 31 Dec.
    { instant: '2025-12-31T16:00:00Z', expected: '2026-01-01' },
    // Early UTC morning is the same calendar day in Shanghai (08:00).
    { instant: '2026-02-14T00:00:00Z', expected: '2026-02-14' },
  ])('$instant is $expected in Shanghai', ({ instant, expected }) => {
    expect(toShanghaiDate(new Date(instant))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => toShanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('startOfShanghaiDay', () => {
  it.each([
    // 00:00 at UTC+8 is 16:00Z on the previous UTC day.
    { date: '2026-03-02', expected: '2026-03-01T16:00:00.000Z' },
    { date: '2026-01-01', expected: '2025-12-31T16:00:00.000Z' },
    // Leap day 2028 exists.
    { date: '2028-02-29', expected: '2028-02-28T16:00:00.000Z' },
  ])('$date starts at $expected', ({ date, expected }) => {
    expect(startOfShanghaiDay(date).toISOString()).toBe(expected);
  });

  it.each(['2026-02-30', '2026-2-3', '2026-13-01', '2025-02-29', '', '2026-03-02T00:00'])(
    'rejects %j',
    (date) => {
      expect(() => startOfShanghaiDay(date)).toThrow(RangeError);
      expect(isDateString(date)).toBe(false);
    },
  );
});

describe('date arithmetic helpers', () => {
  it.each([
    // 2026 is not a leap year: 28 Feb + 1 = 1 Mar.
    { date: '2026-02-28', days: 1, expected: '2026-03-01' },
    { date: '2026-01-01', days: -1, expected: '2025-12-31' },
    { date: '2026-09-30', days: 10, expected: '2026-10-10' },
  ])('$date + $days days = $expected', ({ date, days, expected }) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it.each([
    // The 2026 notice prints: 1 Jan Thursday, 14 Feb Saturday, 15 Feb Sunday, 20 Sep Sunday.
    { date: '2026-01-01', expected: 4 },
    { date: '2026-02-14', expected: 6 },
    { date: '2026-02-15', expected: 0 },
    { date: '2026-09-20', expected: 0 },
  ])('$date is weekday $expected', ({ date, expected }) => {
    expect(getWeekday(date)).toBe(expected);
  });
});
