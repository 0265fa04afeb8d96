/**
 * Calendar dates in China Standard Time (Asia/Shanghai). China has used a fixed UTC+08:00
 * offset without daylight saving since 1991, so plain offset arithmetic is exact and we need
 * neither `Intl` time-zone data nor a date library.
 */

/** Offset of China Standard Time from UTC, in milliseconds (UTC+08:00, no DST). */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Length of every Shanghai calendar day, in milliseconds (no DST, so always 24 h). */
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Returns the Shanghai calendar date ('YYYY-MM-DD') on which `instant` falls.
 * Throws a RangeError for an invalid Date.
 */
export function toShanghaiDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('toShanghaiDate: invalid Date');
  return new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Returns true when `value` is a real calendar date written 'YYYY-MM-DD'
 * (so '2026-02-30' and '2026-2-3' are rejected).
 */
export function isDateString(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function assertDateString(dateString: string, caller: string): void {
  if (!isDateString(dateString)) {
    throw new RangeError(`${caller}: expected a 'YYYY-MM-DD' date, got ${JSON.stringify(dateString)}`);
  }
}

/** Returns the instant of 00:00 Shanghai time on `dateString` ('YYYY-MM-DD'). */
export function startOfShanghaiDay(dateString: string): Date {
  assertDateString(dateString, 'startOfShanghaiDay');
  return new Date(Date.parse(`${dateString}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/**
 * Returns the date `days` calendar days after `dateString` (negative goes back).
 * Unchecked: callers pass dates produced by this module.
 */
export function addCalendarDays(dateString: string, days: number): string {
  return new Date(Date.parse(`${dateString}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Returns the day of the week of `dateString`: 0 = Sunday … 6 = Saturday. Unchecked. */
export function getWeekday(dateString: string): number {
  return new Date(`${dateString}T00:00:00Z`).getUTCDay();
}
