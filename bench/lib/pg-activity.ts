import { performance } from 'node:perf_hooks';
import type { PgClient, PgPool } from './pg';

/**
 * Samples pg_stat_activity every `intervalMs` during a phase (one dedicated connection, not
 * counted): connections open and busy, and the lock waits of the two places where concurrent
 * report transactions serialize — the event-log advisory lock (`wait_event = 'advisory'`) and
 * the row lock of the day's case-code counter (`transactionid` / `tuple`: waiting for the
 * transaction that holds the row).
 *
 * A wait is identified by (pid, query_start) and its length is the longest `clock_timestamp() -
 * query_start` seen while it waited: a lower bound, short by up to one interval. Waits shorter
 * than the interval are mostly not seen at all; `waitPercentile` therefore needs the number of
 * lock acquisitions in the phase (every report takes each lock once) and says "< interval" when
 * the percentile falls among the unseen ones. Little's law gives the mean: mean waiters / rate.
 */
export interface ActivitySample {
  open: number;
  busy: number;
  advisory: number;
  row: number;
}

export interface ActivityResult {
  samples: number;
  intervalMs: number;
  /** Over the samples, connections other than the sampler's (all applications). */
  openMax: number;
  busyMax: number;
  busyMean: number;
  /** Connections by application_name at the last sample (API nodes: '' or 'node'; raw: bench-raw). */
  byApplication: Record<string, { open: number; busyMax: number }>;
  advisory: { meanWaiting: number; waits: number[] };
  row: { meanWaiting: number; waits: number[] };
}

interface Row {
  pid: number;
  app: string;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query_start: string | null;
  waited_ms: number | null;
}

export async function startActivitySampler(pool: PgPool, intervalMs = 10) {
  const client: PgClient = await pool.connect();
  let stopped = false;
  const t0 = performance.now();
  let samples = 0;
  let openMax = 0;
  let busyMax = 0;
  let busySum = 0;
  let advisorySum = 0;
  let rowSum = 0;
  const advisoryWaits = new Map<string, number>();
  const rowWaits = new Map<string, number>();
  const apps: Record<string, { open: number; busyMax: number }> = {};
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const { rows } = await client.query<Row>({
          name: 'bench-activity',
          text: `SELECT pid, coalesce(application_name, '') AS app, state, wait_event_type, wait_event,
                        query_start::text AS query_start,
                        extract(epoch FROM clock_timestamp() - query_start)::float8 * 1000 AS waited_ms
                   FROM pg_stat_activity
                  WHERE datname = current_database() AND pid <> pg_backend_pid()
                    AND backend_type = 'client backend'`,
        });
        samples += 1;
        let busy = 0;
        let advisory = 0;
        let row = 0;
        const seenApps: Record<string, { open: number; busy: number }> = {};
        for (const r of rows) {
          const isBusy = r.state !== null && r.state !== 'idle';
          if (isBusy) busy += 1;
          const a = seenApps[r.app] ?? { open: 0, busy: 0 };
          seenApps[r.app] = a;
          a.open += 1;
          if (isBusy) a.busy += 1;
          if (r.wait_event_type !== 'Lock') continue;
          const key = `${r.pid}@${r.query_start}`;
          const ms = r.waited_ms ?? 0;
          if (r.wait_event === 'advisory') {
            advisory += 1;
            advisoryWaits.set(key, Math.max(advisoryWaits.get(key) ?? 0, ms));
          } else if (r.wait_event === 'transactionid' || r.wait_event === 'tuple') {
            row += 1;
            rowWaits.set(key, Math.max(rowWaits.get(key) ?? 0, ms));
          }
        }
        openMax = Math.max(openMax, rows.length);
        busyMax = Math.max(busyMax, busy);
        busySum += busy;
        advisorySum += advisory;
        rowSum += row;
        for (const [app, v] of Object.entries(seenApps)) {
          const entry = apps[app] ?? { open: 0, busyMax: 0 };
          apps[app] = entry;
          entry.open = v.open;
          entry.busyMax = Math.max(entry.busyMax, v.busy);
        }
      } catch {
        if (stopped) break;
      }
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    async stop(): Promise<ActivityResult> {
      stopped = true;
      await loop;
      client.release();
      const n = Math.max(1, samples);
      return {
        samples,
        intervalMs: samples ? (performance.now() - t0) / samples : intervalMs,
        openMax,
        busyMax,
        busyMean: busySum / n,
        byApplication: apps,
        advisory: { meanWaiting: advisorySum / n, waits: [...advisoryWaits.values()] },
        row: { meanWaiting: rowSum / n, waits: [...rowWaits.values()] },
      };
    },
  };
}

/**
 * The p-th percentile (nearest rank) of the wait of `acquisitions` lock acquisitions, of which
 * only `observed` (the longer ones) were seen: NaN when it falls among the unseen (then it is
 * below about one sampling interval).
 */
export function waitPercentile(observed: readonly number[], acquisitions: number, p: number): number {
  if (acquisitions <= 0) return Number.NaN;
  const rankFromTop = acquisitions - Math.ceil((p / 100) * acquisitions) + 1; // 1 = the longest
  const sorted = [...observed].sort((a, b) => b - a);
  return rankFromTop <= sorted.length ? sorted[rankFromTop - 1]! : Number.NaN;
}
