import { ThrottledOpen311 } from '../../http/open311-answer';
import { createRateLimits } from '../limits/create-rate-limits';

/**
 * Open311's rate limits (docs/channels.md): new requests per api_key per hour, public reads per
 * client address per minute — in Redis with REDIS_URL.
 */
export function createOpen311Limits(options: {
  postsPerHour: number;
  readsPerMinute: number;
  redisUrl?: string | null;
  prefix?: string;
  log?: (line: string) => void;
}) {
  const { consume, close } = createRateLimits(
    { ...options, scope: 'open311' },
    {
      post: { points: options.postsPerHour, duration: 3600 },
      read: { points: options.readsPerMinute, duration: 60 },
    },
    (seconds) => new ThrottledOpen311(seconds),
  );
  return {
    /** Counts one public read from `address`, or throws a 429. */
    read: consume.read,
    /** Counts one new request with the key `keyId`, or throws a 429. */
    post: consume.post,
    close,
  };
}
export type Open311Limits = ReturnType<typeof createOpen311Limits>;
