import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

// Two real-looking cells replacing the synthetic cells of one village. Squares of ~1 km,
// counter-clockwise [lon, lat] rings, placed over the village's current synthetic area.
function square(lon: number, lat: number, size = 0.002) {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

describe('importing real grid cells (POST /api/admin/grids/import)', () => {
  let app: TestApp;
  let village: string;
  let box: { minLon: number; minLat: number };
  beforeAll(async () => {
    app = await startTestApp();
    // A village with no grid team, so all its cells may be replaced.
    const cell = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: { startsWith: '371522' } },
      orderBy: { code: 'asc' },
    });
    village = cell.villageCode;
    box = { minLon: cell.minLon, minLat: cell.minLat };
  });
  afterAll(() => app.close());

  const feature = (code: string, ring: number[][], name = '真实网格') => ({
    type: 'Feature',
    properties: { code, name },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });

  it('refuses non-admins with 403 and anonymous callers with 401', async () => {
    const body = { type: 'FeatureCollection', features: [] };
    expect((await app.anonymous().post('/api/admin/grids/import', body)).status).toBe(401);
    const dispatcher = await app.as('city.dispatcher');
    expect((await dispatcher.post('/api/admin/grids/import', body)).status).toBe(403);
  });

  it('lists every problem and changes nothing when the file is invalid', async () => {
    const admin = await app.as('admin');
    const before = await app.ctx.db.read.grid.count();
    const open = square(box.minLon, box.minLat).slice(0, 4);
    const res = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [
        feature(`${village}001`, open),
        feature(`${village}002`, square(120, 30)),
        feature('999999999999001', square(box.minLon + 0.01, box.minLat)),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const messages = res.body.error.details.map((d: any) => d.message).join('\n');
    expect(messages).toMatch(/not closed/i);
    expect(messages).toMatch(/bounds|outside/i);
    expect(messages).toMatch(/village/i);
    expect(await app.ctx.db.read.grid.count()).toBe(before);
  });

  it('refuses cells overlapping real cells of other villages, naming both and the area', async () => {
    const admin = await app.as('admin');
    const other = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: { not: village, startsWith: '371522' } },
    });
    // The other village's cells become real (as they are, renamed).
    const theirs = await app.ctx.db.read.grid.findMany({ where: { villageCode: other.villageCode } });
    const made = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: theirs.map((g) => ({
        type: 'Feature',
        properties: { code: g.code, name: `${g.name}（实测）` },
        geometry: JSON.parse(g.geometry),
      })),
    });
    expect(made.status).toBe(200);
    const res = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [feature(`${village}001`, square(other.centroidLon - 0.001, other.centroidLat - 0.001))],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toMatch(
      new RegExp(`${village}001: overlaps existing cell ${other.code} by \\d+ m²`),
    );
  });

  it('replaces the village cells, marks them real, and locates points in them at once', async () => {
    const admin = await app.as('admin');
    // Place the new cells inside the village's current area, where no other village lies.
    const cells = await app.ctx.db.read.grid.findMany({
      where: { villageCode: village },
      orderBy: { code: 'asc' },
    });
    const c0 = cells[0]!;
    const size = Math.min(c0.maxLon - c0.minLon, c0.maxLat - c0.minLat) / 4;
    const lon = c0.centroidLon - size;
    const lat = c0.centroidLat - size;
    const res = await admin.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [
        feature(`${village}101`, square(lon, lat, size)),
        feature(`${village}102`, square(lon + size, lat, size)),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      dryRun: false,
      imported: 2,
      villages: 1,
      cells: { added: 2, replaced: 0, unchanged: 0, removed: cells.length },
    });
    const now = await app.ctx.db.read.grid.findMany({
      where: { villageCode: village },
      orderBy: { code: 'asc' },
    });
    expect(now.map((g) => [g.code, g.isSynthetic])).toEqual([
      [`${village}101`, false],
      [`${village}102`, false],
    ]);
    const located = await admin.get(`/api/grids/locate?lon=${lon + size * 1.5}&lat=${lat + size / 2}`);
    expect(located.body.data.code).toBe(`${village}102`);
  });
});
