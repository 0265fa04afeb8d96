import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { ThrottledOpen311 } from '../../http/open311-answer';

/**
 * Open311's rate limits (docs/channels.md), with rate-limiter-flexible like the sign-in
 * throttle: new requests per api_key per hour, public reads per client address per minute.
 * With REDIS_URL the counters live in Redis and span every node (memory stands in while Redis
 * is unreachable); otherwise in this process's memory.
 */
export function createOpen311Limits(options: {
  postsPerHour: number;
  readsPerMinute: number;
  redisUrl?: string | null;
  prefix?: string;
  log?: (line: string) => void;
}) {
  const prefix = `${options.prefix ?? 'wangge'}:open311`;
  let redis: Redis | null = null;
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    if (!options.redisUrl) return memory;
    // Fail fast (no offline queue): a Redis outage falls back to memory instead of holding requests.
    redis ??= new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on(
      'error',
      (error: Error) => options.log?.(`redis open311 limiter: ${error.message}`),
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
  const posts = limiter('post', options.postsPerHour, 3600);
  const reads = limiter('read', options.readsPerMinute, 60);
  const take = async (l: RateLimiterAbstract, key: string) => {
    try {
      await l.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new ThrottledOpen311(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    }
  };
  return {
    /** Counts one public read from `address`, or throws a 429. */
    read: (address: string) => take(reads, address),
    /** Counts one new request with the key `keyId`, or throws a 429. */
    post: (keyId: string) => take(posts, keyId),
    async close() {
      const client = redis as Redis | null;
      redis = null;
      if (client) await client.quit().catch(() => client.disconnect());
    },
  };
}
export type Open311Limits = ReturnType<typeof createOpen311Limits>;
