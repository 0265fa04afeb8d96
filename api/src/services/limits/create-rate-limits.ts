import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/** One limit: `points` per `duration` seconds per key. */
export interface RateLimitSpec {
  points: number;
  duration: number;
}

/**
 * Named rate limits with rate-limiter-flexible (Open311's, the citizens' page's): with REDIS_URL
 * the counters live in Redis and span every node (memory stands in while Redis is unreachable);
 * otherwise in this process's memory. `consume[name](key)` counts one, or throws what `throttled`
 * makes of the seconds to wait (a 429 that tells the route its Retry-After).
 */
export function createRateLimits<K extends string>(
  options: { scope: string; redisUrl?: string | null; prefix?: string; log?: (line: string) => void },
  specs: Record<K, RateLimitSpec>,
  throttled: (retryAfterSec: number) => Error,
) {
  const prefix = `${options.prefix ?? 'wangge'}:${options.scope}`;
  let redis: Redis | null = null;
  const limiter = (name: string, { points, duration }: RateLimitSpec): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    if (!options.redisUrl) return memory;
    // Fail fast (no offline queue): a Redis outage falls back to memory instead of holding requests.
    redis ??= new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on(
      'error',
      (error: Error) => options.log?.(`redis ${options.scope} limiter: ${error.message}`),
    );
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const consume = {} as Record<K, (key: string) => Promise<void>>;
  for (const name of Object.keys(specs) as K[]) {
    const l = limiter(name, specs[name]);
    consume[name] = async (key: string) => {
      try {
        await l.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw throttled(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      }
    };
  }
  return {
    consume,
    async close() {
      const client = redis as Redis | null;
      redis = null;
      if (client) await client.quit().catch(() => client.disconnect());
    },
  };
}
