import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS_CN } from './holidays-cn';
import type { TimeLimit } from './time-limit';
import {
  addTimeLimit,
  addWorkingDays,
  addWorkingMillis,
  createWorkingCalendar,
  isWorkingDay,
  workingMillisBetween,
  yellowCardAt,
} from './working-calendar';

/** An instant written as Shanghai wall-clock time, 'YYYY-MM-DDTHH:mm'. */
const sh = (local: string): Date => new Date(`${local}+08:00`);
const iso = (date: Date): string => date.toISOString();
const HOUR = 60 * 60 * 1000;

const cal = createWorkingCalendar(DEFAULT_HOLIDAYS_CN);

// Hand-made weekday reference: 1 Mar 2026 is a Sunday (1 Feb 2026 is a Sunday, February has
// 28 days), so 9–13 Mar are Mon–Fri and 14/15 Mar a weekend; no holiday falls in March 2026.

describe('isWorkingDay', () => {
  it.each([
    { date: '2026-03-09', expected: true, why: 'plain Monday' },
    { date: '2026-03-14', expected: false, why: 'plain Saturday' },
    { date: '2026-03-15', expected: false, why: 'plain Sunday' },
    { date: '2026-02-14', expected: true, why: 'Saturday swapped to work before 春节' },
    { date: '2026-02-16', expected: false, why: 'Monday inside 春节' },
    { date: '2026-02-28', expected: true, why: 'Saturday swapped to work after 春节' },
    { date: '2026-09-20', expected: true, why: 'Sunday swapped to work before 国庆' },
    { date: '2026-09-25', expected: false, why: 'Friday, 中秋节' },
    { date: '2026-10-01', expected: false, why: 'Thursday, 国庆节' },
    { date: '2026-10-10', expected: true, why: 'Saturday swapped to work after 国庆' },
    { date: '2025-10-06', expected: false, why: 'Monday, 中秋节 inside the merged 2025 break' },
    { date: '2025-01-26', expected: true, why: 'Sunday swapped to work before 春节 2025' },
    // 1 Jan 2027 is a Friday (2026 has 365 days: Thursday + 1); the defaults stop at 2026, so
    // without an admin entry it counts as an ordinary Friday.
    { date: '2027-01-01', expected: true, why: 'year not in the defaults' },
  ])('$date → $expected ($why)', ({ date, expected }) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
  });
});

describe('createWorkingCalendar', () => {
  it('lets later entries (the admin table) override earlier ones (the defaults)', () => {
    const local = createWorkingCalendar([
      ...DEFAULT_HOLIDAYS_CN,
      { date: '2026-02-14', kind: 'HOLIDAY', name: '春节' }, // cancel the swapped Saturday
      { date: '2026-02-16', kind: 'WORKDAY', name: '春节' }, // duty day inside the break
      { date: '2026-03-10', kind: 'HOLIDAY', name: '地方节日' }, // a local Tuesday off
    ]);
    expect(isWorkingDay(local, '2026-02-14')).toBe(false);
    expect(isWorkingDay(local, '2026-02-16')).toBe(true);
    expect(isWorkingDay(local, '2026-03-10')).toBe(false);
    expect(local.holidays.get('2026-03-10')).toBe('地方节日');
  });

  it('names every malformed entry', () => {
    const bad = [
      { date: '2026-02-30', kind: 'HOLIDAY', name: 'x' },
      { date: '2026-03-01', kind: 'DAY_OFF', name: 'y' },
    ] as never;
    expect(() => createWorkingCalendar(bad)).toThrow(
      'createWorkingCalendar: #0: bad date "2026-02-30"; #1: bad kind "DAY_OFF"',
    );
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Plain weeks.
    { start: '2026-03-10T09:00', days: 1, expected: '2026-03-11T09:00', why: 'Tue → Wed' },
    { start: '2026-03-09T14:30', days: 3, expected: '2026-03-12T14:30', why: 'Mon → Thu' },
    { start: '2026-03-13T10:00', days: 1, expected: '2026-03-16T10:00', why: 'Fri → Mon, weekend skipped' },
    { start: '2026-03-11T15:00', days: 0, expected: '2026-03-11T15:00', why: 'zero days on a working day' },
    // Start on a weekend: move to Mon 00:00 first, then count.
    { start: '2026-03-14T10:00', days: 1, expected: '2026-03-17T00:00', why: 'Sat → Mon 00:00 → Tue 00:00' },
    { start: '2026-03-14T10:00', days: 0, expected: '2026-03-16T00:00', why: 'Sat + 0 → Mon 00:00' },
    // 春节 2026: Sat 14 Feb works, 15–23 Feb off, Sat 28 Feb works.
    { start: '2026-02-13T10:00', days: 1, expected: '2026-02-14T10:00', why: 'Fri → swapped Sat 14' },
    { start: '2026-02-13T10:00', days: 2, expected: '2026-02-24T10:00', why: 'Sat 14, then Tue 24' },
    {
      start: '2026-02-13T10:00',
      days: 6,
      expected: '2026-02-28T10:00',
      why: '14, 24, 25, 26, 27, swapped Sat 28',
    },
    { start: '2026-02-13T10:00', days: 7, expected: '2026-03-02T10:00', why: '… then Mon 2 Mar' },
    // Start on a holiday.
    { start: '2026-02-18T09:00', days: 0, expected: '2026-02-24T00:00', why: '春节 Wed → Tue 24 00:00' },
    { start: '2026-02-18T09:00', days: 1, expected: '2026-02-25T00:00', why: 'Tue 24 00:00 → Wed 25 00:00' },
    // 国庆 2026: Sun 20 Sep works, 25–27 Sep 中秋, 1–7 Oct off, Sat 10 Oct works.
    { start: '2026-09-18T16:00', days: 1, expected: '2026-09-20T16:00', why: 'Fri → swapped Sun 20' },
    { start: '2026-09-18T16:00', days: 2, expected: '2026-09-21T16:00', why: 'Sun 20, Mon 21' },
    {
      start: '2026-09-23T09:00',
      days: 2,
      expected: '2026-09-28T09:00',
      why: 'Thu 24, then Mon 28 after 中秋',
    },
    { start: '2026-09-29T09:00', days: 2, expected: '2026-10-08T09:00', why: 'Wed 30, then Thu 8 Oct' },
    { start: '2026-09-30T17:00', days: 3, expected: '2026-10-10T17:00', why: 'Thu 8, Fri 9, swapped Sat 10' },
    { start: '2026-10-08T09:00', days: 3, expected: '2026-10-12T09:00', why: 'Fri 9, Sat 10, Mon 12' },
    // 春节 2025: Sun 26 Jan works, 28 Jan – 4 Feb off.
    { start: '2025-01-24T10:00', days: 1, expected: '2025-01-26T10:00', why: 'Fri → swapped Sun 26' },
    { start: '2025-01-24T10:00', days: 3, expected: '2025-02-05T10:00', why: 'Sun 26, Mon 27, Wed 5 Feb' },
  ])('$start + $days → $expected ($why)', ({ start, days, expected }) => {
    expect(iso(addWorkingDays(cal, sh(start), days))).toBe(iso(sh(expected)));
  });

  it.each([
    // 16:30Z on Sun 1 Mar is 00:30 on Mon 2 Mar in Shanghai: a working day, time kept.
    { start: '2026-03-01T16:30:00Z', days: 1, expected: '2026-03-02T16:30:00.000Z' },
    // 15:59:59Z on 13 Feb is Fri 23:59:59 Shanghai; + 1 → swapped Sat 14 at 23:59:59.
    { start: '2026-02-13T15:59:59Z', days: 1, expected: '2026-02-14T15:59:59.000Z' },
    // 16:00Z on 13 Feb is Sat 14 00:00 Shanghai (swapped working day); + 1 → Tue 24 00:00.
    { start: '2026-02-13T16:00:00Z', days: 1, expected: '2026-02-23T16:00:00.000Z' },
  ])('UTC+8 day boundary: $start + $days → $expected', ({ start, days, expected }) => {
    expect(iso(addWorkingDays(cal, new Date(start), days))).toBe(expected);
  });

  it.each([-1, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s days', (days) => {
    expect(() => addWorkingDays(cal, sh('2026-03-10T09:00'), days)).toThrow(RangeError);
  });

  it('rejects an invalid start', () => {
    expect(() => addWorkingDays(cal, new Date('nope'), 1)).toThrow(RangeError);
  });

  it('stops a runaway walk on a calendar without working days', () => {
    const allOff = Array.from({ length: 3700 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      kind: 'HOLIDAY' as const,
      name: 'x',
    }));
    expect(() => addWorkingDays(createWorkingCalendar(allOff), sh('2026-01-01T09:00'), 1)).toThrow(/3660/);
  });
});

describe('addTimeLimit', () => {
  const minutes = (amount: number): TimeLimit => ({ amount, unit: 'MINUTES' });
  const hours = (amount: number): TimeLimit => ({ amount, unit: 'HOURS' });
  const workingDays = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });

  it.each([
    // Natural time ignores the calendar: 23:50 + 30 min = 00:20 on Saturday.
    {
      start: '2026-03-13T23:50',
      limit: minutes(30),
      expected: '2026-03-14T00:20',
      why: 'minutes across midnight',
    },
    // 22:00 on a 春节 Sunday + 2 h = Monday 00:00, still a holiday: clocks run anyway.
    { start: '2026-02-15T22:00', limit: hours(2), expected: '2026-02-16T00:00', why: 'hours on a holiday' },
    { start: '2026-03-10T09:00', limit: minutes(0), expected: '2026-03-10T09:00', why: 'zero minutes' },
    // 5 working days from Fri 13 Feb: Sat 14, Tue 24, Wed 25, Thu 26, Fri 27.
    {
      start: '2026-02-13T10:00',
      limit: workingDays(5),
      expected: '2026-02-27T10:00',
      why: 'handle over 春节',
    },
  ])('$start + $limit.amount $limit.unit → $expected ($why)', ({ start, limit, expected }) => {
    expect(iso(addTimeLimit(cal, sh(start), limit))).toBe(iso(sh(expected)));
  });

  it.each([minutes(-5), hours(1.5), workingDays(-1), workingDays(0.5), { amount: 1, unit: 'DAYS' } as never])(
    'rejects %j',
    (limit) => {
      expect(() => addTimeLimit(cal, sh('2026-03-10T09:00'), limit)).toThrow(RangeError);
    },
  );
});

describe('workingMillisBetween', () => {
  it.each([
    { from: '2026-03-10T09:00', to: '2026-03-10T09:00', hours: 0, why: 'empty interval' },
    { from: '2026-03-10T17:00', to: '2026-03-10T09:00', hours: 0, why: 'reversed interval' },
    { from: '2026-03-10T09:00', to: '2026-03-10T17:00', hours: 8, why: 'inside one Tuesday' },
    // Fri 18–24 = 6 h, Sat and Sun 0, Mon 00–09 = 9 h.
    { from: '2026-03-13T18:00', to: '2026-03-16T09:00', hours: 15, why: 'across a weekend' },
    // Fri 13 12–24 = 12 h, swapped Sat 14 = 24 h, 15–23 Feb 0, Tue 24 00–12 = 12 h.
    { from: '2026-02-13T12:00', to: '2026-02-24T12:00', hours: 48, why: 'across 春节 2026' },
    // Wed 30 Sep = 24 h, 1–7 Oct 0, Thu 8 Oct = 24 h.
    { from: '2026-09-30T00:00', to: '2026-10-09T00:00', hours: 48, why: 'across 国庆 2026' },
    { from: '2026-02-16T08:00', to: '2026-02-20T18:00', hours: 0, why: 'inside 春节' },
    // Sun 1 Mar 23:00 → Mon 2 Mar 01:00 Shanghai: only Monday's first hour counts.
    { from: '2026-03-01T23:00', to: '2026-03-02T01:00', hours: 1, why: 'UTC+8 midnight (15:00Z–17:00Z)' },
  ])('$from → $to = $hours h ($why)', ({ from, to, hours }) => {
    expect(workingMillisBetween(cal, sh(from), sh(to))).toBe(hours * HOUR);
  });

  it('refuses to walk more than the guard allows', () => {
    expect(() => workingMillisBetween(cal, sh('2000-01-01T00:00'), sh('2026-01-01T00:00'))).toThrow(
      RangeError,
    );
  });
});

describe('yellowCardAt', () => {
  const workingDays = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });

  it.each([
    // ≥ 2 working days: same time on the working day before the deadline.
    {
      start: '2026-02-13T10:00',
      deadline: '2026-02-27T10:00',
      limit: workingDays(5),
      expected: '2026-02-26T10:00',
      why: 'handle 5 WD: Fri 27 → Thu 26',
    },
    {
      start: '2026-02-13T10:00',
      deadline: '2026-02-24T10:00',
      limit: workingDays(2),
      expected: '2026-02-14T10:00',
      why: 'Tue 24 → back over 春节 to swapped Sat 14',
    },
    {
      start: '2026-09-29T09:00',
      deadline: '2026-10-08T09:00',
      limit: workingDays(2),
      expected: '2026-09-30T09:00',
      why: 'Thu 8 Oct → back over 国庆 to Wed 30 Sep',
    },
    {
      // Sat start: Mon 00:00 + 2 WD = Wed 00:00 (end of Tue); one WD earlier = Tue 00:00.
      start: '2026-03-14T10:00',
      deadline: '2026-03-18T00:00',
      limit: workingDays(2),
      expected: '2026-03-17T00:00',
      why: 'return window from a Saturday dispatch',
    },
    {
      start: '2026-03-09T10:00',
      deadline: '2026-03-20T10:00',
      limit: workingDays(5),
      expected: '2026-03-19T10:00',
      why: 'extended deadline Fri 20 → Thu 19',
    },
    {
      start: '2026-03-10T10:00',
      deadline: '2026-03-10T11:00',
      limit: workingDays(2),
      expected: '2026-03-10T10:00',
      why: 'never before the start (Mon 11:00 → clamped)',
    },
    // Shorter limits: 80 % of the natural interval.
    {
      start: '2026-03-10T10:00',
      deadline: '2026-03-10T10:30',
      limit: { amount: 30, unit: 'MINUTES' } as const,
      expected: '2026-03-10T10:24',
      why: '0.8 × 30 min = 24 min',
    },
    {
      start: '2026-03-10T23:30',
      deadline: '2026-03-11T00:30',
      limit: { amount: 1, unit: 'HOURS' } as const,
      expected: '2026-03-11T00:18',
      why: '0.8 × 60 min = 48 min, across midnight',
    },
    {
      start: '2026-03-10T10:00',
      deadline: '2026-03-10T12:00',
      limit: { amount: 2, unit: 'HOURS' } as const,
      expected: '2026-03-10T11:36',
      why: '0.8 × 120 min = 96 min (rural check)',
    },
    {
      // Fri 10:00 → Mon 10:00 holds 24 h of working time (14 h Fri, 10 h Mon); 0.8 × 24 h =
      // 19 h 12 min: 14 h to Friday midnight, the weekend skipped, 5 h 12 min → Mon 05:12.
      start: '2026-03-13T10:00',
      deadline: '2026-03-16T10:00',
      limit: workingDays(1),
      expected: '2026-03-16T05:12',
      why: '1 WD claim over a weekend',
    },
    {
      start: '2026-03-10T10:00',
      deadline: '2026-03-10T10:00',
      limit: workingDays(0),
      expected: '2026-03-10T10:00',
      why: 'deadline at the start',
    },
  ])('$why', ({ start, deadline, limit, expected }) => {
    expect(iso(yellowCardAt(cal, sh(start), sh(deadline), limit))).toBe(iso(sh(expected)));
  });
});

describe('addWorkingMillis', () => {
  const cal = createWorkingCalendar([...DEFAULT_HOLIDAYS_CN]);
  it('skips weekends and holidays, inverse of workingMillisBetween', () => {
    // Fri 2026-11-27 20:00 Shanghai + 8 h of working time: 4 h left on Friday, then the
    // weekend is skipped, 4 h into Monday → Mon 2026-11-30 04:00 Shanghai = Sun 20:00 UTC.
    const from = new Date('2026-11-27T12:00:00Z');
    const to = addWorkingMillis(cal, from, 8 * 3_600_000);
    expect(to.toISOString()).toBe('2026-11-29T20:00:00.000Z');
    expect(workingMillisBetween(cal, from, to)).toBe(8 * 3_600_000);
    // Thu 2026-09-24 12:00 + 1 working day: 中秋 Sep 25–27 is off → Mon Sep 28 12:00 Shanghai.
    expect(addWorkingMillis(cal, new Date('2026-09-24T04:00:00Z'), 86_400_000).toISOString()).toBe(
      '2026-09-28T04:00:00.000Z',
    );
    expect(addWorkingMillis(cal, from, 0).toISOString()).toBe(from.toISOString());
  });
});
