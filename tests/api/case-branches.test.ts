import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  buildCase,
  dispatchedCase,
  eventCount,
  type LoopParties,
  loginAll,
  uploadPhoto,
} from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Task = { departmentId: string; state: string; isLead: boolean; round: number };
const taskOf = (c: { tasks: Task[] }, departmentId: string) =>
  c.tasks.find((t) => t.departmentId === departmentId)!;

/** The branches off the main loop: 自行处置, 核实, 12345 回访, co-handlers (协办). */
describe('workflow branches', () => {
  let app: TestApp;
  let u: Record<
    | 'gridworker'
    | 'gridworker2'
    | 'village.operator'
    | 'township.dispatcher'
    | 'dept.chengguan'
    | 'dept.gongan'
    | 'hotline',
    ApiClient
  >;
  let p: LoopParties;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.gongan',
      'hotline',
    );
    p = { worker: u.gridworker, village: u['village.operator'], township: u['township.dispatcher'] };
  });
  afterAll(() => app.close());

  it('self-resolution needs a photo; the station approving it closes the case', async () => {
    let c = await buildCase(app, u.gridworker, { description: '楼道堆放杂物' });
    const noPhoto = await act(u.gridworker, c, 'SELF_RESOLVE', { note: '已现场清理' });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.error.details.map((d: { path: string }) => d.path)).toEqual(['attachmentIds']);
    // Someone else's photo does not count, and the refusal writes nothing.
    const foreign = await uploadPhoto(u.hotline);
    const borrowed = await act(u.gridworker, c, 'SELF_RESOLVE', {
      note: '已现场清理',
      attachmentIds: [foreign],
    });
    expect(borrowed.status).toBe(400);
    expect(await eventCount(app, c.id)).toBe(1);
    expect((await u.gridworker.get(`/api/cases/${c.id}`)).body.data).toMatchObject({
      state: 'REPORTED',
      version: 1,
    });

    const after = await uploadPhoto(u.gridworker);
    c = await actOk(u.gridworker, c, 'SELF_RESOLVE', { note: '已现场清理', attachmentIds: [after] });
    expect(c.state).toBe('SELF_RESOLVED');
    expect(c.events.at(-1).attachments.map((a: { id: string }) => a.id)).toEqual([after]);
    expect(c.availableActions).toEqual([]);

    c = await actOk(u['village.operator'], c, 'APPROVE_SELF_RESOLUTION');
    expect(c).toMatchObject({ state: 'CLOSED', closedAt: expect.any(String) });
    expect(c.deadlines.stage).toBeNull();
    expect(c.events.map((e: { action: string }) => e.action)).toEqual([
      'REPORT',
      'SELF_RESOLVE',
      'APPROVE_SELF_RESOLUTION',
    ]);
  });

  it("verification: the station asks, only the cell's grid worker confirms", async () => {
    let c = await buildCase(app, u.hotline, {
      gridCode: u.gridworker.user.gridCodes[0],
      description: '市民来电：小区门口井盖缺失',
    });
    expect(c.source).toBe('HOTLINE');
    c = await actOk(u['village.operator'], c, 'REQUEST_VERIFY', { note: '请网格员现场核实' });
    expect(c.state).toBe('VERIFYING');
    // Urban community: verify within 1 hour.
    expect(c.deadlines.stage).toBe(new Date(app.clock.now().getTime() + 3_600_000).toISOString());
    expect((await act(u.gridworker2, c, 'VERIFY_CONFIRM')).status).toBe(404);
    expect((await act(u['village.operator'], c, 'VERIFY_CONFIRM')).status).toBe(403);
    c = await actOk(u.gridworker, c, 'VERIFY_CONFIRM', { note: '现场确认井盖缺失' });
    expect(c).toMatchObject({ state: 'REGISTERED', ownerLevel: 'VILLAGE' });
    expect(c.events.at(-1)).toMatchObject({ action: 'VERIFY_CONFIRM', actorRole: 'GRID_WORKER' });
  });

  it('a dissatisfied 12345 callback reopens the case to the same department, rework + 1', async () => {
    let c = await buildCase(app, u.hotline, {
      gridCode: u.gridworker.user.gridCodes[0],
      description: '市民来电：夜市占道',
    });
    c = await actOk(p.village, c, 'REGISTER');
    c = await actOk(p.village, c, 'ESCALATE', { reason: '需要执法局处置' });
    c = await actOk(p.township, c, 'REGISTER');
    c = await actOk(p.township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已劝离占道摊贩' });
    c = await actOk(u.gridworker, c, 'CHECK_PASS');
    c = await actOk(p.township, c, 'CLOSE');
    expect(c.state).toBe('CLOSED');
    // Only the hotline calls back, and only for citizen cases.
    expect((await act(p.township, c, 'CALLBACK_DISSATISFIED', { reason: '不满意' })).status).toBe(403);

    app.clock.advance(2 * 3_600_000);
    c = await actOk(u.hotline, c, 'CALLBACK_DISSATISFIED', { reason: '市民反映摊贩晚上又回来了' });
    expect(c).toMatchObject({
      state: 'DISPATCHED',
      reworkCount: 1,
      closedAt: null,
      leadDepartmentId: '371502-CHENGGUAN',
    });
    expect(taskOf(c, '371502-CHENGGUAN')).toMatchObject({ state: 'DISPATCHED', round: 1, claimedAt: null });
    expect(c.events.at(-1)).toMatchObject({
      action: 'CALLBACK_DISSATISFIED',
      fromState: 'CLOSED',
      toState: 'DISPATCHED',
      payload: { satisfied: false },
    });
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    expect(c.state).toBe('CLAIMED');

    // A grid worker's own report gets no callback.
    const own = await buildCase(app, u.gridworker);
    const callback = await act(u.hotline, own, 'CALLBACK_SATISFIED');
    expect(callback.status).toBe(403);
  });

  it("co-handlers: a co-handler's claim leaves the case state alone; only the lead moves it", async () => {
    let c = await dispatchedCase(app, p, '371502-CHENGGUAN', ['371502-GONGAN']);
    expect(c.tasks.map((t: Task) => [t.departmentId, t.isLead, t.state])).toEqual([
      ['371502-CHENGGUAN', true, 'DISPATCHED'],
      ['371502-GONGAN', false, 'DISPATCHED'],
    ]);
    // The co-handler sees the case, may claim, but may not return or feed back.
    const seen = await u['dept.gongan'].get(`/api/cases/${c.id}`);
    expect(seen.body.data.availableActions).toEqual(['CLAIM']);
    expect(
      (await act(u['dept.gongan'], c, 'REQUEST_RETURN', { reason: '不归我管', reasonCode: 'NOT_OUR_REMIT' }))
        .status,
    ).toBe(403);

    c = await actOk(u['dept.gongan'], c, 'CLAIM');
    expect(c.state).toBe('DISPATCHED');
    expect(taskOf(c, '371502-GONGAN').state).toBe('CLAIMED');
    expect(taskOf(c, '371502-CHENGGUAN').state).toBe('DISPATCHED');
    expect(c.events.at(-1)).toMatchObject({
      action: 'CLAIM',
      fromState: 'DISPATCHED',
      toState: 'DISPATCHED',
      payload: { departmentId: '371502-GONGAN', isLead: false },
    });
    const again = await act(u['dept.gongan'], c, 'CLAIM');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    expect(c.state).toBe('CLAIMED');
    expect(taskOf(c, '371502-CHENGGUAN').state).toBe('CLAIMED');
  });

  it('a co-handler may still claim after the lead has claimed', async () => {
    let c = await dispatchedCase(app, p, '371502-CHENGGUAN', ['371502-GONGAN']);
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    c = await actOk(u['dept.gongan'], c, 'CLAIM');
    expect(c.state).toBe('CLAIMED');
    expect(c.tasks.map((t: Task) => t.state)).toEqual(['CLAIMED', 'CLAIMED']);
  });

  it('a co-handler feeds back its own part (协办反馈); the lead closes the loop', async () => {
    let c = await dispatchedCase(app, p, '371502-CHENGGUAN', ['371502-GONGAN']);
    c = await actOk(u['dept.gongan'], c, 'CLAIM');
    // Before the lead has claimed, the case is not yet being handled.
    expect((await act(u['dept.gongan'], c, 'CO_FEEDBACK', { note: '已配合' })).status).toBe(409);
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    // The lead may not use the co-handler's step, and the co-handler's own is offered to it.
    expect((await act(u['dept.chengguan'], c, 'CO_FEEDBACK', { note: '主办' })).status).toBe(403);
    const offered = await u['dept.gongan'].get(`/api/cases/${c.id}`);
    expect(offered.body.data.availableActions).toContain('CO_FEEDBACK');
    expect(offered.body.data.availableActions).not.toContain('FEEDBACK');
    const noNote = await act(u['dept.gongan'], c, 'CO_FEEDBACK', {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details.map((d: { path: string }) => d.path)).toEqual(['note']);

    c = await actOk(u['dept.gongan'], c, 'CO_FEEDBACK', { note: '已配合查处无照经营' });
    expect(c.state).toBe('CLAIMED');
    expect(taskOf(c, '371502-GONGAN').state).toBe('FED_BACK');
    expect(taskOf(c, '371502-CHENGGUAN').state).toBe('CLAIMED');
    expect(c.events.at(-1)).toMatchObject({
      action: 'CO_FEEDBACK',
      fromState: 'CLAIMED',
      toState: 'CLAIMED',
      payload: { departmentId: '371502-GONGAN', note: '已配合查处无照经营' },
    });
    // Once: a second feedback of the same part is refused.
    const twice = await act(u['dept.gongan'], c, 'CO_FEEDBACK', { note: '再次反馈' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');

    // The lead's feedback moves the case to the on-site check; the co-handler's is not counted
    // as the case's handling (only FEEDBACK is: docs/metrics.md).
    c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已处置完毕' });
    expect(c.state).toBe('CHECKING');
    expect(c.events.filter((e: { action: string }) => e.action === 'FEEDBACK')).toHaveLength(1);
  });
});
