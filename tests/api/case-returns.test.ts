import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { act, actOk, dispatchedCase, eventCount, type LoopParties, loginAll } from '../support/factories';
import { type ApiClient, MONDAY_10AM, startTestApp, type TestApp } from '../support/test-app';

type Task = { departmentId: string; state: string; claimDeadline: string; handleDeadline: string };
const taskOf = (c: { tasks: Task[] }, departmentId: string) =>
  c.tasks.find((t) => t.departmentId === departmentId)!;

/** 退回: a department asks to return a task; the dispatching centre accepts or arbitrates it back. */
describe('returns (REQUEST_RETURN → ACCEPT_RETURN / REJECT_RETURN)', () => {
  let app: TestApp | undefined;
  let u: Record<
    'gridworker' | 'village.operator' | 'township.dispatcher' | 'dept.chengguan' | 'dept.gongan',
    ApiClient
  >;
  let p: LoopParties;
  beforeEach(async () => {
    await app?.close();
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.gongan',
    );
    p = { worker: u.gridworker, village: u['village.operator'], township: u['township.dispatcher'] };
  });
  afterAll(() => app?.close());

  it('accepts a return: the case is REGISTERED again, the task RETURNED, and goes to another department', async () => {
    const a = app!;
    let c = await dispatchedCase(a, p, '371502-CHENGGUAN');
    const requestedWithoutCode = await act(u['dept.chengguan'], c, 'REQUEST_RETURN', {
      reason: '不属于我局职责',
    });
    expect(requestedWithoutCode.status).toBe(400);
    expect(requestedWithoutCode.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'reasonCode',
    ]);

    a.clock.advance(60 * 60_000);
    c = await actOk(u['dept.chengguan'], c, 'REQUEST_RETURN', {
      reason: '违规停车属公安交警职责',
      reasonCode: 'NOT_OUR_REMIT',
    });
    expect(c.state).toBe('RETURN_REQUESTED');
    expect(taskOf(c, '371502-CHENGGUAN')).toMatchObject({
      state: 'RETURN_REQUESTED',
      returnReason: 'NOT_OUR_REMIT: 违规停车属公安交警职责',
    });
    expect(c.events.at(-1)).toMatchObject({
      action: 'REQUEST_RETURN',
      reason: '违规停车属公安交警职责',
      payload: { reasonCode: 'NOT_OUR_REMIT', departmentId: '371502-CHENGGUAN' },
    });

    c = await actOk(u['township.dispatcher'], c, 'ACCEPT_RETURN');
    expect(c).toMatchObject({ state: 'REGISTERED', leadDepartmentId: null, ownerUnitCode: '371502001000' });
    expect(c.deadlines.handle).toBeNull();
    expect(taskOf(c, '371502-CHENGGUAN').state).toBe('RETURNED');
    // The department that bounced it can no longer act on it.
    expect((await act(u['dept.chengguan'], c, 'CLAIM')).status).toBe(403);

    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-GONGAN' });
    expect(c).toMatchObject({ state: 'DISPATCHED', leadDepartmentId: '371502-GONGAN' });
    expect(c.tasks.map((t: Task) => [t.departmentId, t.state])).toEqual([
      ['371502-CHENGGUAN', 'RETURNED'],
      ['371502-GONGAN', 'DISPATCHED'],
    ]);
    c = await actOk(u['dept.gongan'], c, 'CLAIM');
    expect(c.state).toBe('CLAIMED');
    expect(c.events.map((e: { action: string }) => e.action).slice(-5)).toEqual([
      'DISPATCH',
      'REQUEST_RETURN',
      'ACCEPT_RETURN',
      'DISPATCH',
      'CLAIM',
    ]);
  });

  it('arbitrates an unclaimed task back: DISPATCHED again with the original deadlines', async () => {
    const a = app!;
    const dispatched = await dispatchedCase(a, p, '371502-CHENGGUAN');
    const original = taskOf(dispatched, '371502-CHENGGUAN');
    a.clock.advance(3 * 60 * 60_000);
    let c = await actOk(u['dept.chengguan'], dispatched, 'REQUEST_RETURN', {
      reason: '地址不在我局辖区',
      reasonCode: 'WRONG_AREA',
    });
    a.clock.advance(60 * 60_000);
    c = await actOk(u['township.dispatcher'], c, 'REJECT_RETURN', { reason: '地址核实无误，仍由你局处置' });
    expect(c.state).toBe('DISPATCHED');
    expect(taskOf(c, '371502-CHENGGUAN')).toMatchObject({
      state: 'DISPATCHED',
      claimDeadline: original.claimDeadline,
      handleDeadline: original.handleDeadline,
    });
    // The clock kept running from dispatch: the stage deadline is the original claim deadline.
    expect(c.deadlines).toEqual({ stage: original.claimDeadline, handle: dispatched.deadlines.handle });
    expect(c.deadlines.handle).toBe('2026-11-30T02:00:00.000Z');
  });

  it('arbitrates a claimed task back: CLAIMED again with the original handling deadline', async () => {
    const a = app!;
    let c = await dispatchedCase(a, p, '371502-CHENGGUAN');
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    const handle = c.deadlines.handle;
    a.clock.advance(6 * 60 * 60_000);
    c = await actOk(u['dept.chengguan'], c, 'REQUEST_RETURN', {
      reason: '信息不足无法处置',
      reasonCode: 'INSUFFICIENT_INFO',
    });
    c = await actOk(u['township.dispatcher'], c, 'REJECT_RETURN', { reason: '信息已补充' });
    expect(c.state).toBe('CLAIMED');
    expect(taskOf(c, '371502-CHENGGUAN').state).toBe('CLAIMED');
    expect(c.deadlines).toEqual({ stage: handle, handle });
  });

  it('refuses a return after the 2-working-day window with 422, writing nothing', async () => {
    const a = app!;
    // Dispatched Mon 2026-11-23 10:00 → the return window closes Wed 11-25 10:00 (Shanghai).
    const c = await dispatchedCase(a, p, '371502-CHENGGUAN');
    expect(a.clock.now()).toEqual(MONDAY_10AM);
    expect(taskOf(c, '371502-CHENGGUAN')).toMatchObject({ returnDeadline: '2026-11-25T02:00:00.000Z' });
    a.clock.set(new Date('2026-11-25T02:01:00Z'));
    const dept = await a.as('dept.chengguan'); // the morning's token has expired by now
    const events = await eventCount(a, c.id);
    const late = await act(dept, c, 'REQUEST_RETURN', {
      reason: '不属于我局职责',
      reasonCode: 'NOT_OUR_REMIT',
    });
    expect(late.status).toBe(422);
    expect(late.body.error).toEqual({
      code: 'RULE_VIOLATION',
      message: 'the return window (2 working days from dispatch) has passed',
    });
    expect(await eventCount(a, c.id)).toBe(events);
    expect((await dept.get(`/api/cases/${c.id}`)).body.data).toMatchObject({
      state: 'DISPATCHED',
      version: c.version,
    });
  });
});
