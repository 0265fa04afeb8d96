import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase } from '../support/factories';
import { type Listener, listen, request } from '../support/socket-client';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

describe('task offers and atomic claims (网格吹哨、部门报到)', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let staff1: Listener;
  let staff2: Listener;
  let township: Listener;
  beforeAll(async () => {
    app = await startTestApp();
    u = {};
    for (const n of [
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.chengguan2',
      'dept.gongan',
    ]) {
      u[n] = await app.as(n);
    }
    staff1 = await listen(app, u['dept.chengguan']!);
    staff2 = await listen(app, u['dept.chengguan2']!);
    township = await listen(app, u['township.dispatcher']!);
  });
  afterAll(async () => {
    for (const l of [staff1, staff2, township]) l.close();
    await app.close();
  });

  async function dispatchedCase() {
    let c = await buildCase(app, u.gridworker!);
    c = await actOk(u['village.operator']!, c, 'REGISTER');
    c = await actOk(u['village.operator']!, c, 'ESCALATE', { reason: '需要执法' });
    c = await actOk(u['township.dispatcher']!, c, 'REGISTER');
    return actOk(u['township.dispatcher']!, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
  }

  it('offers the task to every online staff member; simultaneous claims have exactly one winner', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await dispatchedCase();
      const offerSeq = c.events.at(-1).seq;
      await Promise.all([staff1.waitForSeq(offerSeq), staff2.waitForSeq(offerSeq)]);
      const claim = { caseId: c.id, input: { action: 'CLAIM', version: c.version } };
      const [a, b] = await Promise.all([
        request(staff1, 'case:act', claim),
        request(staff2, 'case:act', claim),
      ]);
      const winners = [a, b].filter((r) => r.data);
      const losers = [a, b].filter((r) => r.error);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].error.code).toBe('VERSION_CONFLICT');
      const winner = winners[0].data;
      const claimSeq = winner.events.at(-1).seq;
      // Everyone, the loser included, is told who took it.
      const [seen1, seen2, seenT] = await Promise.all([
        staff1.waitForSeq(claimSeq),
        staff2.waitForSeq(claimSeq),
        township.waitForSeq(claimSeq),
      ]);
      for (const seen of [seen1, seen2, seenT]) {
        expect(seen.name).toBe('task:claimed');
        expect(seen.event.actor.id).toBe(winner.tasks[0].claimedById);
        expect(['区综合执法局 赵磊', '区综合执法局 孙敏']).toContain(seen.event.actor.name);
      }
      const claims = await app.ctx.db.read.caseEvent.count({ where: { caseId: c.id, action: 'CLAIM' } });
      expect(claims).toBe(1);
    }
  });

  it('lets a centre whistle several departments and see who has reported in, live', async () => {
    let c = await buildCase(app, u.gridworker!);
    c = await actOk(u['village.operator']!, c, 'REGISTER');
    c = await actOk(u['village.operator']!, c, 'ESCALATE', { reason: '多部门联合处置' });
    c = await actOk(u['township.dispatcher']!, c, 'REGISTER');
    const gongan = await listen(app, u['dept.gongan']!);
    c = await actOk(u['township.dispatcher']!, c, 'WHISTLE', {
      reason: '联合执法',
      departmentIds: ['371502-CHENGGUAN', '371502-GONGAN'],
    });
    const whistleSeq = c.events.at(-1).seq;
    const [called] = await Promise.all([gongan.waitForSeq(whistleSeq), staff1.waitForSeq(whistleSeq)]);
    expect(called.name).toBe('whistle:called');
    expect(c.whistles.map((w: any) => [w.departmentId, w.reportedInAt])).toEqual([
      ['371502-CHENGGUAN', null],
      ['371502-GONGAN', null],
    ]);
    // 公安 reports in over the socket; the centre sees it at once.
    const reported = await request(gongan, 'case:act', {
      caseId: c.id,
      input: { action: 'REPORT_IN', version: c.version },
    });
    expect(
      reported.data.whistles.find((w: any) => w.departmentId === '371502-GONGAN').reportedInAt,
    ).not.toBeNull();
    expect(
      reported.data.whistles.find((w: any) => w.departmentId === '371502-CHENGGUAN').reportedInAt,
    ).toBeNull();
    const inSeq = reported.data.events.at(-1).seq;
    const seen = await township.waitForSeq(inSeq);
    expect(seen.name).toBe('whistle:reported-in');
    expect(seen.event.actor.departmentId).toBe('371502-GONGAN');
    expect(seen.event.payload).toMatchObject({ onTime: true });
    // A department that already reported in cannot do it twice.
    const again = await request(gongan, 'case:act', {
      caseId: c.id,
      input: { action: 'REPORT_IN', version: reported.data.version },
    });
    expect(again.error.code).toBe('FORBIDDEN');
    gongan.close();
  });
});
