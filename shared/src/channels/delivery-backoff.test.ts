import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery-backoff';

describe('retryDelayMs', () => {
  it('doubles per failure from the base, half of it jittered', () => {
    expect(retryDelayMs(1, 0)).toBe(5_000);
    expect(retryDelayMs(1, 0.999_999)).toBe(10_000);
    expect(retryDelayMs(2, 0)).toBe(10_000);
    expect(retryDelayMs(3, 0.5)).toBe(30_000);
    expect(retryDelayMs(4, 0, { baseMs: 1_000 })).toBe(4_000);
  });

  it('never exceeds the cap, however many failures', () => {
    for (const attempt of [10, 12, 20, 50, 1_000]) {
      expect(retryDelayMs(attempt, 0.999)).toBeLessThanOrEqual(3_600_000);
      expect(retryDelayMs(attempt, 0)).toBe(1_800_000);
    }
    expect(retryDelayMs(30, 1, { capMs: 60_000 })).toBe(60_000);
  });

  it('spreads deliveries that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => retryDelayMs(5, i / 50)));
    expect(delays.size).toBe(50);
  });
});
