import { AppError } from '../../http/app-error';
import { createRateLimits } from '../limits/create-rate-limits';

/** A 429 that tells the route its Retry-After seconds. */
export class ThrottledCitizen extends AppError {
  constructor(readonly retryAfterSec: number) {
    super('RATE_LIMITED', `Too many requests from this address; retry in ${retryAfterSec} s.`);
  }
}

/**
 * The public citizens' page's limits per client address (docs/channels.md, "Citizens"): reports
 * per hour, photo uploads per hour, tracking reads per minute — in Redis with REDIS_URL.
 */
export function createCitizenLimits(options: {
  reportsPerHour: number;
  photosPerHour: number;
  readsPerMinute: number;
  redisUrl?: string | null;
  prefix?: string;
  log?: (line: string) => void;
}) {
  const { consume, close } = createRateLimits(
    { ...options, scope: 'citizen' },
    {
      report: { points: options.reportsPerHour, duration: 3600 },
      photo: { points: options.photosPerHour, duration: 3600 },
      read: { points: options.readsPerMinute, duration: 60 },
    },
    (seconds) => new ThrottledCitizen(seconds),
  );
  return {
    /** Counts one report from `address`, or throws a 429. */
    report: consume.report,
    /** Counts one photo upload from `address`, or throws a 429. */
    photo: consume.photo,
    /** Counts one public read (tracking page, categories) from `address`, or throws a 429. */
    read: consume.read,
    close,
  };
}
export type CitizenLimits = ReturnType<typeof createCitizenLimits>;
