import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS_CN, HOLIDAYS_CN_2025, HOLIDAYS_CN_2026, type HolidayEntry } from './holidays-cn';

const NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

/** Weekday straight from the platform, independent of the module under test. */
const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const datesOf = (entries: readonly HolidayEntry[], kind: HolidayEntry['kind']): string[] =>
  entries.filter((entry) => entry.kind === kind).map((entry) => entry.date);

describe('default PRC holiday data', () => {
  it.each([
    // 2025: 元旦 1 + 春节 8 + 清明 3 + 劳动 5 + 端午 3 + 国庆/中秋 8 = 28 days off.
    { year: 2025, entries: HOLIDAYS_CN_2025, daysOff: 28 },
    // 2026: 元旦 3 + 春节 9 + 清明 3 + 劳动 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days off.
    { year: 2026, entries: HOLIDAYS_CN_2026, daysOff: 33 },
  ])('$year has $daysOff days off, all in that year, sorted and unique', ({ year, entries, daysOff }) => {
    expect(datesOf(entries, 'HOLIDAY')).toHaveLength(daysOff);
    const dates = entries.map((entry) => entry.date);
    expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(entries.every((entry) => NAMES.includes(entry.name))).toBe(true);
  });

  it.each([
    {
      year: 2025,
      entries: HOLIDAYS_CN_2025,
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    {
      year: 2026,
      entries: HOLIDAYS_CN_2026,
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  ])('$year swapped working days are exactly the notice’s, all on weekends', ({ entries, workdays }) => {
    expect(datesOf(entries, 'WORKDAY')).toEqual(workdays);
    expect(workdays.every((date) => [0, 6].includes(weekdayOf(date)))).toBe(true);
  });

  it.each([
    // First and last day of each break as printed in the notices, and its length.
    { name: '春节', year: '2025', first: '2025-01-28', last: '2025-02-04', days: 8 },
    { name: '国庆节', year: '2025', first: '2025-10-01', last: '2025-10-08', days: 7 }, // + 中秋 on 6 Oct
    { name: '元旦', year: '2026', first: '2026-01-01', last: '2026-01-03', days: 3 },
    { name: '春节', year: '2026', first: '2026-02-15', last: '2026-02-23', days: 9 },
    { name: '劳动节', year: '2026', first: '2026-05-01', last: '2026-05-05', days: 5 },
    { name: '端午节', year: '2026', first: '2026-06-19', last: '2026-06-21', days: 3 },
    { name: '中秋节', year: '2026', first: '2026-09-25', last: '2026-09-27', days: 3 },
    { name: '国庆节', year: '2026', first: '2026-10-01', last: '2026-10-07', days: 7 },
  ])('$year $name runs $first – $last', ({ name, year, first, last, days }) => {
    const off = DEFAULT_HOLIDAYS_CN.filter(
      (entry) => entry.kind === 'HOLIDAY' && entry.name === name && entry.date.startsWith(year),
    ).map((entry) => entry.date);
    expect(off[0]).toBe(first);
    expect(off.at(-1)).toBe(last);
    expect(off).toHaveLength(days);
  });

  it('concatenates both years', () => {
    expect(DEFAULT_HOLIDAYS_CN).toHaveLength(HOLIDAYS_CN_2025.length + HOLIDAYS_CN_2026.length);
  });
});
