import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, loginAll, pointIn, TINY_PNG } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const M_PER_DEG_LAT = 111_195;

/** Duplicate suggestions (并案): same category, within its radius, open, visible, nearest first. */
describe('GET /api/cases/duplicates', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let p: { lon: number; lat: number };
  const north = (metres: number) => ({ lon: p.lon, lat: p.lat + metres / M_PER_DEG_LAT });
  const east = (metres: number) => ({
    lon: p.lon + metres / (M_PER_DEG_LAT * Math.cos((p.lat * Math.PI) / 180)),
    lat: p.lat,
  });
  const report = async (
    c: ApiClient,
    categoryCode: string,
    location: { lon: number; lat: number },
    attachmentIds: string[] = [],
  ) => {
    const res = await c.post(
      '/api/cases',
      { categoryCode, description: '并案测试：同一事件的多次上报', location, attachmentIds },
      { 'idempotency-key': randomUUID() },
    );
    if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const ask = (c: ApiClient, at: { lon: number; lat: number }, categoryCode: string, extra = '') =>
    c.get(`/api/cases/duplicates?lon=${at.lon}&lat=${at.lat}&categoryCode=${categoryCode}${extra}`);

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'gridworker', 'gridworker2', 'hotline', 'village.operator', 'county.dispatcher');
    p = await pointIn(app, u.gridworker!.user.gridCodes[0]);
  });
  afterAll(() => app?.close());

  it('suggests open cases of the category within its radius, nearest first, with their photos', async () => {
    const photo = await u.gridworker!.send('POST', '/api/attachments', {
      body: new Uint8Array(TINY_PNG),
      headers: { 'content-type': 'image/png' },
    });
    expect(photo.status).toBe(201);
    const a = await report(u.gridworker!, '0201', p, [photo.body.data.id]); // 占道经营: 50 m
    const b = await report(u.gridworker!, '0201', north(20));
    await report(u.gridworker!, '0101', east(10)); // another category
    await report(u.hotline!, '0201', north(120)); // too far for 0201
    const res = await ask(u.gridworker!, north(5), '0201');
    expect(res.status).toBe(200);
    expect(res.body.radiusMeters).toBe(50);
    expect(res.body.data.map((d: { id: string }) => d.id)).toEqual([a.id, b.id]);
    expect(res.body.data.map((d: { distanceMeters: number }) => d.distanceMeters)).toEqual([5, 15]);
    expect(res.body.data[0]).toMatchObject({
      code: a.code,
      state: a.state,
      categoryCode: '0201',
      photoIds: [photo.body.data.id],
    });
    expect(res.body.data[1].photoIds).toEqual([]);
    // A burst water main (0402) reaches 200 m.
    const e = await report(u.hotline!, '0402', east(150));
    const wide = await ask(u['county.dispatcher']!, p, '0402');
    expect(wide.body.radiusMeters).toBe(200);
    expect(
      wide.body.data.map((d: { id: string; distanceMeters: number }) => [d.id, d.distanceMeters]),
    ).toEqual([[e.id, 150]]);
    expect((await ask(u['county.dispatcher']!, p, '0402', '&limit=1')).body.data).toHaveLength(1);
  });

  it('leaves out closed cases and cases the caller may not see', async () => {
    const at = north(400);
    const c = await report(u.hotline!, '0803', at); // 井盖缺失: 20 m
    expect(
      (await ask(u['county.dispatcher']!, at, '0803')).body.data.map((d: { id: string }) => d.id),
    ).toContain(c.id);
    // Another worker's cells: not theirs to see.
    expect((await ask(u.gridworker2!, at, '0803')).body.data).toEqual([]);
    await actOk(u['village.operator']!, c, 'REJECT', { reason: '重复上报，已并入原案件' });
    expect((await ask(u['county.dispatcher']!, at, '0803')).body.data).toEqual([]);
  });

  it('lists every problem of a bad query', async () => {
    const res = await u.gridworker!.get('/api/cases/duplicates?lon=200&lat=abc&categoryCode=x&limit=99');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.categoryCode',
      'query.lat',
      'query.limit',
      'query.lon',
    ]);
  });
});
