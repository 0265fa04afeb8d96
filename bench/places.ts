/**
 * Place search (GET /api/places/search) over the seeded city (2,600 units, 11,343 cells, the
 * seeded gazetteer), then again after adding BENCH_PLACES (default 100,000) gazetteer names —
 * synthetic names at cell centroids, for timing only — through HTTP as the hotline (whole city).
 * Queries: real unit and cell names typed whole, their first two characters (a prefix hitting
 * many), and a middle part (contains).
 *
 *   node --import tsx bench/places.ts        (pnpm bench:places)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';
import { placeNameRows } from '../api/src/services/places/place-name-rows';
import { createRandom } from '../shared/src/random';
import { seedDatabase } from './lib/child';
import { summarize } from './lib/stats';

const N = Number(process.env.BENCH_PLACES ?? 100_000);
const QUERIES = 300;
const SUFFIXES = ['小区', '路', '大厦', '超市', '幼儿园', '卫生室', '广场', '公园'];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-places-'));
  const file = join(dir, 'bench.db');
  try {
    await seedDatabase(file);
    const config = loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' });
    const ctx = await createContext(config, createManualClock(new Date()), () => {});
    const server = createServer(createApp(ctx));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hotline', password: 'demo1234' }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const random = createRandom(14);
    const units = await ctx.db.read.unit.findMany({ select: { name: true } });
    const cells = await ctx.db.read.grid.findMany({
      select: { code: true, name: true, centroidLon: true, centroidLat: true },
    });
    const names = [...units.map((u) => u.name), ...cells.map((c) => c.name)];
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const name = names[Math.floor(random() * names.length)]!;
      return i % 3 === 0 ? name : i % 3 === 1 ? name.slice(0, 2) : name.slice(1, 3);
    });
    const run = async (label: string) => {
      const ms: number[] = [];
      let hits = 0;
      for (const [i, q] of [...queries.slice(0, 20), ...queries].entries()) {
        const s = performance.now();
        const url = `${base}/api/places/search?q=${encodeURIComponent(q)}&limit=10`;
        const init = { headers: { authorization: `Bearer ${token}` } };
        // A kept-alive socket the server closed while the names were written: retry once.
        const res = await fetch(url, init).catch(() => fetch(url, init));
        const body = (await res.json()) as { data: unknown[] };
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(body)}`);
        if (i >= 20) {
          ms.push(performance.now() - s);
          hits += body.data.length;
        }
      }
      const s = summarize(ms);
      console.log(
        `${label}: ${s.count} queries, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, ${(hits / s.count).toFixed(1)} hits/query`,
      );
    };
    await run(`seeded (${await ctx.db.read.placeName.count()} gazetteer names)`);
    const now = new Date();
    for (let from = 0; from < N; from += 5000) {
      const rows = Array.from({ length: Math.min(5000, N - from) }, (_, k) => {
        const c = cells[Math.floor(random() * cells.length)]!;
        const stem = c.name.replace(/第\d+网格$/, '').slice(0, 4);
        const name = `${stem}${from + k}${SUFFIXES[(from + k) % SUFFIXES.length]}`;
        return placeNameRows(
          {
            name,
            kind: 'OTHER',
            aliases: [],
            lon: c.centroidLon,
            lat: c.centroidLat,
            source: 'bench',
            gridCode: c.code,
          },
          now,
        );
      });
      await ctx.db.transaction(async (tx) => {
        await tx.placeName.createMany({ data: rows.map((r) => r.place) });
        await tx.placeNameKey.createMany({ data: rows.flatMap((r) => r.keys) });
      });
    }
    await ctx.db.write.$executeRawUnsafe('ANALYZE');
    await run(`with ${N.toLocaleString('en')} more gazetteer names`);
    server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
