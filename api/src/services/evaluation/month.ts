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

/** "2026-11" → the period 2026-11-01 … 2026-11-30 (Shanghai days). */
export function monthPeriod(month: string): Month {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const to = addCalendarDays(next, -1);
  return { month, from, to, start: startOfShanghaiDay(from), end: startOfShanghaiDay(next) };
}

/** The month an instant falls in (Shanghai), and the one before it. */
export const monthOf = (now: Date) => toShanghaiDate(now).slice(0, 7);
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Working days of a month on the calendar (official holidays and swapped weekends included). */
export function workingDaysIn(cal: WorkingCalendar, m: Month): string[] {
  const days: string[] = [];
  for (let d = m.from; d <= m.to; d = addCalendarDays(d, 1)) if (isWorkingDay(cal, d)) days.push(d);
  return days;
}
