import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCompactGrids } from '@wangge/shared/geo/compact-grids';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const COUNTY = '371502000000'; // 东昌府区 (county.dispatcher)
const COMPACT = 'application/vnd.wangge.grids+json';

describe('GET /api/grids: ETag, compact encoding, compression; cache headers of the client', () => {
  let app: TestApp;
  let token: string;
  let clientDir: string;
  const get = (path: string, headers: Record<string, string> = {}, bearer: string | null = token) =>
    fetch(`${app.baseUrl}${path}`, {
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    });

  beforeAll(async () => {
    // A stand-in for client/dist: what matters here is the path → Cache-Control rule.
    clientDir = mkdtempSync(join(inject('runDir'), 'client-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(
      join(clientDir, 'index.html'),
      `<!doctype html><title>网格</title>${'<p>x</p>'.repeat(400)}`,
    );
    writeFileSync(
      join(clientDir, 'assets', 'index-AbC123.js'),
      `console.log(${JSON.stringify('x'.repeat(4000))});`,
    );
    writeFileSync(join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(clientDir, 'manifest.webmanifest'), '{}');
    app = await startTestApp({ env: { CLIENT_DIR: clientDir } });
    token = (await app.as('county.dispatcher')).token!;
  });
  afterAll(() => app?.close());

  it('answers an ETag per scope and version, 304 for If-None-Match, revalidated every time', async () => {
    const first = await get('/api/grids');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"grids-/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/Accept\b.*Authorization/);
    await first.arrayBuffer();

    const again = await get('/api/grids', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    // Another jurisdiction never matches that version: the township gets its own cells.
    const township = (await app.as('township.dispatcher')).token!;
    const other = await get('/api/grids', { 'if-none-match': etag }, township);
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    // The compact encoding is another representation, with its own ETag.
    const compact = await get('/api/grids', { accept: COMPACT, 'if-none-match': etag });
    expect(compact.status).toBe(200);
    expect(compact.headers.get('etag')).not.toBe(etag);

    // A change of the cells (an import; here straight in the database, then the reload an
    // import does) gives a new version.
    const cell = await app.ctx.db.write.grid.findFirstOrThrow({ where: { countyCode: COUNTY } });
    await app.ctx.db.write.grid.update({ where: { code: cell.code }, data: { name: `${cell.name}（改）` } });
    await app.ctx.grids.reload();
    const changed = await get('/api/grids', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const body = await changed.json();
    expect(body.features.find((f: { id: string }) => f.id === cell.code).properties.name).toBe(
      `${cell.name}（改）`,
    );
  });

  it('the compact encoding decodes to the GeoJSON cells (same codes, positions within 1e-6)', async () => {
    const geo = await get(`/api/grids?unit=${COUNTY}`);
    expect(geo.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const features = (await geo.json()).features as {
      id: string;
      geometry: { type: string; coordinates: number[][][] };
      properties: Record<string, unknown>;
    }[];
    const compactRes = await get(`/api/grids?unit=${COUNTY}`, { accept: COMPACT });
    expect(compactRes.headers.get('content-type')).toMatch(/^application\/vnd\.wangge\.grids\+json/);
    const cells = decodeCompactGrids(await compactRes.json());
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.map((c) => c.code)).toEqual(features.map((f) => f.id));
    cells.forEach((c, i) => {
      const f = features[i]!;
      expect({ ...c, geometry: undefined }).toEqual({
        code: f.properties.code,
        name: f.properties.name,
        villageCode: f.properties.villageCode,
        townshipCode: f.properties.townshipCode,
        countyCode: f.properties.countyCode,
        isSynthetic: f.properties.isSynthetic,
        geometry: undefined,
      });
      expect(c.geometry.type).toBe(f.geometry.type);
      const got = c.geometry.coordinates.flat(3) as number[];
      const want = f.geometry.coordinates.flat(3) as number[];
      expect(got).toHaveLength(want.length);
      for (const [j, v] of got.entries()) expect(Math.abs(v - want[j]!)).toBeLessThan(1e-6);
    });
  });

  it('compresses: brotli or gzip as asked, for the grids and for other large JSON answers', async () => {
    const br = await get('/api/grids', { 'accept-encoding': 'gzip, br', accept: COMPACT });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(decodeCompactGrids(await br.json()).length).toBeGreaterThan(100);
    const gz = await get('/api/grids', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await gz.json()).type).toBe('FeatureCollection');
    const plain = await get('/api/grids', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    await plain.arrayBuffer();

    const units = await get(`/api/units/${COUNTY}`, { 'accept-encoding': 'br' });
    expect(units.status).toBe(200);
    expect(units.headers.get('content-encoding')).toBe('br');
    expect((await units.json()).data.code).toBe(COUNTY);
    const small = await get('/api/me', { 'accept-encoding': 'gzip' });
    expect(small.headers.get('content-encoding')).toBeNull();
    await small.arrayBuffer();
  });

  it('caches hashed assets for a year, revalidates index.html and the service worker', async () => {
    const asset = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br' }, null);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    await asset.arrayBuffer();
    for (const path of ['/', '/cases/123', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await get(path, {}, null);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      await res.arrayBuffer();
    }
    const page = await get('/', { 'accept-encoding': 'gzip' }, null);
    expect(page.headers.get('content-encoding')).toBe('gzip');
    await page.arrayBuffer();
  });
});
