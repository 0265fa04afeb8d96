import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const put = (client: Awaited<ReturnType<TestApp['as']>>, body: unknown) =>
  client.send('PUT', '/api/admin/map-settings', {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

const imgSrc = (csp: string | null) => csp?.split(';').find((d) => d.trim().startsWith('img-src')) ?? '';

describe('the base map: unit outlines and the admin’s tile settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('GET /api/grids/outlines: 401, 400, the caller’s units only, labels inside, ETag', async () => {
    expect((await app.anonymous().get('/api/grids/outlines?level=county')).status).toBe(401);
    const city = await app.as('command.city');
    const bad = await city.get('/api/grids/outlines?level=cell');
    expect(bad.status).toBe(400);
    const counties = await city.get('/api/grids/outlines?level=county');
    expect(counties.status).toBe(200);
    const units = counties.body.data.units as {
      code: string;
      name: string;
      label: number[];
      polygons: number[][][][];
    }[];
    expect(units.map((u) => u.code).sort()).toEqual(
      (await app.ctx.db.read.unit.findMany({ where: { level: 'COUNTY' } })).map((u) => u.code).sort(),
    );
    const dongchangfu = units.find((u) => u.code === '371502000000')!;
    expect(dongchangfu.name).toBe('东昌府区');
    // The label point lies inside the county's cells' box, and the outline is a closed ring.
    const box = await app.ctx.db.read.grid.aggregate({
      where: { countyCode: '371502000000' },
      _min: { minLon: true, minLat: true },
      _max: { maxLon: true, maxLat: true },
    });
    const [lon, lat] = dongchangfu.label as [number, number];
    expect(lon).toBeGreaterThan(box._min.minLon!);
    expect(lon).toBeLessThan(box._max.maxLon!);
    expect(lat).toBeGreaterThan(box._min.minLat!);
    expect(lat).toBeLessThan(box._max.maxLat!);
    const ring = dongchangfu.polygons[0]![0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    // A township dispatcher gets its own township (and the county above it), no neighbour.
    const township = await app.as('township.dispatcher');
    const own = await township.get('/api/grids/outlines?level=township');
    expect(own.body.data.units.map((u: { code: string }) => u.code)).toEqual(['371502001000']);
    const villages = await township.get('/api/grids/outlines?level=village');
    expect(villages.body.data.units.length).toBeGreaterThan(1);
    expect(villages.body.data.units.every((u: { code: string }) => u.code.startsWith('371502001'))).toBe(
      true,
    );
    const again = await township.send('GET', '/api/grids/outlines?level=township', {
      headers: { 'if-none-match': own.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('map settings: admin only, every problem listed, the CSP allows exactly the configured tile hosts', async () => {
    const admin = await app.as('admin');
    const viewer = await app.as('command.city');
    const before = await viewer.get('/api/map-settings');
    expect(before.body.data.kind).toBe('NONE');
    expect(imgSrc(before.headers.get('content-security-policy'))).not.toMatch(/tianditu|example/);

    expect((await put(viewer, { kind: 'NONE' })).status).toBe(403);
    const bad = await put(admin, { kind: 'XYZ', xyzUrl: 'ftp://tiles/{z}', maxZoom: 30 });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['body.attribution', 'body.maxZoom', 'body.xyzUrl']);
    expect((await put(admin, { kind: 'TIANDITU' })).status).toBe(400);

    const key = '0123456789abcdef0123456789abcdef';
    const set = await put(admin, { kind: 'TIANDITU', tiandituKey: key, maxZoom: 18 });
    expect(set.status).toBe(200);
    const csp = imgSrc((await viewer.get('/api/map-settings')).headers.get('content-security-policy'));
    for (let s = 0; s < 8; s++) expect(csp).toContain(`https://t${s}.tianditu.gov.cn`);
    expect(csp).not.toContain('*');

    const xyz = await put(admin, {
      kind: 'XYZ',
      xyzUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      subdomains: 'ab',
      attribution: '© Example',
    });
    expect(xyz.status).toBe(200);
    const after = await viewer.get('/api/map-settings');
    expect(after.body.data).toMatchObject({ kind: 'XYZ', tiandituKey: null, subdomains: 'ab' });
    const csp2 = imgSrc(after.headers.get('content-security-policy'));
    expect(csp2).toContain('https://a.tiles.example.org https://b.tiles.example.org');
    expect(csp2).not.toContain('tianditu');
    await put(admin, { kind: 'NONE' });
    expect(imgSrc((await viewer.get('/api/health')).headers.get('content-security-policy'))).not.toContain(
      'example',
    );
  });
});
