import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const CITY = '371500000000';
const COUNTY = '371502000000'; // 东昌府区
const TOWNSHIP = '371502001000'; // 古楼街道 (township.dispatcher)
const TOWNSHIP2 = '371502002000'; // 柳园街道 (township2.dispatcher)

type Position = [number, number];

/** Twice the signed area of a ring in lon/lat (shoelace): positive when counter-clockwise. */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

describe('reference data: units, grids, categories, departments', () => {
  let app: TestApp;
  let u: Record<'admin' | 'township.dispatcher' | 'township2.dispatcher', ApiClient>;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'admin', 'township.dispatcher', 'township2.dispatcher');
  });
  afterAll(() => app.close());

  describe('GET /api/units/:code', () => {
    it('gives a township its own unit with the chain from the city and its villages', async () => {
      const res = await u['township.dispatcher'].get(`/api/units/${TOWNSHIP}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ code: TOWNSHIP, name: '古楼街道', level: 'TOWNSHIP' });
      expect(res.body.data.chain).toEqual([
        { code: CITY, name: '聊城市', level: 'CITY' },
        { code: COUNTY, name: '东昌府区', level: 'COUNTY' },
        { code: TOWNSHIP, name: '古楼街道', level: 'TOWNSHIP' },
      ]);
      const villages = await app.ctx.db.read.unit.findMany({
        where: { parentCode: TOWNSHIP },
        orderBy: { code: 'asc' },
      });
      expect(villages.length).toBeGreaterThan(0);
      expect(res.body.data.children.map((c: { code: string }) => c.code)).toEqual(
        villages.map((v) => v.code),
      );
      expect(res.body.data.children.every((c: { level: string }) => c.level === 'VILLAGE')).toBe(true);
    });

    it("shows a township its county but none of the county's other townships", async () => {
      const res = await u['township.dispatcher'].get(`/api/units/${COUNTY}`);
      expect(res.status).toBe(200);
      expect(res.body.data.children.map((c: { code: string }) => c.code)).toEqual([TOWNSHIP]);
    });

    it("answers 404 for a neighbouring township's unit and its villages", async () => {
      const res = await u['township.dispatcher'].get(`/api/units/${TOWNSHIP2}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such unit.' } });
      const village2 = await app.ctx.db.read.unit.findFirstOrThrow({ where: { parentCode: TOWNSHIP2 } });
      expect((await u['township.dispatcher'].get(`/api/units/${village2.code}`)).status).toBe(404);
    });

    it('answers 400 for a malformed code', async () => {
      const res = await u.admin.get('/api/units/37150');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['params.code']);
      expect((await u.admin.get('/api/units/3715020010ab')).status).toBe(400);
    });

    it('resolves the historical code of 茌平县 (371523) to 茌平区 (371503)', async () => {
      const res = await u.admin.get('/api/units/371523000000');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        code: '371503000000',
        name: '茌平区',
        level: 'COUNTY',
        aliasOf: { code: '371523000000', name: '茌平县', changedOn: '2019-06-27' },
      });
      expect(res.body.data.chain.map((c: { code: string }) => c.code)).toEqual([CITY, '371503000000']);
      // The alias does not open another county to a township.
      expect((await u['township.dispatcher'].get('/api/units/371523000000')).status).toBe(404);
    });
  });

  describe('GET /api/grids', () => {
    it('returns the cells as RFC 7946 GeoJSON with closed counter-clockwise [lon, lat] rings', async () => {
      const res = await u['township.dispatcher'].get(`/api/grids?unit=${TOWNSHIP}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json\b/);
      expect(res.body.type).toBe('FeatureCollection');
      const expected = await app.ctx.db.read.grid.count({ where: { townshipCode: TOWNSHIP } });
      expect(expected).toBeGreaterThan(0);
      expect(res.body.features).toHaveLength(expected);
      for (const f of res.body.features) {
        expect(f.type).toBe('Feature');
        expect(f.geometry.type).toBe('Polygon');
        const ring: Position[] = f.geometry.coordinates[0];
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring.at(-1)).toEqual(ring[0]);
        expect(signedArea2(ring)).toBeGreaterThan(0);
        // Liaocheng lies around 115.2–116.6 E, 35.8–37.0 N: longitude first.
        for (const [lon, lat] of ring) {
          expect(lon).toBeGreaterThan(115);
          expect(lon).toBeLessThan(117);
          expect(lat).toBeGreaterThan(35.5);
          expect(lat).toBeLessThan(37.5);
        }
        expect(f.properties.townshipCode).toBe(TOWNSHIP);
      }
    });

    it("gives a township asking for its county only its own township's cells", async () => {
      const res = await u['township.dispatcher'].get(`/api/grids?unit=${COUNTY}`);
      expect(res.status).toBe(200);
      const own = await app.ctx.db.read.grid.findMany({
        where: { townshipCode: TOWNSHIP },
        orderBy: { code: 'asc' },
      });
      expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(own.map((g) => g.code));
      const countyCells = await app.ctx.db.read.grid.count({ where: { countyCode: COUNTY } });
      expect(countyCells).toBeGreaterThan(own.length);
    });

    it('answers 404 for the other township, 400 for a malformed unit', async () => {
      const other = await u['township.dispatcher'].get(`/api/grids?unit=${TOWNSHIP2}`);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
      const bad = await u['township.dispatcher'].get('/api/grids?unit=3715');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.unit']);
    });
  });

  describe('GET /api/grids/locate', () => {
    it("resolves a cell's centroid to that cell (in the caller's jurisdiction)", async () => {
      const cell = await app.ctx.db.read.grid.findFirstOrThrow({
        where: { townshipCode: TOWNSHIP },
        orderBy: { code: 'desc' },
      });
      const { lon, lat } = await pointIn(app, cell.code);
      const res = await u['township.dispatcher'].get(`/api/grids/locate?lon=${lon}&lat=${lat}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        code: cell.code,
        name: cell.name,
        villageCode: cell.villageCode,
        townshipCode: TOWNSHIP,
      });
      expect(res.body.data.geometry).toBeUndefined();
    });

    it('answers 422 LOCATION_OUTSIDE_GRID for a point outside the city', async () => {
      const res = await u.admin.get('/api/grids/locate?lon=116.397&lat=39.909'); // Beijing
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('LOCATION_OUTSIDE_GRID');
    });

    it('answers 400 for non-numeric or missing coordinates, listing each', async () => {
      const res = await u.admin.get('/api/grids/locate?lon=abc&lat=36.4');
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.lon']);
      const both = await u.admin.get('/api/grids/locate');
      expect(both.status).toBe(400);
      expect(both.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'query.lon',
        'query.lat',
      ]);
      const outOfRange = await u.admin.get('/api/grids/locate?lon=200&lat=36.4');
      expect(outOfRange.status).toBe(400);
      // An empty value is not 0 (which would be a point in the Gulf of Guinea).
      const empty = await u.admin.get('/api/grids/locate?lon=&lat=36.4');
      expect(empty.status).toBe(400);
      expect(empty.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.lon']);
    });
  });

  it('lists active categories by code with their parents and limit overrides', async () => {
    const res = await u['township.dispatcher'].get('/api/categories');
    expect(res.status).toBe(200);
    const codes = res.body.data.map((c: { code: string }) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toHaveLength(await app.ctx.db.read.category.count({ where: { isActive: true } }));
    expect(res.body.data.find((c: { code: string }) => c.code === '0201')).toEqual({
      code: '0201',
      name: '占道经营',
      nameEn: 'Street vending on the road',
      parentCode: '02',
      departmentKind: 'CHENGGUAN',
      limits: null,
    });
    expect(res.body.data.find((c: { code: string }) => c.code === '04').limits).toMatchObject({
      REGISTER: { amount: 10, unit: 'MINUTES' },
    });
    for (const c of res.body.data)
      if (c.parentCode) expect(codes.indexOf(c.parentCode)).toBeLessThan(codes.indexOf(c.code));
  });

  it("lists a township's departments: its offices, its county's and the city's, no one else's", async () => {
    const res = await u['township.dispatcher'].get('/api/departments');
    expect(res.status).toBe(200);
    const ids: string[] = res.body.data.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['371502-CHENGGUAN', '371502-GONGAN', '3715-CHENGGUAN']));
    expect(ids).toEqual(expect.arrayContaining(['371502001-ZHIFA', '371502001-SHIWU']));
    expect(ids).not.toContain('371503-CHENGGUAN');
    expect(ids).not.toContain('371521-GONGAN');
    expect(ids).not.toContain('371502002-ZHIFA');
    const units = new Set(res.body.data.map((d: { unitCode: string }) => d.unitCode));
    expect([...units].sort()).toEqual([COUNTY, TOWNSHIP, CITY].sort());
    expect(res.body.data.find((d: { id: string }) => d.id === '371502-CHENGGUAN')).toEqual({
      id: '371502-CHENGGUAN',
      name: '东昌府区综合行政执法局',
      kind: 'CHENGGUAN',
      unitCode: COUNTY,
    });
  });

  it('answers an unknown route under /api with 404 in the error shape', async () => {
    const res = await u.admin.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } });
    expect((await u.admin.send('DELETE', '/api/categories')).status).toBe(404);
  });

  it('refuses every endpoint but login with 401 when no token is sent', async () => {
    const anon = app.anonymous();
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: [string, string][] = [
      ['GET', '/api/me'],
      ['POST', '/api/auth/logout'],
      ['GET', `/api/units/${CITY}`],
      ['GET', '/api/grids'],
      ['GET', '/api/grids/locate?lon=115.98&lat=36.45'],
      ['GET', '/api/grids/371502001001001'],
      ['POST', '/api/admin/grids/import'],
      ['GET', '/api/categories'],
      ['GET', '/api/departments'],
      ['GET', '/api/cases'],
      ['POST', '/api/cases'],
      ['GET', `/api/cases/${id}`],
      ['POST', `/api/cases/${id}/actions`],
      ['POST', '/api/attachments'],
      ['GET', `/api/attachments/${id}`],
      ['GET', '/api/no-such-thing'],
    ];
    for (const [method, path] of calls) {
      const res = await anon.send(method, path, {
        ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      });
      expect([method, path, res.status, res.body.error?.code]).toEqual([
        method,
        path,
        401,
        'UNAUTHENTICATED',
      ]);
    }
    // Login itself needs no token.
    expect((await anon.post('/api/auth/login', {})).status).toBe(400);
  });
});
