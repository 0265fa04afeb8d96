import { AppError } from '../../http/app-error';

/**
 * Slows password guessing: after `maxFailures` failures for one username within the window,
 * further attempts are refused with 429 until the window passes. In-memory, per process.
 */
export function createLoginThrottle(now: () => number, maxFailures = 10, windowMs = 5 * 60_000) {
  const failures = new Map<string, { count: number; since: number }>();
  return {
    /**
     * Counts an attempt before the password is checked (so a burst of parallel guesses is
     * counted too) and refuses once the account has used up its attempts in the window.
     */
    attempt(username: string) {
      let entry = failures.get(username);
      if (entry && now() - entry.since > windowMs) entry = undefined;
      if (entry && entry.count >= maxFailures) {
        throw new AppError('RATE_LIMITED', 'Too many failed logins for this account; wait a few minutes.');
      }
      failures.set(username, { count: (entry?.count ?? 0) + 1, since: entry?.since ?? now() });
    },
    succeed(username: string) {
      failures.delete(username);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
