import type { Summary } from './stats';

/**
 * Latencies in whole milliseconds (what `Date.now() - Date.parse(iso)` gives) as bucket counts:
 * exact percentiles, mergeable across load-generator processes, small over IPC whatever the
 * number of deliveries (1 M deliveries → at most a few hundred buckets).
 */
export interface MsHistogram {
  /** counts[i] = deliveries that took i ms (the last bucket also holds everything above). */
  counts: number[];
  /** Deliveries with a negative latency (clock went backwards): counted in bucket 0. */
  negative: number;
}

const MAX_MS = 120_000;

export const emptyHistogram = (): MsHistogram => ({ counts: [], negative: 0 });

export function addSample(h: MsHistogram, ms: number): void {
  if (ms < 0) h.negative += 1;
  const i = Math.min(MAX_MS, Math.max(0, Math.round(ms)));
  while (h.counts.length <= i) h.counts.push(0);
  h.counts[i]! += 1;
}

export function mergeHistograms(hs: readonly MsHistogram[]): MsHistogram {
  const out = emptyHistogram();
  for (const h of hs) {
    out.negative += h.negative;
    while (out.counts.length < h.counts.length) out.counts.push(0);
    h.counts.forEach((c, i) => {
      out.counts[i]! += c;
    });
  }
  return out;
}

/** Nearest-rank percentiles, as lib/stats.ts computes them over raw samples. */
export function summarizeHistogram(h: MsHistogram): Summary {
  const count = h.counts.reduce((s, c) => s + c, 0);
  if (count === 0)
    return { count: 0, mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const at = (p: number) => {
    const rank = Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
    let seen = 0;
    for (let i = 0; i < h.counts.length; i++) {
      seen += h.counts[i]!;
      if (seen >= rank) return i;
    }
    return h.counts.length - 1;
  };
  let sum = 0;
  let max = 0;
  h.counts.forEach((c, i) => {
    sum += c * i;
    if (c > 0) max = i;
  });
  return { count, mean: sum / count, p50: at(50), p95: at(95), p99: at(99), max };
}
