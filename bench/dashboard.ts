/**
 * The dashboard's reads at city scale, on the database bench/metrics.ts generates (1,000,000
 * cases over 2026): GET /api/metrics/{summary,trend,top-categories,hot-cells,units,alarms} and
 * GET /api/stats/grids (the headline), for the city, a county and a township, period November,
 * median of 5 warm requests after one cold; and that the headline's figures equal the summary's.
 *
 *   BENCH_METRICS_DB=/tmp/m.db pnpm bench:metrics     (generates and keeps the database)
 *   BENCH_METRICS_DB=/tmp/m.db pnpm bench:dashboard
 *
 * Writes bench/results/dashboard.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';

const FILE = process.env.BENCH_METRICS_DB;
const RUNS = 5;
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const SCOPES = [
  ['city', '371500000000'],
  ['county 371502000000', '371502000000'],
  ['township 371502001000', '371502001000'],
] as const;
const READS = ['summary', 'trend', 'top-categories', 'hot-cells', 'units', 'alarms'] as const;
const f0 = (ms: number) => `${ms.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!FILE) throw new Error('Set BENCH_METRICS_DB to the database bench/metrics.ts kept.');
  const clock = createManualClock(new Date('2026-12-01T02:00:00Z'));
  const config = loadConfig({ DATA_DIR: dirname(FILE), DATABASE_URL: `file:${FILE}`, SEED_DEMO: 'false' });
  const ctx = await createContext(config, clock, () => {});
  const server = createServer(createApp(ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const token = ((await login.json()) as { data: { token: string } }).data.token;
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { data: any };
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, data: body.data };
  };
  const rows: { scope: string; read: string; cold: number; median: number; runs: number[] }[] = [];
  const agree: Record<string, boolean> = {};
  const load = loadavg()[0]!;
  try {
    for (const [name, unit] of SCOPES) {
      const paths = [
        ...READS.map((r) => [r, `/api/metrics/${r}?unit=${unit}&${PERIOD}`] as const),
        ['stats/grids (headline)', `/api/stats/grids?unit=${unit}`] as const,
      ];
      for (const [read, path] of paths) {
        const cold = (await get(path)).ms;
        const runs: number[] = [];
        for (let i = 0; i < RUNS; i += 1) runs.push((await get(path)).ms);
        rows.push({ scope: name, read, cold, median: median(runs), runs });
        console.log(`${name} ${read}: cold ${f0(cold)}, median ${f0(median(runs))}`);
      }
      const [summary, stats] = [
        (await get(`/api/metrics/summary?unit=${unit}`)).data,
        (await get(`/api/stats/grids?unit=${unit}`)).data,
      ];
      agree[name] = ['reportedToday', 'closedToday', 'open', 'overdue'].every(
        (k) => summary[k] === stats.totals[k],
      );
    }
  } finally {
    server.close();
    await ctx.db.close();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${load.toFixed(1)} at start`;
  const lines = [
    '# Dashboard reads benchmark',
    '',
    `The database of bench/metrics.ts (${FILE}); period ${PERIOD.replace('&', ', ')}; median of ${RUNS} warm requests after one cold one. ${machine}.`,
    '',
    '| scope | read | cold | median (runs) |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scope} | ${r.read} | ${f0(r.cold)} | **${f0(r.median)}** (${r.runs.map(f0).join(', ')}) |`,
    ),
    '',
    `The headline's figures equal the summary's: ${Object.entries(agree)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  ];
  const out = join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'dashboard.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, rows, agree }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'dashboard.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

await main();
