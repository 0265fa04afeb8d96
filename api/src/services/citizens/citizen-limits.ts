import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../../http/app-error';

/** A 429 that tells the route its Retry-After seconds. */
export class ThrottledCitizen extends AppError {
  constructor(readonly retryAfterSec: number) {
    super('RATE_LIMITED', `Too many requests from this address; retry in ${retryAfterSec} s.`);
  }
}

/**
 * The public citizens' page's limits per client address (docs/channels.md, "Citizens"), with
 * rate-limiter-flexible like Open311's and the sign-in throttle: reports per hour, photo uploads
 * per hour, tracking reads per minute. With REDIS_URL the counters live in Redis and span every
 * node (memory stands in while Redis is unreachable); otherwise in this process's memory.
 */
export function createCitizenLimits(options: {
  reportsPerHour: number;
  photosPerHour: number;
  readsPerMinute: number;
  redisUrl?: string | null;
  prefix?: string;
  log?: (line: string) => void;
}) {
  const prefix = `${options.prefix ?? 'wangge'}:citizen`;
  let redis: Redis | null = null;
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    if (!options.redisUrl) return memory;
    // Fail fast (no offline queue): a Redis outage falls back to memory instead of holding requests.
    redis ??= new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on(
      'error',
      (error: Error) => options.log?.(`redis citizen limiter: ${error.message}`),
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
  const reports = limiter('report', options.reportsPerHour, 3600);
  const photos = limiter('photo', options.photosPerHour, 3600);
  const reads = limiter('read', options.readsPerMinute, 60);
  const take = async (l: RateLimiterAbstract, key: string) => {
    try {
      await l.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new ThrottledCitizen(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    }
  };
  return {
    /** Counts one report from `address`, or throws a 429. */
    report: (address: string) => take(reports, address),
    /** Counts one photo upload from `address`, or throws a 429. */
    photo: (address: string) => take(photos, address),
    /** Counts one public read (tracking page, categories) from `address`, or throws a 429. */
    read: (address: string) => take(reads, address),
    async close() {
      const client = redis as Redis | null;
      redis = null;
      if (client) await client.quit().catch(() => client.disconnect());
    },
  };
}
export type CitizenLimits = ReturnType<typeof createCitizenLimits>;
