/**
 * Duplicate suggestions (并案) at city scale: 1,000,000 open cases over the seeded city's real
 * cells, then GET /api/cases/duplicates (the product: HTTP, the case policy, Prisma on the
 * (categoryCode, lat) index, haversine, photos) at points near existing cases, beside:
 * - raw SQL: the same box query on better-sqlite3, no Prisma, no HTTP;
 * - raw spatial index: one Flatbush per category over every open case, in memory (what a
 *   dedicated index would give), box query + haversine.
 * Every API answer (admin: sees every case) is checked against the raw spatial index's.
 *
 *   node --import tsx bench/duplicates.ts          (BENCH_DUPLICATES_CASES=100000 for a quick run)
 *
 * Writes bench/results/duplicates.{json,md}. Target: suggestions p95 ≤ 300 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';
import type FlatbushType from '../shared/node_modules/flatbush';
import { OPEN_STATES } from '../shared/src/domain/constants';
import { boxAround, duplicateRadius, metresBetween } from '../shared/src/domain/duplicates';
import { createRandom } from '../shared/src/random';
import { seedDatabase } from './lib/child';
import { fmtMs, fmtX, markdownTable, type Row, textTable } from './lib/report';
import { openRaw, type RawDatabase } from './lib/sqlite';
import { summarize } from './lib/stats';

// Flatbush is a dependency of @wangge/shared (the grid index), not of the root package.
const flatbush = createRequire(new URL('../shared/package.json', import.meta.url))('flatbush') as {
  default?: typeof FlatbushType;
};
const Flatbush = (flatbush.default ?? flatbush) as typeof FlatbushType;

const N = Number(process.env.BENCH_DUPLICATES_CASES ?? 1_000_000);
const QUERIES = 400;
const LIMIT = 5;
const TARGET_P95_MS = 300;
const NOW = Date.parse('2026-12-01T02:00:00Z');
const toDb = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

interface Point {
  lon: number;
  lat: number;
}

/** Writes N open cases, each near a random cell's centroid, in a random sub-category. */
function generate(db: RawDatabase): string[] {
  const grids = db
    .prepare('SELECT code, villageCode, townshipCode, countyCode, centroidLon, centroidLat FROM "Grid"')
    .all() as {
    code: string;
    villageCode: string;
    townshipCode: string;
    countyCode: string;
    centroidLon: number;
    centroidLat: number;
  }[];
  const categories = (
    db.prepare(`SELECT code FROM "Category" WHERE length(code) = 4`).all() as { code: string }[]
  ).map((c) => c.code);
  const reporter = (db.prepare(`SELECT id FROM "User" WHERE username = 'hotline'`).get() as { id: string })
    .id;
  const insert = db.prepare(
    `INSERT INTO "Case" (id, code, title, description, categoryCode, source, priority, state, ownerLevel, ownerUnitCode,
      gridCode, villageCode, townshipCode, countyCode, isUrban, lon, lat, reporterId, reworkCount, extensionDays, version,
      alarmLevel, createdAt, updatedAt)
     VALUES (?, ?, '并案基准', '并案基准测试案件', ?, 'GRID_WORKER', 'NORMAL', ?, 'TOWNSHIP', ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, 0, 1, 'NONE', ?, ?)`,
  );
  const random = createRandom(11);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const g = grids[Math.floor(random() * grids.length)]!;
      const at = toDb(NOW - Math.floor(random() * 90 * 86_400_000));
      insert.run(
        randomUUID(),
        `B-${i}`,
        categories[Math.floor(random() * categories.length)]!,
        OPEN_STATES[Math.floor(random() * OPEN_STATES.length)]!,
        g.townshipCode,
        g.code,
        g.villageCode,
        g.townshipCode,
        g.countyCode,
        g.centroidLon + (random() - 0.5) * 0.01,
        g.centroidLat + (random() - 0.5) * 0.008,
        reporter,
        at,
        at,
      );
    }
  });
  for (let i = 0; i < N; i += 50_000) batch(i, Math.min(N, i + 50_000));
  db.exec('ANALYZE');
  return categories;
}

interface OpenCase extends Point {
  id: string;
}

/** The raw spatial-index baseline: one Flatbush per category over the open cases. */
function buildIndex(db: RawDatabase) {
  const rows = db
    .prepare(`SELECT id, categoryCode, lon, lat FROM "Case" WHERE state IN (${OPEN})`)
    .all() as (OpenCase & { categoryCode: string })[];
  const byCategory = new Map<string, OpenCase[]>();
  for (const r of rows) {
    const list = byCategory.get(r.categoryCode) ?? [];
    list.push(r);
    byCategory.set(r.categoryCode, list);
  }
  const indexes = new Map<string, { index: FlatbushType; cases: OpenCase[] }>();
  for (const [code, cases] of byCategory) {
    const index = new Flatbush(cases.length);
    for (const c of cases) index.add(c.lon, c.lat, c.lon, c.lat);
    index.finish();
    indexes.set(code, { index, cases });
  }
  return (p: Point, categoryCode: string) => {
    const entry = indexes.get(categoryCode);
    if (!entry) return [];
    const r = duplicateRadius(categoryCode);
    const b = boxAround(p, r);
    return entry.index
      .search(b.west, b.south, b.east, b.north)
      .map((i) => ({ id: entry.cases[i]!.id, d: metresBetween(p, entry.cases[i]!) }))
      .filter((x) => x.d <= r)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, LIMIT)
      .map((x) => x.id);
  };
}

/** Query points: near random open cases (within ±60 m), so most queries find suggestions. */
function queryPoints(db: RawDatabase, categories: string[]) {
  const random = createRandom(7);
  const total = (db.prepare('SELECT COUNT(*) n FROM "Case"').get() as { n: number }).n;
  const pick = db.prepare('SELECT categoryCode, lon, lat FROM "Case" LIMIT 1 OFFSET ?');
  return Array.from({ length: QUERIES }, () => {
    const c = pick.get(Math.floor(random() * total)) as { categoryCode: string } & Point;
    return {
      lon: c.lon + (random() - 0.5) * 0.0012,
      lat: c.lat + (random() - 0.5) * 0.001,
      categoryCode: random() < 0.9 ? c.categoryCode : categories[Math.floor(random() * categories.length)]!,
    };
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-duplicates-'));
  const file = join(dir, 'bench.db');
  try {
    console.log(`seeding the city and writing ${N.toLocaleString('en')} open cases …`);
    await seedDatabase(file);
    const db = openRaw(file);
    const t0 = performance.now();
    const categories = generate(db);
    console.log(`  written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    const nearest = buildIndex(db);
    const indexMs = performance.now() - t1;
    const points = queryPoints(db, categories);

    // Raw spatial index.
    const rawIndexMs: number[] = [];
    const expected = points.map((q) => {
      const s = performance.now();
      const ids = nearest(q, q.categoryCode);
      rawIndexMs.push(performance.now() - s);
      return ids;
    });
    // Raw SQL: the box on the (categoryCode, lat) index, then the exact distance.
    const boxSql = db.prepare(
      `SELECT id, lon, lat FROM "Case" WHERE categoryCode = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND state IN (${OPEN}) LIMIT 500`,
    );
    const rawSqlMs = points.map((q) => {
      const s = performance.now();
      const b = boxAround(q, duplicateRadius(q.categoryCode));
      const rows = boxSql.all(q.categoryCode, b.south, b.north, b.west, b.east) as OpenCase[];
      rows
        .filter((r) => metresBetween(q, r) <= duplicateRadius(q.categoryCode))
        .sort((a, b) => metresBetween(q, a) - metresBetween(q, b));
      return performance.now() - s;
    });
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM "Case" WHERE categoryCode = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND state IN (${OPEN})`,
        )
        .all('0201', 36, 37, 115, 116) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('; ');
    db.close();

    // The product over HTTP.
    const config = loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' });
    const ctx = await createContext(config, createManualClock(new Date(NOW)), () => {});
    const server = createServer(createApp(ctx));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokenOf = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      return ((await res.json()) as { data: { token: string } }).data.token;
    };
    const ask = async (token: string, q: Point & { categoryCode: string }) => {
      const s = performance.now();
      const res = await fetch(
        `${base}/api/cases/duplicates?lon=${q.lon}&lat=${q.lat}&categoryCode=${q.categoryCode}&limit=${LIMIT}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = (await res.json()) as { data: { id: string }[] };
      if (res.status !== 200) throw new Error(`duplicates: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - s, ids: body.data.map((d) => d.id) };
    };
    const results: Record<string, { ms: number[]; found: number }> = {};
    let mismatches = 0;
    try {
      for (const username of ['admin', 'county.dispatcher', 'gridworker']) {
        const token = await tokenOf(username);
        for (const q of points.slice(0, 20)) await ask(token, q); // warm up
        const ms: number[] = [];
        let found = 0;
        for (const [i, q] of points.entries()) {
          const r = await ask(token, q);
          ms.push(r.ms);
          found += r.ids.length > 0 ? 1 : 0;
          if (username === 'admin' && JSON.stringify(r.ids) !== JSON.stringify(expected[i])) mismatches += 1;
        }
        results[username] = { ms, found };
      }
    } finally {
      server.close();
      await ctx.db.close();
    }

    const raw = summarize(rawSqlMs);
    const idx = summarize(rawIndexMs);
    const rows: Row[] = Object.entries(results).map(([username, r]) => {
      const s = summarize(r.ms);
      return {
        metric: `suggestions as ${username} p50 / p95 / p99 (ms), ${r.found}/${QUERIES} found some`,
        api: `${fmtMs(s.p50)} / ${fmtMs(s.p95)} / ${fmtMs(s.p99)}`,
        raw: `${fmtMs(raw.p50)} / ${fmtMs(raw.p95)} / ${fmtMs(raw.p99)}`,
        ratio: fmtX(s.p95 / raw.p95),
        target: `p95 ≤ ${TARGET_P95_MS}`,
        pass: s.p95 <= TARGET_P95_MS,
      };
    });
    rows.push(
      {
        metric: 'raw spatial index (Flatbush per category, in memory) p50 / p95 / p99 (ms)',
        api: '—',
        raw: `${fmtMs(idx.p50)} / ${fmtMs(idx.p95)} / ${fmtMs(idx.p99)} (built in ${fmtMs(indexMs)})`,
        ratio: '—',
        target: 'info',
        pass: null,
      },
      {
        metric: "API answers (admin) equal to the spatial index's",
        api: `${QUERIES - mismatches}/${QUERIES}`,
        raw: '—',
        ratio: '—',
        target: 'all',
        pass: mismatches === 0,
      },
    );
    console.log(
      `\nquery plan: ${plan}\nload average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    console.log(
      textTable(rows, ['metric', 'API (HTTP)', 'raw SQL (box + haversine)', 'ratio', 'target', 'pass/fail']),
    );
    const out = join(dirname(new URL(import.meta.url).pathname), 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'duplicates.json'),
      JSON.stringify(
        { at: new Date().toISOString(), n: N, plan, results, rawSqlMs: raw, rawIndexMs: idx, mismatches },
        null,
        1,
      ),
    );
    writeFileSync(
      join(out, 'duplicates.md'),
      `${markdownTable(rows, ['metric', 'API (HTTP)', 'raw SQL (box + haversine)', 'ratio', 'target', 'pass/fail'])}\n`,
    );
    if (rows.some((r) => r.pass === false)) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
