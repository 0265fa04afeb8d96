import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { act, actOk, dispatchedCase, eventCount, type LoopParties, loginAll } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;
/** Dispatched Mon 2026-11-23 10:00 Shanghai + 5 working days = Mon 11-30 10:00. */
const HANDLE_DEADLINE = '2026-11-30T02:00:00.000Z';

/** Extensions (延期) and suspension (挂账): how the handling deadline moves. */
describe('handling deadlines: extensions and suspension', () => {
  let app: TestApp | undefined;
  let p: LoopParties;
  let dept: ApiClient;
  beforeEach(async () => {
    await app?.close();
    app = await startTestApp();
    const u = await loginAll(app, 'gridworker', 'village.operator', 'township.dispatcher', 'dept.chengguan');
    p = { worker: u.gridworker, village: u['village.operator'], township: u['township.dispatcher'] };
    dept = u['dept.chengguan'];
  });
  afterAll(() => app?.close());

  /** A case claimed by 城管 at Monday 10:00. */
  async function claimedCase() {
    const c = await dispatchedCase(app!, p, '371502-CHENGGUAN');
    expect(c.deadlines.handle).toBe(HANDLE_DEADLINE);
    return actOk(dept, c, 'CLAIM');
  }
  const lead = (c: { tasks: { isLead: boolean }[] }) => c.tasks.find((t) => t.isLead)!;

  describe('extensions', () => {
    it('moves the handling deadline by the approved working days, across a weekend', async () => {
      let c = await claimedCase();
      c = await actOk(dept, c, 'REQUEST_EXTENSION', { days: 5, reason: '需协调产权单位' });
      expect(c).toMatchObject({ state: 'EXTENSION_REQUESTED', extensionDays: 0 });
      expect(lead(c)).toMatchObject({ extensionDaysRequested: 5 });
      expect(c.deadlines.handle).toBe(HANDLE_DEADLINE);

      c = await actOk(p.township, c, 'APPROVE_EXTENSION');
      // Mon 11-30 10:00 + 5 working days: Tue 1, Wed 2, Thu 3, Fri 4, (Sat 5, Sun 6 off) Mon 12-07 10:00.
      const extended = '2026-12-07T02:00:00.000Z';
      expect(c).toMatchObject({ state: 'CLAIMED', extensionDays: 5 });
      expect(c.deadlines).toEqual({ stage: extended, handle: extended });
      expect(lead(c)).toMatchObject({ handleDeadline: extended, extensionDaysRequested: null });
      expect(c.events.at(-1)).toMatchObject({
        action: 'APPROVE_EXTENSION',
        payload: { days: 5, handleDeadline: extended },
      });
    });

    it('caps extensions at 10 working days in total (422), and refuses more than 10 at once (400)', async () => {
      let c = await claimedCase();
      // The shared schema already bounds one request to 1–10 days: 11 is malformed, not a rule breach.
      const eleven = await act(dept, c, 'REQUEST_EXTENSION', { days: 11, reason: '工程量大' });
      expect(eleven.status).toBe(400);
      expect(eleven.body.error.details.map((d: { path: string }) => d.path)).toEqual(['days']);

      c = await actOk(dept, c, 'REQUEST_EXTENSION', { days: 4, reason: '工程量大' });
      c = await actOk(p.township, c, 'APPROVE_EXTENSION');
      const events = await eventCount(app!, c.id);
      const tooMany = await act(dept, c, 'REQUEST_EXTENSION', { days: 7, reason: '还需要时间' });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.error).toEqual({
        code: 'RULE_VIOLATION',
        message: 'At most 6 more working days can be requested.',
        details: [{ path: 'days', message: 'must be at most 6' }],
      });
      expect(await eventCount(app!, c.id)).toBe(events);

      c = await actOk(dept, c, 'REQUEST_EXTENSION', { days: 6, reason: '还需要时间' });
      c = await actOk(p.township, c, 'APPROVE_EXTENSION');
      expect(c.extensionDays).toBe(10);
      // Mon 11-30 + 4 = Fri 12-04; + 6 = Mon 12-14 (weekend of 5/6 and 12/13 skipped).
      expect(c.deadlines.handle).toBe('2026-12-14T02:00:00.000Z');
      const exhausted = await act(dept, c, 'REQUEST_EXTENSION', { days: 1, reason: '再延一天' });
      expect(exhausted.status).toBe(422);
      expect(exhausted.body.error.message).toBe('extensions are limited to 10 working days in total');
    });

    it('keeps the deadline when the extension is refused, and refuses a request after the deadline', async () => {
      let c = await claimedCase();
      c = await actOk(dept, c, 'REQUEST_EXTENSION', { days: 3, reason: '需协调' });
      c = await actOk(p.township, c, 'REJECT_EXTENSION', { reason: '可以按期完成' });
      expect(c).toMatchObject({ state: 'CLAIMED', extensionDays: 0 });
      expect(c.deadlines).toEqual({ stage: HANDLE_DEADLINE, handle: HANDLE_DEADLINE });

      app!.clock.set(new Date(Date.parse(HANDLE_DEADLINE) + 60_000));
      const late = await app!.as('dept.chengguan');
      const res = await act(late, c, 'REQUEST_EXTENSION', { days: 2, reason: '超期后补申请' });
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({
        code: 'RULE_VIOLATION',
        message: 'an extension must be requested before the deadline',
      });
    });
  });

  describe('suspension', () => {
    it('lets only a county or city centre suspend; RESUME moves the deadline by the working time parked', async () => {
      let c = await claimedCase();
      const byTownship = await act(p.township, c, 'SUSPEND', { reason: '历史遗留问题' });
      expect(byTownship.status).toBe(403);

      // Suspended Tue 11-24 10:00 (tokens from Monday morning have expired: sign in again).
      app!.clock.set(new Date('2026-11-24T02:00:00Z'));
      let county = await app!.as('county.dispatcher');
      c = await actOk(county, c, 'SUSPEND', { reason: '历史遗留问题，需长期协调' });
      expect(c).toMatchObject({ state: 'SUSPENDED', suspendedAt: '2026-11-24T02:00:00.000Z' });
      expect(c.deadlines).toEqual({ stage: null, handle: HANDLE_DEADLINE });
      expect(c.isOverdue).toBe(false);
      const suspendedDept = await app!.as('dept.chengguan');
      const feedback = await act(suspendedDept, c, 'FEEDBACK', { note: '挂账期间反馈' });
      expect(feedback.status).toBe(409);
      expect(feedback.body.error.code).toBe('INVALID_STATE');

      // Resumed Tue 12-01 10:00. Working time parked: Tue 14 h + Wed, Thu, Fri 24 h each +
      // (weekend 0) + Mon 24 h + Tue 10 h = 120 h = 5 working days. The deadline Mon 11-30 10:00
      // moves 5 working days: Tue, Wed, Thu, Fri, (weekend) Mon 12-07 10:00 — not the
      // wall-clock 120 h later, which would be Saturday 12-05.
      app!.clock.set(new Date('2026-12-01T02:00:00Z'));
      county = await app!.as('county.dispatcher');
      c = await actOk(county, c, 'RESUME');
      const resumed = '2026-12-07T02:00:00.000Z';
      expect(c).toMatchObject({ state: 'CLAIMED', suspendedAt: null });
      expect(c.deadlines).toEqual({ stage: resumed, handle: resumed });
      expect(lead(c)).toMatchObject({ handleDeadline: resumed });
      expect(c.events.at(-1)).toMatchObject({
        action: 'RESUME',
        payload: { parkedWorkingMs: 120 * HOUR, handleDeadline: resumed },
      });
    });

    it('counts no weekend time: a suspension over a weekend moves the deadline by working hours only', async () => {
      let c = await claimedCase();
      // Fri 11-27 20:00 → Mon 11-30 00:00 Shanghai: Friday's last 4 hours are working time.
      app!.clock.set(new Date('2026-11-27T12:00:00Z'));
      let county = await app!.as('county.dispatcher');
      c = await actOk(county, c, 'SUSPEND', { reason: '周末挂账' });
      app!.clock.set(new Date('2026-11-29T16:00:00Z'));
      county = await app!.as('county.dispatcher');
      c = await actOk(county, c, 'RESUME');
      // 4 working hours from Mon 11-30 10:00 is Mon 14:00.
      expect(c.deadlines.handle).toBe('2026-11-30T06:00:00.000Z');
    });
  });
});
