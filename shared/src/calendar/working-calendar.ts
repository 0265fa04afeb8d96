import type { HolidayEntry } from './holidays-cn';
import {
  addCalendarDays,
  DAY_MS,
  getWeekday,
  isDateString,
  startOfShanghaiDay,
  toShanghaiDate,
} from './shanghai-date';
import { isLimitAmount, type TimeLimit } from './time-limit';

/**
 * Working days on a holiday calendar, all reasoning in Shanghai time (UTC+8). A day is a working
 * day when it is Mon–Fri and not a HOLIDAY entry, or when it is a WORKDAY entry (调休上班).
 * Build it with {@link createWorkingCalendar}; treat it as immutable.
 */
export type WorkingCalendar = {
  /** Days off: date ('YYYY-MM-DD') → holiday name. */
  readonly holidays: ReadonlyMap<string, string>;
  /** Swapped working days: date ('YYYY-MM-DD') → holiday name. */
  readonly workdays: ReadonlyMap<string, string>;
};

/**
 * Most calendar days any single computation may walk (about ten years). Reaching it means bad
 * input (an instant decades away, a calendar of nothing but holidays), so we throw rather than
 * spin.
 */
export const MAX_CALENDAR_SCAN_DAYS = 3660;

/** Share of a short limit's natural interval after which the yellow card shows (80 %). */
export const YELLOW_CARD_FRACTION = 0.8;

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Builds a calendar from holiday entries. When several entries share a date the later one wins,
 * so a deployment's own table overrides the defaults:
 * `createWorkingCalendar([...DEFAULT_HOLIDAYS_CN, ...rowsFromDatabase])`.
 * Throws a RangeError naming every malformed entry.
 */
export function createWorkingCalendar(entries: readonly HolidayEntry[]): WorkingCalendar {
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    if (!isDateString(entry.date)) problems.push(`#${index}: bad date ${JSON.stringify(entry.date)}`);
    else if (entry.kind === 'HOLIDAY') {
      workdays.delete(entry.date);
      holidays.set(entry.date, entry.name);
    } else if (entry.kind === 'WORKDAY') {
      holidays.delete(entry.date);
      workdays.set(entry.date, entry.name);
    } else problems.push(`#${index}: bad kind ${JSON.stringify(entry.kind)}`);
  });
  if (problems.length > 0) throw new RangeError(`createWorkingCalendar: ${problems.join('; ')}`);
  return { holidays, workdays };
}

function isWorkingDate(cal: WorkingCalendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = getWeekday(date);
  return weekday !== 0 && weekday !== 6;
}

/** Returns true when `dateString` ('YYYY-MM-DD', Shanghai) is a working day on `cal`. */
export function isWorkingDay(cal: WorkingCalendar, dateString: string): boolean {
  if (!isDateString(dateString)) {
    throw new RangeError(`isWorkingDay: expected a 'YYYY-MM-DD' date, got ${JSON.stringify(dateString)}`);
  }
  return isWorkingDate(cal, dateString);
}

/** Counts calendar days walked by one computation and stops runaway loops. */
type ScanBudget = { readonly caller: string; steps: number };

function spendDay(budget: ScanBudget): void {
  budget.steps += 1;
  if (budget.steps > MAX_CALENDAR_SCAN_DAYS) {
    throw new RangeError(`${budget.caller}: walked more than ${MAX_CALENDAR_SCAN_DAYS} calendar days`);
  }
}

/** The first working date strictly after (`step` 1) or before (`step` -1) `date`. */
function findWorkingDate(cal: WorkingCalendar, date: string, step: 1 | -1, budget: ScanBudget): string {
  let current = date;
  do {
    spendDay(budget);
    current = addCalendarDays(current, step);
  } while (!isWorkingDate(cal, current));
  return current;
}

function toTime(instant: Date, caller: string): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${caller}: invalid Date`);
  return time;
}

/** Milliseconds since 00:00 Shanghai time of the day `instant` falls on, with that day. */
function splitInstant(instant: Date): { date: string; timeOfDay: number } {
  const date = toShanghaiDate(instant);
  return { date, timeOfDay: instant.getTime() - startOfShanghaiDay(date).getTime() };
}

/**
 * Adds `days` working days to `start`, keeping the time of day. A start on a non-working day
 * first moves to 00:00 of the next working day, so Fri 10:00 + 1 → Mon 10:00 and
 * Sat 10:00 + 1 → Tue 00:00 (the end of Monday); + 0 from Saturday gives Mon 00:00.
 * Throws a RangeError unless `days` is a non-negative integer.
 */
export function addWorkingDays(cal: WorkingCalendar, start: Date, days: number): Date {
  toTime(start, 'addWorkingDays');
  if (!isLimitAmount(days)) {
    throw new RangeError(`addWorkingDays: days must be a non-negative integer, got ${days}`);
  }
  const budget: ScanBudget = { caller: 'addWorkingDays', steps: 0 };
  let { date, timeOfDay } = splitInstant(start);
  if (!isWorkingDate(cal, date)) {
    date = findWorkingDate(cal, date, 1, budget);
    timeOfDay = 0;
  }
  for (let i = 0; i < days; i += 1) date = findWorkingDate(cal, date, 1, budget);
  return new Date(startOfShanghaiDay(date).getTime() + timeOfDay);
}

/**
 * Returns the deadline `limit` after `start`: MINUTES and HOURS as natural (wall-clock) time,
 * WORKING_DAYS through {@link addWorkingDays}. Throws a RangeError for a negative or
 * fractional amount or an unknown unit.
 */
export function addTimeLimit(cal: WorkingCalendar, start: Date, limit: TimeLimit): Date {
  const time = toTime(start, 'addTimeLimit');
  if (!isLimitAmount(limit.amount)) {
    throw new RangeError(`addTimeLimit: amount must be a non-negative integer, got ${limit.amount}`);
  }
  switch (limit.unit) {
    case 'MINUTES':
      return new Date(time + limit.amount * MINUTE_MS);
    case 'HOURS':
      return new Date(time + limit.amount * HOUR_MS);
    case 'WORKING_DAYS':
      return addWorkingDays(cal, start, limit.amount);
    default:
      throw new RangeError(`addTimeLimit: unknown unit ${JSON.stringify(limit.unit)}`);
  }
}

/**
 * Returns how many milliseconds of [from, to) fall on working days (whole Shanghai days, any
 * hour). Used to charge time lost in bounced tasks to a department and to leave suspended
 * periods out. 0 when `to` is not after `from`.
 */
export function workingMillisBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const fromTime = toTime(from, 'workingMillisBetween');
  const toTimeMs = toTime(to, 'workingMillisBetween');
  if (toTimeMs <= fromTime) return 0;
  const budget: ScanBudget = { caller: 'workingMillisBetween', steps: 0 };
  let date = toShanghaiDate(from);
  let dayStart = startOfShanghaiDay(date).getTime();
  let total = 0;
  while (dayStart < toTimeMs) {
    spendDay(budget);
    if (isWorkingDate(cal, date)) {
      total += Math.min(toTimeMs, dayStart + DAY_MS) - Math.max(fromTime, dayStart);
    }
    date = addCalendarDays(date, 1);
    dayStart += DAY_MS;
  }
  return total;
}

/**
 * `from` moved on by `ms` of working time, the inverse of {@link workingMillisBetween}: a
 * deadline pushed back by the working time a case was parked never lands on a day off.
 */
export function addWorkingMillis(cal: WorkingCalendar, from: Date, ms: number): Date {
  let at = toTime(from, 'addWorkingMillis');
  let remaining = Math.max(0, ms);
  const budget: ScanBudget = { caller: 'addWorkingMillis', steps: 0 };
  let date = toShanghaiDate(from);
  while (remaining > 0) {
    spendDay(budget);
    const dayEnd = startOfShanghaiDay(date).getTime() + DAY_MS;
    if (isWorkingDate(cal, date)) {
      const step = Math.min(remaining, dayEnd - at);
      at += step;
      remaining -= step;
    }
    date = addCalendarDays(date, 1);
    if (remaining > 0) at = Math.max(at, dayEnd);
  }
  return new Date(at);
}

/**
 * Returns when the yellow card (黄牌预警) for a deadline shows:
 * - WORKING_DAYS limits of 2 or more: one working day before the deadline, i.e. the same time
 *   of day on the previous working day (deadline Tue 10:00 → Mon 10:00; over a weekend or
 *   holiday it lands on the last working day before it);
 * - 0 or 1 working day: once 80 % of the *working* time from `start` to `deadline` has passed
 *   ("one working day before" would be at or before the start), so over a weekend or holiday
 *   it falls on the working day of the deadline, never on a day off;
 * - minutes and hours (wall-clock limits, the centres are staffed around the clock): once 80 %
 *   of the natural interval has elapsed.
 * Never before `start`; a deadline not after `start` is returned as is. `deadline` is passed in
 * (not recomputed) so that extended deadlines get their alarm by the same rule.
 */
export function yellowCardAt(cal: WorkingCalendar, start: Date, deadline: Date, limit: TimeLimit): Date {
  const startTime = toTime(start, 'yellowCardAt');
  const deadlineTime = toTime(deadline, 'yellowCardAt');
  if (deadlineTime <= startTime) return new Date(deadlineTime);
  if (limit.unit === 'WORKING_DAYS' && limit.amount >= 2) {
    const { date, timeOfDay } = splitInstant(deadline);
    const budget: ScanBudget = { caller: 'yellowCardAt', steps: 0 };
    const previous = findWorkingDate(cal, date, -1, budget);
    return new Date(Math.max(startTime, startOfShanghaiDay(previous).getTime() + timeOfDay));
  }
  if (limit.unit === 'WORKING_DAYS') {
    // 0 or 1 working day: 80 % of the working time, so the card never shows on a day off.
    const working = workingMillisBetween(cal, start, deadline);
    return addWorkingMillis(cal, start, Math.round(working * YELLOW_CARD_FRACTION));
  }
  return new Date(startTime + Math.round((deadlineTime - startTime) * YELLOW_CARD_FRACTION));
}
