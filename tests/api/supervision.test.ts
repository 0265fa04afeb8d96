import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { act, actOk, buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('supervision orders (督办)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lets an upper centre order an overdue case handled by its own deadline, with a new alarm cycle', async () => {
    const worker = await app.as('gridworker');
    const village = await app.as('village.operator');
    const township = await app.as('township.dispatcher');
    let c = await buildCase(app, worker);
    c = await actOk(village, c, 'REGISTER');
    c = await actOk(village, c, 'ESCALATE', { reason: '需要执法' });
    c = await actOk(township, c, 'REGISTER');
    c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    c = await actOk(await app.as('dept.chengguan'), c, 'CLAIM');
    // Monday 10:00 + 6 working days: past the 5-day handling deadline.
    app.clock.advance(8 * 86_400_000);
    await sweepTimers(app.ctx);
    expect((await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: c.id } })).alarmLevel).toBe('RED');

    // A week later everyone signs in again. The owning township may not supervise itself: 403.
    const township2 = await app.as('township.dispatcher');
    c = await township2.get(`/api/cases/${c.id}`).then((r) => r.body.data);
    expect((await act(township2, c, 'SUPERVISE', { reason: '督办', days: 2 })).status).toBe(403);
    const county2 = await app.as('county.dispatcher');
    expect((await act(county2, c, 'SUPERVISE', { reason: '超期督办', days: 0 })).status).toBe(400);
    c = await actOk(county2, c, 'SUPERVISE', { reason: '超期督办，限两个工作日内办结', days: 2 });
    expect(c.state).toBe('CLAIMED');
    expect(c.events.at(-1)).toMatchObject({
      action: 'SUPERVISE',
      reason: '超期督办，限两个工作日内办结',
      actorUnitCode: '371502000000',
    });
    const stored = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: c.id } });
    // Tue 2026-12-01 10:00 (+8 days) + 2 working days → Thu 2026-12-03 10:00 Shanghai = 02:00Z.
    expect(stored.supervisionDeadline?.toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(stored).toMatchObject({ supervisedByUnitCode: '371502000000', alarmLevel: 'NONE' });
    expect(stored.stageDeadline?.toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(stored.handleDeadline?.toISOString()).toBe('2026-12-03T02:00:00.000Z');
  });
});
