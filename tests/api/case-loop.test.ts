import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the full loop: report → register → escalate → dispatch → claim → feedback → rework → close', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('walks every step with the right parties and writes exactly the expected event log', async () => {
    const worker = await app.as('gridworker');
    const village = await app.as('village.operator');
    const township = await app.as('township.dispatcher');
    const dept = await app.as('dept.chengguan');
    const step = () => app.clock.advance(10 * 60_000);

    let c = await buildCase(app, worker);
    expect(c).toMatchObject({
      state: 'REPORTED',
      ownerLevel: 'VILLAGE',
      version: 1,
      gridCode: worker.user.gridCodes[0],
    });
    expect(c.code).toMatch(/^3715-20261123-\d{6}$/);
    step();
    c = await actOk(village, c, 'REGISTER');
    step();
    c = await actOk(village, c, 'ESCALATE', { reason: '需要区执法局处置' });
    expect(c).toMatchObject({
      state: 'ESCALATED',
      ownerLevel: 'TOWNSHIP',
      ownerUnitCode: township.user.unitCode,
    });
    step();
    c = await actOk(township, c, 'REGISTER');
    step();
    c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    expect(c.tasks).toHaveLength(1);
    // The handling clock starts at dispatch: 5 working days from Mon 10:40 → Mon 10:40 next week.
    expect(c.deadlines.handle).toBe('2026-11-30T02:40:00.000Z');
    step();
    c = await actOk(dept, c, 'CLAIM');
    step();
    c = await actOk(dept, c, 'FEEDBACK', { note: '已清理占道摊点' });
    step();
    c = await actOk(worker, c, 'CHECK_FAIL', { reason: '摊贩又回来了' });
    expect(c).toMatchObject({ state: 'DISPATCHED', reworkCount: 1 });
    step();
    c = await actOk(dept, c, 'CLAIM');
    step();
    c = await actOk(dept, c, 'FEEDBACK', { note: '已安排每日巡查' });
    step();
    c = await actOk(worker, c, 'CHECK_PASS');
    step();
    c = await actOk(township, c, 'CLOSE');
    expect(c).toMatchObject({ state: 'CLOSED', reworkCount: 1, availableActions: [] });

    const log = c.events.map((e: any) => [
      e.action,
      e.fromState,
      e.toState,
      e.fromLevel,
      e.toLevel,
      e.actorRole,
    ]);
    expect(log).toEqual([
      ['REPORT', null, 'REPORTED', null, 'VILLAGE', 'GRID_WORKER'],
      ['REGISTER', 'REPORTED', 'REGISTERED', 'VILLAGE', 'VILLAGE', 'STATION_OPERATOR'],
      ['ESCALATE', 'REGISTERED', 'ESCALATED', 'VILLAGE', 'TOWNSHIP', 'STATION_OPERATOR'],
      ['REGISTER', 'ESCALATED', 'REGISTERED', 'TOWNSHIP', 'TOWNSHIP', 'DISPATCHER'],
      ['DISPATCH', 'REGISTERED', 'DISPATCHED', 'TOWNSHIP', 'TOWNSHIP', 'DISPATCHER'],
      ['CLAIM', 'DISPATCHED', 'CLAIMED', 'TOWNSHIP', 'TOWNSHIP', 'DEPT_STAFF'],
      ['FEEDBACK', 'CLAIMED', 'CHECKING', 'TOWNSHIP', 'TOWNSHIP', 'DEPT_STAFF'],
      ['CHECK_FAIL', 'CHECKING', 'DISPATCHED', 'TOWNSHIP', 'TOWNSHIP', 'GRID_WORKER'],
      ['CLAIM', 'DISPATCHED', 'CLAIMED', 'TOWNSHIP', 'TOWNSHIP', 'DEPT_STAFF'],
      ['FEEDBACK', 'CLAIMED', 'CHECKING', 'TOWNSHIP', 'TOWNSHIP', 'DEPT_STAFF'],
      ['CHECK_PASS', 'CHECKING', 'CHECKED', 'TOWNSHIP', 'TOWNSHIP', 'GRID_WORKER'],
      ['CLOSE', 'CHECKED', 'CLOSED', 'TOWNSHIP', 'TOWNSHIP', 'DISPATCHER'],
    ]);
    const seqs = c.events.map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(c.events[2].reason).toBe('需要区执法局处置');
    expect(c.events[7].reason).toBe('摊贩又回来了');
    expect(c.tasks[0]).toMatchObject({ departmentId: '371502-CHENGGUAN', round: 1, isLead: true });
    expect(c.version).toBe(12);
  });
});
