import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../../http/app-error';

/** The sign-in limits (docs/security.md). Tests may pass smaller ones. */
export interface SignInLimits {
  /** Failed attempts per (username, address) before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it … */
  baseDelaySec: number;
  /** … up to this. */
  maxDelaySec: number;
  /** How long failures per (username, address) are remembered (from the first; reset by a success). */
  failureMemorySec: number;
  /** Failed attempts per address across all usernames within `ipWindowSec`. */
  ipFailures: number;
  ipWindowSec: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 5,
  baseDelaySec: 1,
  maxDelaySec: 15 * 60,
  failureMemorySec: 24 * 3600,
  ipFailures: 30,
  ipWindowSec: 10 * 60,
};

/** A 429 that also tells the route the Retry-After seconds. */
export class ThrottledError extends AppError {
  constructor(
    readonly retryAfterSec: number,
    scope: 'account' | 'address',
  ) {
    const wait = retryAfterSec >= 120 ? `${Math.ceil(retryAfterSec / 60)} 分钟` : `${retryAfterSec} 秒`;
    const waitEn = retryAfterSec >= 120 ? `${Math.ceil(retryAfterSec / 60)} minutes` : `${retryAfterSec} s`;
    super(
      'RATE_LIMITED',
      scope === 'account'
        ? `该账号从此地址登录失败次数过多，请 ${wait}后再试。Too many failed sign-ins for this account from this address; try again in ${waitEn}.`
        : `此地址登录失败次数过多，请 ${wait}后再试。Too many failed sign-ins from this address; try again in ${waitEn}.`,
    );
  }
}

/** One sign-in attempt that passed the throttle: report how it ended. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Slows password guessing without locking the owner out:
 * - per (username, client address): `freeFailures` failures go free, then each further
 *   attempt must wait `baseDelaySec`·2^k after the previous one (k = failures beyond the free
 *   ones), at most `maxDelaySec`; a success forgets them. Someone guessing from elsewhere
 *   does not delay the owner's own address.
 * - per client address across usernames: more than `ipFailures` failures in `ipWindowSec`
 *   and the address is refused until the window ends.
 * Attempts are counted before the password is checked (a parallel burst counts in full) and
 * handed back on success, so only failures remain counted. With REDIS_URL the counters live in
 * Redis and span every node (an in-memory limiter stands in while Redis is unreachable);
 * otherwise in this process's memory, where expired keys are dropped by the library's timers.
 */
export function createLoginThrottle(
  options: {
    redisUrl?: string | null;
    prefix?: string;
    limits?: Partial<SignInLimits>;
    log?: (line: string) => void;
  } = {},
) {
  const limits = { ...SIGN_IN_LIMITS, ...options.limits };
  const prefix = `${options.prefix ?? 'wangge'}:signin`;
  // Its own connection: fail fast (no offline queue) so a Redis outage falls back to memory
  // instead of holding sign-ins; the Socket.IO adapter's clients queue and retry forever.
  let redis: Redis | null = null;
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    if (!options.redisUrl) return memory;
    if (!redis) {
      redis = new Redis(options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        lazyConnect: false,
      });
      redis.on('error', (error: Error) => options.log?.(`redis sign-in limiter: ${error.message}`));
    }
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  // Failures per (username, address): a counter that never refuses by itself …
  const failures = limiter('pair', 1_000_000, limits.failureMemorySec);
  // … and a gate: one attempt per delay once the free failures are used up.
  const gate = limiter('gate', 1, limits.maxDelaySec);
  const byAddress = limiter('ip', limits.ipFailures, limits.ipWindowSec);

  const delaySec = (failuresSoFar: number) =>
    Math.min(
      limits.maxDelaySec,
      limits.baseDelaySec * 2 ** Math.min(30, failuresSoFar - limits.freeFailures),
    );

  const rejected = (error: unknown): RateLimiterRes => {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  };

  return {
    limits,
    /** Counts an attempt by `username` from `address`, or throws ThrottledError (429). */
    async attempt(username: string, address: string): Promise<SignInAttempt> {
      const pair = `${username.toLowerCase()}|${address}`;
      try {
        await byAddress.consume(address);
      } catch (error) {
        throw new ThrottledError(secondsOf(rejected(error).msBeforeNext), 'address');
      }
      // n = this attempt's number since the last success (this one included).
      const n = (await failures.consume(pair).catch(rejected)).consumedPoints;
      if (n >= limits.freeFailures) {
        // Passing the gate closes it for the next delay (the previous attempt's gate must be over).
        try {
          await gate.consume(pair, 1, { customDuration: delaySec(n) });
        } catch (error) {
          const res = rejected(error);
          // Refused before any password check: not a failure.
          await Promise.all([failures.reward(pair), byAddress.reward(address)]);
          throw new ThrottledError(secondsOf(res.msBeforeNext), 'account');
        }
      }
      return {
        async succeeded() {
          await Promise.all([failures.delete(pair), gate.delete(pair), byAddress.reward(address)]);
        },
      };
    },
    async close() {
      const client = redis as Redis | null;
      redis = null;
      if (client) await client.quit().catch(() => client.disconnect());
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
