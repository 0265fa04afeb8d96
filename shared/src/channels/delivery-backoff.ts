/**
 * How long to wait before attempt `attempt + 1` of a webhook delivery after `attempt` failures:
 * exponential (base × 2^(attempt−1)) up to `capMs`, with "equal jitter" — half the delay fixed,
 * half random — so many deliveries failing together (the receiver was down) do not all come back
 * in the same second, and none comes back sooner than half its step. `random` is in [0, 1).
 */
export function retryDelayMs(
  attempt: number,
  random: number,
  options: { baseMs?: number; capMs?: number } = {},
): number {
  const base = options.baseMs ?? 10_000;
  const cap = options.capMs ?? 3_600_000;
  const step = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1));
}
