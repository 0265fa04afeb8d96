import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountyOutlines } from '../../prisma/seed/seed-reference';
import { pointInPolygons, polygonsBBox } from '../../shared/src/geo/shape';
import { createRandom } from '../../shared/src/random';
import { startTestApp, type TestApp } from '../support/test-app';

/** The seats as the outlines' source (AMap, GCJ-02) gives them; the issue's 东昌府区 seat is the first. */
const seats = JSON.parse(
  readFileSync(new URL('../../prisma/seed-data/liaocheng-counties.geojson', import.meta.url), 'utf8'),
).features.map(
  (f: { properties: { code: string; name: string; seat: number[]; seatGcj02: number[] } }) => f.properties,
);

describe('the seeded cells lie on 聊城市’s real geography (GET /api/grids/locate)', {
  timeout: 120_000,
}, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('resolves the 8 county seats to cells of their own counties, in WGS-84 and in GCJ-02', async () => {
    const admin = await app.as('admin');
    expect(seats.map((s: { code: string }) => s.code)).toHaveLength(8);
    expect(seats[0].seatGcj02).toEqual([115.988349, 36.434669]);
    for (const { code, name, seat, seatGcj02 } of seats) {
      for (const [lon, lat] of [seat, seatGcj02]) {
        const res = await admin.get(`/api/grids/locate?lon=${lon}&lat=${lat}`);
        expect(res.status, `${name} ${lon},${lat}`).toBe(200);
        expect(res.body.data.countyCode, name).toBe(code);
      }
    }
  });

  it('resolves 1,000 random points inside the real city outline to a cell of the county that contains them', async () => {
    const admin = await app.as('admin');
    const outlines = loadCountyOutlines();
    const [minLon, minLat, maxLon, maxLat] = polygonsBBox(outlines.flatMap((o) => o.polygons));
    const random = createRandom(3715);
    const wrong: string[] = [];
    let sampled = 0;
    while (sampled < 1000) {
      const lon = Number((minLon + random() * (maxLon - minLon)).toFixed(6));
      const lat = Number((minLat + random() * (maxLat - minLat)).toFixed(6));
      const county = outlines.find((o) => pointInPolygons([lon, lat], o.polygons));
      if (!county) continue;
      sampled++;
      const res = await admin.get(`/api/grids/locate?lon=${lon}&lat=${lat}`);
      if (res.status !== 200 || res.body.data.countyCode !== county.code)
        wrong.push(
          `${lon},${lat} in ${county.name}: ${res.status} ${res.body.data?.code ?? res.body.error?.code}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('answers 422 outside the city, e.g. in the 河南 enclave inside 莘县', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/grids/locate?lon=115.49&lat=35.905');
    const inside = loadCountyOutlines().some((o) => pointInPolygons([115.49, 35.905], o.polygons));
    expect(inside).toBe(false);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LOCATION_OUTSIDE_GRID');
  });
});
