import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginAs } from '../support/api-client';
import { cloneTemplate } from '../support/test-database';

const API_DIR = fileURLToPath(new URL('../../api/', import.meta.url));

/**
 * The compiled API (api/scripts/build.mjs, what `pnpm start` runs) as a child process with no
 * TypeScript loader, on a copy of the test template database (SQLite, or PostgreSQL with
 * TEST_POSTGRES_URL): migrations and the generated Prisma client work from the bundle, and a
 * grid import runs in the compiled worker (api/dist/…/grid-import-worker.js).
 */
describe('production build (node api/dist/main.js)', () => {
  const outDir = join(API_DIR, 'dist', `test-${randomUUID().slice(0, 8)}`);
  let server: ChildProcess;
  let baseUrl: string;
  const logs: string[] = [];

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [join(API_DIR, 'scripts/build.mjs'), outDir]);
    const dir = mkdtempSync(join(inject('runDir'), 'build-'));
    const databaseUrl = await cloneTemplate(inject('template'), dir);
    server = spawn(process.execPath, ['--enable-source-maps', join(outDir, 'main.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        SEED_DEMO: 'false',
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      const onLine = (chunk: Buffer) => {
        logs.push(chunk.toString());
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(logs.join(''));
        if (m) resolve(m[1]!);
      };
      server.stdout!.on('data', onLine);
      server.stderr!.on('data', onLine);
      server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${logs.join('')}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is plain JavaScript: no tsx, TypeScript sources bundled, node_modules left external', async () => {
    const { readFile } = await import('node:fs/promises');
    const main = await readFile(join(outDir, 'main.js'), 'utf8');
    expect(main).not.toMatch(/from ["']tsx/);
    expect(main).not.toMatch(/from ["']@wangge\/shared/);
    expect(main).toMatch(/from ["']express["']/);
    expect(main).toMatch(/from ["']better-sqlite3["']/);
  });

  it('answers health, a sign-in, a report and its read', async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).data).toMatchObject({ status: 'ok', database: true });

    const worker = await loginAs(baseUrl, 'gridworker');
    const cell = worker.user.gridCodes[0] as string;
    const located = await worker.get(`/api/grids/${cell}`);
    expect(located.status).toBe(200);
    const { centroidLon: lon, centroidLat: lat } = located.body.data;
    const created = await worker.post(
      '/api/cases',
      { categoryCode: '0201', description: '早市摊贩占用人行道经营', location: { lon, lat } },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await worker.get(`/api/cases/${created.body.data.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.gridCode).toBe(cell);
  });

  it('imports grid cells through the compiled worker thread', async () => {
    const admin = await loginAs(baseUrl, 'admin');
    // A village of 冠县 371525 (no grid team there): its first cell's centroid ± 0.0005°.
    const county = await admin.get('/api/grids?unit=371525000000');
    expect(county.status).toBe(200);
    const first = county.body.features[0];
    const village: string = first.properties.villageCode;
    const [lon, lat] = first.properties.centroid as [number, number];
    const d = 0.0005;
    const ring = [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ];
    const feature = (r: number[][]) => ({
      type: 'Feature',
      properties: { code: `${village}001`, name: '真实网格' },
      geometry: { type: 'Polygon', coordinates: [r] },
    });
    // A bow-tie (its edges cross, the two halves cancel out) is refused; a clockwise ring would only be rewound.
    const bowTie = [ring[0], ring[2], ring[1], ring[3], ring[0]] as number[][];
    const refused = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [feature(bowTie)],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toMatch(/zero area/i);

    const imported = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [feature(ring)],
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const cells = await admin.get(`/api/grids?unit=${village}`);
    expect(cells.body.features.map((f: { id: string }) => f.id)).toEqual([`${village}001`]);
    expect(cells.body.features[0].properties.isSynthetic).toBe(false);
  });
});
