/** GeoReport v2's defaults for a request list: a span of 90 days, at most 1,000 requests. */
export const OPEN311_DEFAULT_DAYS = 90;
export const OPEN311_MAX_REQUESTS = 1000;
const DAY_MS = 24 * 3600_000;

/**
 * The window a GET requests (or servicerequestupdates) reads: as given; else 90 days starting
 * at start_date, or ending at end_date, or ending now.
 */
export function open311Window(
  q: { start_date?: string; end_date?: string },
  now: Date,
): { start: Date; end: Date } {
  const span = OPEN311_DEFAULT_DAYS * DAY_MS;
  const start = q.start_date ? new Date(q.start_date) : null;
  const end = q.end_date ? new Date(q.end_date) : null;
  if (start && end) return { start, end };
  if (start) return { start, end: new Date(start.getTime() + span) };
  const until = end ?? now;
  return { start: new Date(until.getTime() - span), end: until };
}
