import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { isGridImportRunning } from '../../api/src/services/grids/import-grids';
import { apiClient } from '../support/api-client';
import { type ApiClient, type ApiResponse, startTestApp, type TestApp } from '../support/test-app';

// A grid import must not stall the node: parsing and checks run in a worker thread, the
// write in batches with yields. These tests watch /api/health while imports are in flight.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function square(lon: number, lat: number, size: number) {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

const feature = (code: string, ring: unknown, name = '真实网格') => ({
  type: 'Feature',
  properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

/**
 * Runs `during` while polling GET /api/health back to back; returns its result and the
 * slowest health answer (ms). Every health answer must be 200.
 */
async function watchHealth<T>(baseUrl: string, during: () => Promise<T>) {
  let done = false;
  let max = 0;
  let polls = 0;
  const statuses = new Set<number>();
  const poller = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/health`);
      await res.arrayBuffer();
      max = Math.max(max, performance.now() - t0);
      statuses.add(res.status);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await during(), maxMs: () => max, polls: () => polls, statuses };
  } finally {
    done = true;
    await poller;
  }
}

describe('grid imports do not stall the node', () => {
  let app: TestApp;
  let admin: ApiClient;
  let village: string;
  let origin: { lon: number; lat: number };
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
    const cell = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: { startsWith: '371522' } },
      orderBy: { code: 'asc' },
    });
    village = cell.villageCode;
    origin = { lon: cell.minLon, lat: cell.minLat };
  });
  afterAll(() => app.close());

  it('answers health in under a second while 2,000 stacked cells are refused, listing the first 200', async () => {
    // Every cell overlaps every other: 2 million candidate pairs, ~400 kB.
    const features = Array.from({ length: 2000 }, (_, k) =>
      feature(
        `${village}${String((k % 999) + 1).padStart(3, '0')}`,
        square(origin.lon + (k % 7) * 1e-5, origin.lat + (k % 5) * 1e-5, 0.004),
      ),
    );
    const watch = await watchHealth(app.baseUrl, () =>
      admin.post('/api/admin/grids/import', collection(features)),
    );
    const res = watch.result;
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const details: { path: string; message: string }[] = res.body.error.details;
    expect(details.length).toBeLessThanOrEqual(201);
    expect(details.some((d) => /cell overlaps/.test(d.message))).toBe(true);
    expect(details.at(-1)?.message).toMatch(/^…and \d+ more problems/);
    expect([...watch.statuses]).toEqual([200]);
    expect(watch.polls()).toBeGreaterThan(0);
    expect(watch.maxMs()).toBeLessThan(1000);
  });

  it('answers health in under a second while thousands of valid cells are imported, and a second import gets 409', async () => {
    // The cells of the county's first villages (~2,800 cells of ~900 villages), re-imported as
    // they are: valid, tiling, and covering cells with grid teams.
    const grids = await app.ctx.db.read.grid.findMany({
      where: { villageCode: { startsWith: village.slice(0, 6) } },
      orderBy: { code: 'asc' },
      select: { code: true, villageCode: true, name: true, geometry: true },
    });
    const villages: string[] = [];
    let count = 0;
    for (const g of grids) {
      if (villages.at(-1) === g.villageCode) continue;
      if (count >= 3000) break;
      villages.push(g.villageCode);
      count += grids.filter((x) => x.villageCode === g.villageCode).length;
    }
    const chosen = new Set(villages);
    const cells = grids.filter((g) => chosen.has(g.villageCode));
    expect(cells.length).toBeGreaterThanOrEqual(1000);
    // Renamed, so every cell is replaced (an unchanged cell is not written at all).
    const features = cells.map((g) => ({
      type: 'Feature',
      properties: { code: g.code, name: `${g.name}（实测）` },
      geometry: JSON.parse(g.geometry),
    }));
    const watch = await watchHealth(app.baseUrl, async () => {
      const first = admin.post('/api/admin/grids/import', collection(features));
      while (!isGridImportRunning(app.ctx)) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await admin.post('/api/admin/grids/import', collection([]));
      return { first: await first, second };
    });
    expect(watch.result.second.status).toBe(409);
    expect(watch.result.second.body.error.code).toBe('INVALID_STATE');
    expect(watch.result.first.status).toBe(200);
    expect(watch.result.first.body.data).toMatchObject({
      imported: cells.length,
      villages: villages.length,
      cells: { added: 0, replaced: cells.length, unchanged: 0, removed: 0 },
    });
    expect([...watch.statuses]).toEqual([200]);
    expect(watch.maxMs()).toBeLessThan(1000);
    const real = await app.ctx.db.read.grid.count({
      where: { villageCode: { in: villages }, isSynthetic: false },
    });
    expect(real).toBe(cells.length);
    // The lock is released: the next import runs.
    expect((await admin.post('/api/admin/grids/import', collection([]))).status).toBe(200);
  });

  it('keeps serving while the whole city (every cell, all replaced) is imported in one file', async () => {
    const res = await admin.get('/api/grids/export');
    expect(res.status).toBe(200);
    const city = res.body as { features: { properties: { name: string } }[] };
    const total = await app.ctx.db.read.grid.count();
    expect(city.features).toHaveLength(total);
    for (const f of city.features) f.properties.name = `${f.properties.name}（实测）`;
    // Serialised before the watch: the test's own JSON.stringify of 8 MB is not the node's stall.
    const body = JSON.stringify(city);
    // Event-loop stalls: gaps of a 10 ms ticker. Compared with the same ticker's gaps on this
    // machine just before (a shared 2-core box stalls now and then by itself; at a load
    // average of 14 a 70 ms step takes 500 ms), so the test catches the import holding the loop
    // (the write as one transaction without yields held it for the whole ~8 s write), not the
    // machine's noise.
    const tick = (gaps: number[]) => {
      let last = performance.now();
      return setInterval(() => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }, 10);
    };
    const idle: number[] = [];
    const idleTicker = tick(idle);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    clearInterval(idleTicker);
    const gaps: number[] = [];
    const ticker = tick(gaps);
    let watch: Awaited<ReturnType<typeof watchHealth<ApiResponse>>>;
    try {
      watch = await watchHealth(app.baseUrl, () =>
        admin.send<any>('POST', '/api/admin/grids/import', {
          body,
          headers: { 'content-type': 'application/json' },
        }),
      );
    } finally {
      clearInterval(ticker);
    }
    expect(watch.result.status, JSON.stringify(watch.result.body).slice(0, 500)).toBe(200);
    expect(watch.result.body.data.cells).toEqual({ added: 0, replaced: total, unchanged: 0, removed: 0 });
    expect(await app.ctx.db.read.grid.count({ where: { isSynthetic: false } })).toBe(total);
    const stalls = gaps.filter((g) => g > 200);
    const longest = Math.max(...gaps);
    const idleLongest = Math.max(...idle);
    console.log(
      `city import: ${total} cells, ${gaps.length} ticks, ${stalls.length} stalls > 200 ms, longest ${Math.round(longest)} ms (idle baseline ${Math.round(idleLongest)} ms), ${watch.polls()} health answers, slowest ${Math.round(watch.maxMs())} ms`,
    );
    expect([...watch.statuses]).toEqual([200]);
    expect(watch.polls()).toBeGreaterThan(10);
    expect(longest).toBeLessThan(Math.max(2000, 8 * idleLongest));
    expect(stalls.length).toBeLessThan(gaps.length / 20);
  }, 300_000);

  it('answers 413 naming the limit for a body over GRID_IMPORT_MAX_MB', async () => {
    // A second server on the same context with a 1 MB limit (the default is 50 MB).
    const server = createServer(
      createApp({ ...app.ctx, config: { ...app.ctx.config, gridImportMaxBytes: 2 ** 20 } }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const small = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, admin.token);
      const features = Array.from({ length: 6000 }, (_, k) =>
        feature(`${village}${String((k % 999) + 1).padStart(3, '0')}`, square(origin.lon, origin.lat, 0.001)),
      );
      const res = await small.post('/api/admin/grids/import', collection(features));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.error.message).toMatch(/1 MB \(GRID_IMPORT_MAX_MB\)/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 400, not 500, for a 200,000-level nested body and for malformed JSON', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const body = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"${village}001","name":"x"},"geometry":{"type":"Polygon","coordinates":[[${deep}]]}}]}`;
    const res = await admin.send('POST', '/api/admin/grids/import', {
      body,
      headers: { 'content-type': 'application/geo+json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/nests deeper than 64 levels/);
    const bad = await admin.send('POST', '/api/admin/grids/import', {
      body: '{"type":"FeatureCollection",',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].message).toMatch(/malformed JSON/);
  });

  it('answers 400 for too many positions in one cell', async () => {
    const ring = Array.from({ length: 20_001 }, (_, k) => {
      const a = (2 * Math.PI * k) / 20_000;
      return [origin.lon + 0.002 + 0.001 * Math.cos(a), origin.lat + 0.002 + 0.001 * Math.sin(a)];
    });
    const res = await admin.post('/api/admin/grids/import', collection([feature(`${village}001`, ring)]));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/20001 positions; at most 10000 per cell/);
  });

  it('the CLI uses the same checks and prints problems without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grids-cli-'));
    const file = join(dir, 'cells.geojson');
    const open = square(origin.lon, origin.lat, 0.002).slice(0, 4);
    writeFileSync(
      file,
      JSON.stringify(
        collection([
          feature(`${village}001`, open),
          feature(`${village}002`, square(origin.lon + 0.01, origin.lat, 0.004)),
          feature(`${village}003`, square(origin.lon + 0.011, origin.lat + 0.001, 0.004)),
        ]),
      ),
    );
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'api/src/cli/import-grids.ts', ...args],
          {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: app.databaseUrl, DATA_DIR: dir, SEED_DEMO: 'false' },
          },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const refused = await run(file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The grid file was refused/);
    expect(refused.stderr).toMatch(/ring is not closed/);
    expect(refused.stderr).toMatch(/cell overlaps/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    // A valid file: one village's cells as they are.
    const own = await app.ctx.db.read.grid.findMany({
      where: { villageCode: village },
      orderBy: { code: 'asc' },
    });
    const valid = join(dir, 'valid.geojson');
    writeFileSync(
      valid,
      JSON.stringify(
        collection(
          own.map((g) => ({
            type: 'Feature',
            properties: { code: g.code, name: g.name },
            geometry: JSON.parse(g.geometry),
          })),
        ),
      ),
    );
    const dry = await run('--dry-run', valid);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`dry run: would import ${own.length} cells for 1 villages`);
    expect(dry.stdout).toContain(`0 added, 0 replaced, ${own.length} unchanged, 0 removed`);
    expect(dry.stdout).toContain('nothing was written (--dry-run)');
    expect(dry.code).toBe(0);
    const imported = await run(valid);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(`imported ${own.length} cells for 1 villages`);
    expect(imported.code).toBe(0);
    const usage = await run('--force', valid);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: pnpm grids:import \[--dry-run\]/);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
    const missing = await run(join(dir, 'none.geojson'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
