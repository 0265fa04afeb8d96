import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  buildCase,
  caseRegisteredAtTownship,
  dispatchedCase,
  eventCount,
  type LoopParties,
  loginAll,
} from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** POST /api/cases/:id/actions, walked 401 → 400 → 404 → 403 → 409 → 422 → 2xx. */
describe('POST /api/cases/:id/actions: the refusal ladder', () => {
  let app: TestApp;
  let u: Record<
    | 'gridworker'
    | 'village.operator'
    | 'township.dispatcher'
    | 'township2.dispatcher'
    | 'dept.chengguan'
    | 'city.dispatcher',
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
      'township2.dispatcher',
      'dept.chengguan',
      'city.dispatcher',
    );
    p = { worker: u.gridworker, village: u['village.operator'], township: u['township.dispatcher'] };
  });
  afterAll(() => app.close());

  /** The case as stored, to prove a refused action changed nothing. */
  const snapshot = async (id: string) => {
    const c = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id }, include: { tasks: true } });
    return { case: c, events: await eventCount(app, id) };
  };

  it('answers 401 without a token', async () => {
    const c = await buildCase(app, u.gridworker);
    const res = await app.anonymous().post(`/api/cases/${c.id}/actions`, { action: 'REGISTER', version: 1 });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 400 listing every problem of the body, writing nothing', async () => {
    const c = await buildCase(app, u.gridworker);
    const before = await snapshot(c.id);
    const village = u['village.operator'];
    const paths = async (body: object) => {
      const res = await village.post(`/api/cases/${c.id}/actions`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths({ action: 'FLY', version: 1 })).toEqual(['action']);
    expect(await paths({ version: 1 })).toEqual(['action']);
    expect(await paths({ action: 'REGISTER' })).toEqual(['version']);
    expect(await paths({ action: 'ESCALATE' })).toEqual(['version', 'reason']);
    expect(await paths({ action: 'ESCALATE', version: 1, reason: ' ' })).toEqual(['reason']);
    expect(await paths({ action: 'REQUEST_RETURN', version: 0, reason: 'x', reasonCode: 'BORED' })).toEqual([
      'version',
      'reason',
      'reasonCode',
    ]);
    expect(await paths({ action: 'SELF_RESOLVE', version: 1, note: '已处理', attachmentIds: [] })).toEqual([
      'attachmentIds',
    ]);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('answers 404 for an unknown case and for a case outside the jurisdiction', async () => {
    const unknown = await act(u['township.dispatcher'], { id: 'no-such-case', version: 1 }, 'REGISTER');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such case.' } });
    const c = await caseRegisteredAtTownship(app, p);
    const before = await snapshot(c.id);
    const other = await act(u['township2.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-GONGAN' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('answers 403 to a party that may never take the action', async () => {
    const reported = await buildCase(app, u.gridworker);
    const register = await act(u.gridworker, reported, 'REGISTER');
    expect(register.status).toBe(403);
    expect(register.body.error.code).toBe('FORBIDDEN');
    expect(await eventCount(app, reported.id)).toBe(1);

    const dispatched = await dispatchedCase(app, p);
    const before = await snapshot(dispatched.id);
    const close = await act(u['dept.chengguan'], dispatched, 'CLOSE');
    expect(close.status).toBe(403);
    expect(close.body.error.code).toBe('FORBIDDEN');
    // The village station no longer owns an escalated case: 403 too.
    expect((await act(u['village.operator'], dispatched, 'ACCEPT_RETURN')).status).toBe(403);
    expect(await snapshot(dispatched.id)).toEqual(before);
  });

  it('answers 409 VERSION_CONFLICT on a stale version and changes nothing', async () => {
    const reported = await buildCase(app, u.gridworker);
    const registered = await actOk(u['village.operator'], reported, 'REGISTER');
    expect(registered.version).toBe(2);
    const before = await snapshot(reported.id);
    const stale = await act(u['village.operator'], reported, 'ESCALATE', { reason: '用旧版本上报' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'VERSION_CONFLICT',
      message: expect.any(String),
      details: [{ path: 'version', message: 'current version is 2' }],
    });
    const after = await snapshot(reported.id);
    expect(after).toEqual(before);
    expect(after.case).toMatchObject({ version: 2, state: 'REGISTERED' });
    expect(after.events).toBe(2);
  });

  it('answers 409 INVALID_STATE when the action does not apply to the state', async () => {
    const reported = await buildCase(app, u.gridworker);
    const before = await snapshot(reported.id);
    const close = await act(u['village.operator'], reported, 'CLOSE');
    expect(close.status).toBe(409);
    expect(close.body.error).toEqual({
      code: 'INVALID_STATE',
      message: 'CLOSE is not possible in state REPORTED',
    });
    const dispatch = await act(u['village.operator'], reported, 'ESCALATE', { reason: '还没立案' });
    expect(dispatch.status).toBe(409);
    expect(await snapshot(reported.id)).toEqual(before);
  });

  it('answers 422 RULE_VIOLATION when a rule forbids it: the city cannot escalate', async () => {
    let c = await caseRegisteredAtTownship(app, p);
    c = await actOk(u['township.dispatcher'], c, 'ESCALATE', { reason: '街道无法处置' });
    const county = await app.as('county.dispatcher');
    c = await actOk(county, c, 'REGISTER');
    c = await actOk(county, c, 'ESCALATE', { reason: '区里无法处置' });
    c = await actOk(u['city.dispatcher'], c, 'REGISTER');
    expect(c).toMatchObject({ ownerLevel: 'CITY', ownerUnitCode: '371500000000', state: 'REGISTERED' });
    const before = await snapshot(c.id);
    const res = await act(u['city.dispatcher'], c, 'ESCALATE', { reason: '再往上报' });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: 'RULE_VIOLATION', message: 'the city is the highest level' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  describe('DISPATCH targets', () => {
    it("answers 400 naming each department outside the dispatching unit's reach", async () => {
      const c = await caseRegisteredAtTownship(app, p);
      const before = await snapshot(c.id);
      const res = await act(u['township.dispatcher'], c, 'DISPATCH', {
        leadDepartmentId: '371503-CHENGGUAN', // 茌平区: another county
        coDepartmentIds: ['NO-SUCH-DEPT', '371502002-ZHIFA', '371502-GONGAN'],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        { path: 'leadDepartmentId', message: "茌平区综合行政执法局 is outside the dispatching unit's reach" },
        { path: 'coDepartmentIds.0', message: 'no such department' },
        {
          path: 'coDepartmentIds.1',
          message: "柳园街道综合行政执法中队 is outside the dispatching unit's reach",
        },
      ]);
      const twice = await act(u['township.dispatcher'], c, 'DISPATCH', {
        leadDepartmentId: '371502-CHENGGUAN',
        coDepartmentIds: ['371502-CHENGGUAN'],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.error.details).toEqual([
        { path: 'coDepartmentIds.0', message: 'department listed twice' },
      ]);
      expect(await snapshot(c.id)).toEqual(before);
    });

    it("dispatches to the township's own office, its county's bureaux and the city's", async () => {
      const c = await caseRegisteredAtTownship(app, p);
      const done = await actOk(u['township.dispatcher'], c, 'DISPATCH', {
        leadDepartmentId: '371502001-ZHIFA',
        coDepartmentIds: ['371502-GONGAN', '3715-SHUIWU'],
      });
      expect(done.state).toBe('DISPATCHED');
      expect(done.leadDepartmentId).toBe('371502001-ZHIFA');
      expect(
        done.tasks.map((t: { departmentId: string; isLead: boolean }) => [t.departmentId, t.isLead]),
      ).toEqual(
        expect.arrayContaining([
          ['371502001-ZHIFA', true],
          ['371502-GONGAN', false],
          ['3715-SHUIWU', false],
        ]),
      );
      expect(done.tasks).toHaveLength(3);
    });
  });
});
