import type { WorkingCalendar } from '@wangge/shared/calendar/index';
import {
  addCalendarDays,
  isWorkingDay,
  startOfShanghaiDay,
  toShanghaiDate,
} from '@wangge/shared/calendar/index';
import type { Period } from '../metrics/metrics-query';

/** A Shanghai calendar month as a metrics period, plus its name. */
export interface Month extends Period {
  month: string;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthName = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

/**
 * "2026-11" → [2026, 11]. Throws a RangeError for anything else, and for the years 0000 and 9999,
 * whose neighbouring months (year -1, year 10000) have no YYYY-MM form; routes validate months
 * with ZMonth (years 2000–2100) first and answer 400.
 */
function parseMonth(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month);
  const y = Number(match?.[1]);
  if (!match || y < 1 || y > 9998)
    throw new RangeError(`expected a month YYYY-MM (years 0001–9998), got ${JSON.stringify(month)}`);
  return [y, Number(match[2])];
}

/** "2026-11" → the period 2026-11-01 … 2026-11-30 (Shanghai days). */
export function monthPeriod(month: string): Month {
  const [y, m] = parseMonth(month);
  const from = `${month}-01`;
  // The year padded: "0-02-01" (for 0000-01) used to parse as NaN and throw deep inside.
  const next = `${m === 12 ? monthName(y + 1, 1) : monthName(y, m + 1)}-01`;
  const to = addCalendarDays(next, -1);
  return { month, from, to, start: startOfShanghaiDay(from), end: startOfShanghaiDay(next) };
}

/** The month an instant falls in (Shanghai), and the one before it. */
export const monthOf = (now: Date) => toShanghaiDate(now).slice(0, 7);
export function previousMonth(month: string): string {
  const [y, m] = parseMonth(month);
  return m === 1 ? monthName(y - 1, 12) : monthName(y, m - 1);
}

/** Working days of a month on the calendar (official holidays and swapped weekends included). */
export function workingDaysIn(cal: WorkingCalendar, m: Month): string[] {
  const days: string[] = [];
  for (let d = m.from; d <= m.to; d = addCalendarDays(d, 1)) if (isWorkingDay(cal, d)) days.push(d);
  return days;
}
