import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { actOk, buildCase } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const MINUTE = 60_000;

async function eventsOf(app: TestApp, caseId: string) {
  const rows = await app.ctx.db.read.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
  return rows.map((e) => [e.action, e.toState, e.toLevel, e.reason]);
}

describe('alarms and auto-escalation on a controlled clock', () => {
  let app: TestApp;
  let worker: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    worker = await app.as('gridworker');
  });
  afterAll(() => app.close());

  it('agrees with the case view at the deadline instant: overdue and red-carded together', async () => {
    const own = await startTestApp();
    try {
      const reporter = await own.as('gridworker');
      const c = await buildCase(own, reporter);
      const deadline = new Date(c.deadlines.stage);
      own.clock.set(new Date(deadline.getTime() - 1));
      expect((await reporter.get(`/api/cases/${c.id}`)).body.data.isOverdue).toBe(false);
      expect((await sweepTimers(own.ctx)).red).toBe(0);
      own.clock.set(deadline);
      expect((await reporter.get(`/api/cases/${c.id}`)).body.data.isOverdue).toBe(true);
      expect((await sweepTimers(own.ctx)).red).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('raises a yellow card, then a red card, and escalates a level that sits on a case up to the city', async () => {
    const c = await buildCase(app, worker);
    // Register within 30 minutes; the yellow card comes at 80 % of it (24 minutes).
    app.clock.advance(23 * MINUTE);
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 0, escalated: 0 });
    app.clock.advance(2 * MINUTE);
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 1, red: 0, escalated: 0 });
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 0, escalated: 0 }); // once
    app.clock.advance(6 * MINUTE);
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 1, escalated: 1 });
    // The township, then the county, then the city let it lie too.
    for (let i = 0; i < 3; i += 1) {
      app.clock.advance(31 * MINUTE);
      await sweepTimers(app.ctx);
    }
    const stored = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored).toMatchObject({
      state: 'ESCALATED',
      ownerLevel: 'CITY',
      ownerUnitCode: '371500000000',
      alarmLevel: 'RED',
    });
    expect(await eventsOf(app, c.id)).toEqual([
      ['REPORT', 'REPORTED', 'VILLAGE', null],
      ['YELLOW_CARD', 'REPORTED', 'VILLAGE', null],
      ['RED_CARD', 'REPORTED', 'VILLAGE', null],
      ['AUTO_ESCALATE', 'ESCALATED', 'TOWNSHIP', 'timeout'],
      ['RED_CARD', 'ESCALATED', 'TOWNSHIP', null],
      ['AUTO_ESCALATE', 'ESCALATED', 'COUNTY', 'timeout'],
      ['RED_CARD', 'ESCALATED', 'COUNTY', null],
      ['AUTO_ESCALATE', 'ESCALATED', 'CITY', 'timeout'],
      ['RED_CARD', 'ESCALATED', 'CITY', null],
    ]);
    // Nothing above the city: later sweeps fire nothing more.
    app.clock.advance(24 * 60 * MINUTE);
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 0, escalated: 0 });
  });

  it('starts a new alarm cycle when the case moves on, and charges a missed claim to the department without escalating', async () => {
    worker = await app.as('gridworker'); // the clock moved a day: sign in again
    const village = await app.as('village.operator');
    const township = await app.as('township.dispatcher');
    let c = await buildCase(app, worker);
    c = await actOk(village, c, 'REGISTER');
    c = await actOk(village, c, 'ESCALATE', { reason: '需要执法' });
    c = await actOk(township, c, 'REGISTER');
    c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    const dispatched = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(dispatched.alarmLevel).toBe('NONE');
    // Claim within 1 working day: the yellow card at 80 % of the interval, the red card after it.
    expect(dispatched.yellowAt!.getTime()).toBeLessThan(dispatched.stageDeadline!.getTime());
    app.clock.set(new Date(dispatched.stageDeadline!.getTime() + MINUTE));
    const fired = await sweepTimers(app.ctx);
    expect(fired.red).toBeGreaterThanOrEqual(1);
    const after = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ state: 'DISPATCHED', ownerLevel: 'TOWNSHIP', alarmLevel: 'RED' });
    const actions = (await eventsOf(app, c.id)).map((e) => e[0]);
    expect(actions.slice(-1)).toEqual(['RED_CARD']);
    expect(actions).not.toContain('AUTO_ESCALATE');
  });
});

describe('timers fire exactly once', () => {
  it('with two API processes on one database', async () => {
    const app = await startTestApp();
    const worker = await app.as('gridworker');
    const cases = await Promise.all(Array.from({ length: 5 }, () => buildCase(app, worker)));
    const at = new Date(app.clock.now().getTime() + 31 * MINUTE).toISOString();
    // Both processes sweep at this instant (each needs a few seconds to start on a busy machine).
    const startAt = Date.now() + 8000;
    const sweep = () =>
      new Promise<{ red: number; escalated: number }>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'tests/support/sweep-process.ts', app.databaseUrl, at, String(startAt)],
          { timeout: 90_000 },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
        );
      });
    const [fa, fb] = await Promise.all([sweep(), sweep()]);
    expect(fa.red + fb.red).toBe(5);
    expect(fa.escalated + fb.escalated).toBe(5);
    for (const c of cases) {
      const actions = (await eventsOf(app, c.id)).map((e) => e[0]);
      expect(actions).toEqual(['REPORT', 'RED_CARD', 'AUTO_ESCALATE']);
    }
    await app.close();
  }, 120_000);

  it('after a restart, for a deadline that passed while the server was down', async () => {
    const first = await startTestApp();
    const c = await buildCase(first, await first.as('gridworker'));
    const url = first.databaseUrl;
    await first.close();
    // The server comes back two hours later.
    const later = new Date(first.clock.now().getTime() + 2 * 60 * MINUTE);
    const second = await startTestApp({ databaseUrl: url, now: later });
    expect(await sweepTimers(second.ctx)).toMatchObject({ red: 1, escalated: 1 });
    expect((await eventsOf(second, c.id)).map((e) => e[0])).toEqual(['REPORT', 'RED_CARD', 'AUTO_ESCALATE']);
    expect(await sweepTimers(second.ctx)).toEqual({ yellow: 0, red: 0, escalated: 0 });
    await second.close();
  });
});
