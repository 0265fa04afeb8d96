import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase, pointIn } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/stats/cases — incident markers on the live map', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuses the anonymous (401), bad units (400), field roles (403), other jurisdictions (404)', async () => {
    expect((await app.anonymous().get('/api/stats/cases')).status).toBe(401);
    const township = await app.as('township.dispatcher');
    const bad = await township.get('/api/stats/cases?unit=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    expect((await (await app.as('gridworker')).get('/api/stats/cases')).status).toBe(403);
    expect((await (await app.as('dept.chengguan')).get('/api/stats/cases')).status).toBe(403);
    const t2 = await app.as('township2.dispatcher');
    expect((await t2.get('/api/stats/cases?unit=371502001000')).status).toBe(404);
    // A township may not widen its view to the county above it.
    expect((await township.get('/api/stats/cases?unit=371502000000')).status).toBe(404);
  });

  it('lists the open cases in scope with their location and overdue flag', async () => {
    const worker = await app.as('gridworker');
    const worker2 = await app.as('gridworker2');
    const village = await app.as('village.operator');
    const a = await buildCase(app, worker);
    const b = await buildCase(app, worker, { categoryCode: '0201' });
    const rejected = await buildCase(app, worker);
    const elsewhere = await buildCase(app, worker2);
    await actOk(village, rejected, 'REJECT', { reason: '重复上报' });
    app.clock.advance(25 * 60_000);
    await actOk(village, a, 'REGISTER'); // due for dispatch within 30 minutes from now
    app.clock.advance(20 * 60_000); // b, still unregistered, is past its 30-minute limit

    const township = await app.as('township.dispatcher');
    const res = await township.get('/api/stats/cases');
    expect(res.status).toBe(200);
    const { markers, unitCode, isTruncated } = res.body.data;
    expect(unitCode).toBe('371502001000');
    expect(isTruncated).toBe(false);
    const byId = new Map(markers.map((m: { id: string }) => [m.id, m]));
    expect(byId.has(rejected.id)).toBe(false);
    expect(byId.has(elsewhere.id)).toBe(false);
    const cell = worker.user.gridCodes[0]!;
    const where = await pointIn(app, cell);
    expect(byId.get(a.id)).toEqual({
      id: a.id,
      code: a.code,
      state: 'REGISTERED',
      lon: where.lon,
      lat: where.lat,
      isOverdue: false,
      categoryCode: a.categoryCode,
      gridCode: cell,
    });
    expect(byId.get(b.id)).toMatchObject({ state: 'REPORTED', isOverdue: true, categoryCode: '0201' });

    const county = await (await app.as('county.dispatcher')).get('/api/stats/cases');
    const countyIds = county.body.data.markers.map((m: { id: string }) => m.id);
    expect(countyIds).toEqual(expect.arrayContaining([a.id, b.id, elsewhere.id]));
    const city = await (await app.as('command.city')).get('/api/stats/cases?unit=371502001000');
    expect(city.status).toBe(200);
    expect(city.body.data.markers).toHaveLength(2);
  });
});
