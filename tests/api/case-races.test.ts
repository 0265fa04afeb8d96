import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  caseRegisteredAtTownship,
  dispatchedCase,
  eventCount,
  type LoopParties,
  loginAll,
} from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** Concurrent actions on one case: exactly one wins, the other gets a clean 409. */
describe('races on one case', () => {
  let app: TestApp;
  let u: Record<
    'gridworker' | 'village.operator' | 'township.dispatcher' | 'dept.chengguan' | 'dept.chengguan2',
    ApiClient
  >;
  let p: LoopParties;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.chengguan2',
    );
    p = { worker: u.gridworker, village: u['village.operator'], township: u['township.dispatcher'] };
  });
  afterAll(() => app.close());

  const events = (id: string, action: string) =>
    app.ctx.db.read.caseEvent.count({ where: { caseId: id, action } });

  it('two staff of one department claim the same task at once: one 200, one 409, one CLAIM event', async () => {
    // Repeated: a race that only sometimes interleaves must still resolve every time.
    for (let round = 0; round < 5; round += 1) {
      const c = await dispatchedCase(app, p, '371502-CHENGGUAN');
      const before = await eventCount(app, c.id);
      const results = await Promise.all([
        act(u['dept.chengguan'], c, 'CLAIM'),
        act(u['dept.chengguan2'], c, 'CLAIM'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('VERSION_CONFLICT');
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.data).toMatchObject({ state: 'CLAIMED', version: c.version + 1 });

      expect(await events(c.id, 'CLAIM')).toBe(1);
      expect(await eventCount(app, c.id)).toBe(before + 1);
      const task = await app.ctx.db.read.task.findFirstOrThrow({ where: { caseId: c.id, isLead: true } });
      expect(task.state).toBe('CLAIMED');
      expect(task.claimedById).toBe(
        winner === results[0] ? u['dept.chengguan'].user.id : u['dept.chengguan2'].user.id,
      );
    }
  });

  it('ESCALATE and DISPATCH race on a registered case: exactly one happens', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await caseRegisteredAtTownship(app, p);
      const before = await eventCount(app, c.id);
      const township = u['township.dispatcher'];
      const [escalate, dispatch] = await Promise.all([
        act(township, c, 'ESCALATE', { reason: '街道无力处置' }),
        act(township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' }),
      ]);
      expect([escalate.status, dispatch.status].sort()).toEqual([200, 409]);
      const loser = escalate.status === 409 ? escalate : dispatch;
      expect(loser.body.error.code).toBe('VERSION_CONFLICT');

      const stored = await app.ctx.db.read.case.findUniqueOrThrow({
        where: { id: c.id },
        include: { tasks: true },
      });
      expect(await eventCount(app, c.id)).toBe(before + 1);
      expect(stored.version).toBe(c.version + 1);
      if (escalate.status === 200) {
        expect(stored).toMatchObject({ state: 'ESCALATED', ownerLevel: 'COUNTY', leadDepartmentId: null });
        expect(stored.tasks).toEqual([]);
      } else {
        expect(stored).toMatchObject({ state: 'DISPATCHED', ownerLevel: 'TOWNSHIP' });
        expect(stored.tasks).toHaveLength(1);
      }
    }
  });

  it('a burst of identical actions from one client applies once', async () => {
    const c = await caseRegisteredAtTownship(app, p);
    const before = await eventCount(app, c.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        act(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await eventCount(app, c.id)).toBe(before + 1);
    expect(await app.ctx.db.read.task.count({ where: { caseId: c.id } })).toBe(1);
  });
});
