/**
 * Units a time limit can be counted in. MINUTES and HOURS are natural (wall-clock) time —
 * command centres are staffed around the clock — while WORKING_DAYS follow the holiday calendar.
 */
export const TIME_UNITS = ['MINUTES', 'HOURS', 'WORKING_DAYS'] as const;

/** One of {@link TIME_UNITS}. */
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A time limit such as "30 minutes" or "5 working days"; `amount` is a non-negative integer. */
export type TimeLimit = {
  readonly amount: number;
  readonly unit: TimeUnit;
};

/** Returns true when `value` is one of {@link TIME_UNITS}. */
export function isTimeUnit(value: unknown): value is TimeUnit {
  return typeof value === 'string' && (TIME_UNITS as readonly string[]).includes(value);
}

/** Returns true when `value` is a valid limit amount: a non-negative safe integer. */
export function isLimitAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
