import { AppError } from '../../http/app-error';

/**
 * Slows password guessing: after `maxFailures` failures for one username within the window,
 * further attempts are refused with 429 until the window passes. In-memory, per process.
 */
export function createLoginThrottle(now: () => number, maxFailures = 10, windowMs = 5 * 60_000) {
  const failures = new Map<string, { count: number; since: number }>();
  return {
    check(username: string) {
      const entry = failures.get(username);
      if (entry && now() - entry.since > windowMs) failures.delete(username);
      else if (entry && entry.count >= maxFailures) {
        throw new AppError('RATE_LIMITED', 'Too many failed logins for this account; wait a few minutes.');
      }
    },
    fail(username: string) {
      const entry = failures.get(username) ?? { count: 0, since: now() };
      entry.count += 1;
      failures.set(username, entry);
    },
    succeed(username: string) {
      failures.delete(username);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
