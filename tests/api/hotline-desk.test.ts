import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveHotlineOrder } from '../../api/src/services/hotline/receive-hotline-order';
import { act, actOk, buildCase, loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * The 12345 desk (docs/channels.md "The 12345 desk"): caller fields on a hotline call, masked
 * everywhere but through the logged reveal, the 回访 queue, callbacks reopening the case at the
 * level that closed it, and the three hotline rates against a hand recount.
 */
const NAMES = [
  'hotline',
  'gridworker',
  'gridworker2',
  'village.operator',
  'township.dispatcher',
  'township2.dispatcher',
  'county.dispatcher',
  'city.dispatcher',
  'command.city',
  'admin',
  'dept.chengguan',
  'dept.gongan',
  'auditor',
] as const;
type Users = Record<(typeof NAMES)[number], ApiClient>;
const CG = '371502-CHENGGUAN';
const PHONE = '13812345678';
const CALLER = { requestType: '投诉', name: '王女士', phone: '138 1234 5678' };

describe('the 12345 desk', () => {
  let app: TestApp;
  let u: Users;

  /** A desk call in the gridworker's cell, taken to the township, dispatched, handled and closed there. */
  const closedCall = async (caller: object = CALLER) => {
    let c = await buildCase(app, u.hotline, { gridCode: u.gridworker.user.gridCodes[0], caller } as never);
    c = await actOk(u['village.operator'], c, 'REGISTER');
    c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要执法局处置' });
    c = await actOk(u['township.dispatcher'], c, 'REGISTER');
    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: CG });
    c = await actOk(u['dept.chengguan'], c, 'CLAIM');
    c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已处置' });
    c = await actOk(u.gridworker, c, 'CHECK_PASS');
    return actOk(u['township.dispatcher'], c, 'CLOSE');
  };
  const callbacks = async (client: ApiClient, query = 'state=due') => {
    const res = await client.get(`/api/hotline/callbacks?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { data: any[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: new Date('2026-11-02T02:00:00Z') });
    u = await loginAll(app, ...NAMES);
  });
  afterAll(() => app.close());

  it('records the caller in the report transaction, the phone encrypted, and answers it masked', async () => {
    const c = await buildCase(app, u.hotline, {
      gridCode: u.gridworker.user.gridCodes[0],
      caller: CALLER,
    } as never);
    expect(c.source).toBe('HOTLINE');
    expect(c.caller).toEqual({
      channel: 'DESK',
      requestType: '投诉',
      name: '王女士',
      phoneMasked: '138****5678',
      canReveal: true,
    });
    const row = await app.ctx.db.read.hotlineCall.findUniqueOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ requestType: '投诉', callerName: '王女士' });
    expect(row.callerPhone).toMatch(/^v1:/);
    expect(row.callerPhone).not.toContain('5678');
    expect(app.ctx.registerCipher.decrypt('phone', row.callerPhone!)).toBe(PHONE);
    // A report without a caller (a grid worker's) has none, and no row.
    const own = await buildCase(app, u.gridworker);
    expect(own.caller).toBeNull();
  });

  it('lists every problem of a bad call, and refuses a caller from anyone but the hotline', async () => {
    const res = await u.hotline.post(
      '/api/cases',
      {
        categoryCode: '0201',
        description: '',
        location: await pointIn(app, u.gridworker.user.gridCodes[0]!),
        caller: { requestType: '闲聊', name: '', phone: '12-3', extra: 1 },
      },
      { 'idempotency-key': 'bad-call-0001' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['caller', 'caller.name', 'caller.phone', 'caller.requestType', 'description']);

    const worker = await u.gridworker.post(
      '/api/cases',
      {
        categoryCode: '0201',
        description: '早市摊贩占道',
        location: await pointIn(app, u.gridworker.user.gridCodes[0]!),
        caller: { requestType: '投诉' },
      },
      { 'idempotency-key': 'worker-call-0001' },
    );
    expect(worker.status).toBe(400);
    expect(worker.body.error.details).toEqual([
      { path: 'caller', message: 'only the 12345 hotline records a caller' },
    ]);
  });

  it('never sends the full phone to any role that reads the case; only the hotline and the owning level may reveal, logged', async () => {
    const c = await closedCall();
    expect(c.ownerUnitCode).toBe(u['township.dispatcher'].user.unitCode);
    const readers = [
      'hotline',
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'county.dispatcher',
      'city.dispatcher',
      'command.city',
      'admin',
      'dept.chengguan',
    ] as const;
    for (const name of readers) {
      const res = await u[name].get(`/api/cases/${c.id}`);
      expect(res.status, name).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text, name).not.toContain(PHONE);
      expect(res.body.data.caller, name).toMatchObject({ phoneMasked: '138****5678', requestType: '投诉' });
      expect(res.body.data.caller.canReveal, name).toBe(name === 'hotline' || name === 'township.dispatcher');
      const queue = await u[name].get('/api/hotline/callbacks?state=due');
      expect(JSON.stringify(queue.body), name).not.toContain(PHONE);
    }
    for (const name of ['gridworker2', 'dept.gongan', 'auditor', 'township2.dispatcher'] as const)
      expect((await u[name].get(`/api/cases/${c.id}`)).status, name).toBe(404);

    const reveal = (client: ApiClient, body: object = { purpose: '回访核实诉求' }) =>
      client.post(`/api/cases/${c.id}/caller/reveal`, body);
    expect((await app.anonymous().post(`/api/cases/${c.id}/caller/reveal`, { purpose: 'x1' })).status).toBe(
      401,
    );
    const bad = await reveal(u.hotline, { purpose: '', more: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['(root)', 'purpose']);
    for (const name of [
      'village.operator',
      'county.dispatcher',
      'command.city',
      'dept.chengguan',
      'admin',
    ] as const)
      expect((await reveal(u[name])).status, name).toBe(403);
    expect((await reveal(u.gridworker2)).status).toBe(404);
    for (const name of ['hotline', 'township.dispatcher'] as const) {
      const ok = await reveal(u[name]);
      expect(ok.status, name).toBe(200);
      expect(ok.body).toEqual({ data: { phone: PHONE } });
    }
    const log = await app.ctx.db.read.registerAccess.findMany({
      where: { caseId: c.id },
      // Both at the same instant of the manual clock: by who.
      orderBy: { username: 'asc' },
    });
    expect(log.map((l) => [l.username, l.action, l.fields, l.purpose])).toEqual([
      ['hotline', 'REVEAL_CALLER', 'callerPhone', '回访核实诉求'],
      ['township.dispatcher', 'REVEAL_CALLER', 'callerPhone', '回访核实诉求'],
    ]);
  });

  it('shows an exchange order’s caller the same way', async () => {
    const location = await pointIn(app, u.gridworker.user.gridCodes[0]!);
    const order = await receiveHotlineOrder(app.ctx, {
      orderId: 'GD-DESK-0001',
      receivedAt: app.clock.now(),
      requestType: '求助',
      categoryCode: '0201',
      description: '平台转来：占道经营',
      callerName: '李先生',
      callerPhone: '13900001111',
      location,
    });
    const res = await u['county.dispatcher'].get(`/api/cases/${order.caseId}`);
    expect(res.body.data.caller).toEqual({
      channel: 'EXCHANGE',
      requestType: '求助',
      name: '李先生',
      phoneMasked: '139****1111',
      canReveal: false,
    });
    expect(JSON.stringify(res.body)).not.toContain('13900001111');
  });

  it('queues closed hotline cases oldest closure first, scoped; callbacks archive or reopen at the closing level as rework', async () => {
    app.clock.set(new Date('2026-11-03T02:00:00Z'));
    u = await loginAll(app, ...NAMES);
    const first = await closedCall({ requestType: '投诉', phone: '13700000001' });
    app.clock.advance(60_000);
    const second = await closedCall({ requestType: '建议' });
    app.clock.advance(60_000);
    await closedCall({ requestType: '咨询' }); // a third, for paging

    const due = await callbacks(u.hotline, 'state=due&limit=200');
    const ours = due.data.filter((r) => [first.id, second.id].includes(r.id));
    expect(ours.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(ours[0]).toMatchObject({
      code: first.code,
      state: 'CLOSED',
      closedAt: first.closedAt,
      caller: { requestType: '投诉', phoneMasked: '137****0001' },
      result: null,
    });
    expect(ours[0].callbackDeadline).toBeTruthy();
    const closures = due.data.map((r) => r.closedAt);
    expect(closures).toEqual([...closures].sort());
    // Paging walks the same order without repeats.
    const p1 = await callbacks(u.hotline, 'state=due&limit=2');
    const p2 = await callbacks(u.hotline, `state=due&limit=200&cursor=${p1.nextCursor}`);
    expect([...p1.data, ...p2.data].map((r) => r.id)).toEqual(due.data.map((r) => r.id));
    // Through the case policy: the other township sees none of them, a grid worker of the cell does.
    expect((await callbacks(u['township2.dispatcher'])).data.map((r) => r.id)).not.toContain(first.id);
    expect((await callbacks(u.gridworker)).data.map((r) => r.id)).toContain(first.id);
    expect(
      (await u.hotline.get('/api/hotline/callbacks?state=later&limit=0')).body.error.details,
    ).toHaveLength(2);
    expect((await app.anonymous().get('/api/hotline/callbacks')).status).toBe(401);

    // Only the hotline calls back.
    expect(
      (await act(u['township.dispatcher'], first, 'CALLBACK_DISSATISFIED', { reason: 'x不满意' })).status,
    ).toBe(403);
    const reopened = await actOk(u.hotline, first, 'CALLBACK_DISSATISFIED', { reason: '摊贩晚上又回来了' });
    // Back at the level that closed it (the township), its department doing it again: rework.
    expect(reopened).toMatchObject({
      state: 'DISPATCHED',
      ownerUnitCode: first.ownerUnitCode,
      ownerLevel: 'TOWNSHIP',
      reworkCount: 1,
      closedAt: null,
      leadDepartmentId: CG,
    });
    expect(reopened.events.at(-1)).toMatchObject({
      action: 'CALLBACK_DISSATISFIED',
      fromState: 'CLOSED',
      toState: 'DISPATCHED',
      toUnitCode: first.ownerUnitCode,
      payload: { satisfied: false, resolved: false, departmentId: CG, round: 1 },
    });
    const logged = await app.ctx.db.read.caseEvent.findFirstOrThrow({
      where: { caseId: first.id, action: 'CALLBACK_DISSATISFIED' },
    });
    expect(logged).toMatchObject({ callbackRating: 'DISSATISFIED', callbackResolved: false });
    const archived = await actOk(u.hotline, second, 'CALLBACK_SATISFIED', {
      rating: 'BASIC',
      resolved: true,
      note: '基本满意',
    });
    expect(archived.state).toBe('ARCHIVED');
    const badRating = await act(u.hotline, { id: second.id, version: 1 }, 'CALLBACK_SATISFIED', {
      rating: 'DISSATISFIED',
      resolved: 'yes',
    });
    expect(badRating.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'rating',
      'resolved',
    ]);

    const stillDue = (await callbacks(u.hotline, 'state=due&limit=200')).data.map((r) => r.id);
    expect(stillDue).not.toContain(first.id);
    expect(stillDue).not.toContain(second.id);
    const done = await callbacks(u.hotline, 'state=done');
    expect(done.data.slice(0, 2)).toMatchObject([
      { id: second.id, state: 'ARCHIVED', result: { rating: 'BASIC', resolved: true, note: '基本满意' } },
      {
        id: first.id,
        state: 'DISPATCHED',
        result: { rating: 'DISSATISFIED', resolved: false, note: '摊贩晚上又回来了' },
      },
    ]);
  });

  it('computes 响应率, 解决率 and 满意率 as a hand recount, the dissatisfied callback counted as rework', async () => {
    // A fresh month: December 2026, township 古楼街道.
    app.clock.set(new Date('2026-12-01T02:00:00Z'));
    u = await loginAll(app, ...NAMES);
    const a = await closedCall(); // A: 满意, solved
    const b = await closedCall(); // B: 基本满意, not solved
    const c = await closedCall(); // C: 不满意 (rework)
    await actOk(u.hotline, a, 'CALLBACK_SATISFIED', { rating: 'SATISFIED', resolved: true });
    await actOk(u.hotline, b, 'CALLBACK_SATISFIED', { rating: 'BASIC', resolved: false });
    await actOk(u.hotline, c, 'CALLBACK_DISSATISFIED', { reason: '没有解决' });
    // L: a call the village leaves past its 30-minute limit (red card while REPORTED): not answered in time.
    await buildCase(app, u.hotline, { gridCode: u.gridworker.user.gridCodes[0], caller: CALLER } as never);
    await buildCase(app, u.gridworker); // G: a grid worker's report is no 12345 order
    app.clock.advance(31 * 60_000);
    const { sweepTimers } = await import('../../api/src/services/timers/sweep-timers');
    await sweepTimers(app.ctx);

    const res = await u['township.dispatcher'].get('/api/metrics?from=2026-12-01&to=2026-12-31');
    expect(res.status).toBe(200);
    const rates = Object.fromEntries(
      [...res.body.data.rates, ...res.body.data.hotline].map((r: any) => [
        r.key,
        [r.numerator, r.denominator, r.name],
      ]),
    );
    // Orders: A B C L; answered in time: A B C (registered at once), not L.
    expect(rates.hotlineResponse).toEqual([3, 4, '12345 响应率']);
    // Evaluated: A B C; solved in the caller's words: A.
    expect(rates.hotlineResolution).toEqual([1, 3, '12345 解决率']);
    // Satisfied: 满意 A + 基本满意 B.
    expect(rates.hotlineSatisfaction).toEqual([2, 3, '12345 满意率']);
    // C's dissatisfied callback is rework (with no failed check this month).
    expect(rates.rework![0]).toBe(1);
    // The export carries them too.
    const csv = await u['township.dispatcher'].get(
      '/api/metrics/export?from=2026-12-01&to=2026-12-31&format=csv',
    );
    expect(String(csv.body)).toContain('12345 满意率,2,3,66.67');
  });
});
