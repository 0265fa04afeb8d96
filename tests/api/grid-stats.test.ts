import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/stats/grids — what the live map colours', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('counts open and overdue cases per cell in the caller’s jurisdiction', async () => {
    const worker = await app.as('gridworker');
    const village = await app.as('village.operator');
    const a = await buildCase(app, worker);
    await buildCase(app, worker);
    const worker2 = await app.as('gridworker2');
    await buildCase(app, worker2);
    app.clock.advance(25 * 60_000);
    await actOk(village, a, 'REGISTER'); // now due for dispatch within 30 minutes
    app.clock.advance(20 * 60_000); // the unregistered ones are past their 30-minute limit
    const township = await app.as('township.dispatcher');
    const res = await township.get('/api/stats/grids');
    expect(res.status).toBe(200);
    expect(res.body.data.cells).toEqual([{ gridCode: worker.user.gridCodes[0], open: 2, overdue: 1 }]);
    expect(res.body.data.totals).toMatchObject({ reportedToday: 2, open: 2, overdue: 1, closedToday: 0 });
    const county = await (await app.as('county.dispatcher')).get('/api/stats/grids');
    expect(county.body.data.totals).toMatchObject({ open: 3, overdue: 2 });
  });

  it('refuses other jurisdictions (404) and field roles (403)', async () => {
    const t2 = await app.as('township2.dispatcher');
    expect((await t2.get('/api/stats/grids?unit=371502001000')).status).toBe(404);
    expect((await (await app.as('gridworker')).get('/api/stats/grids')).status).toBe(403);
    expect((await app.anonymous().get('/api/stats/grids')).status).toBe(401);
  });
});
