import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, actOk, buildCase } from '../support/factories';
import { type Listener, listen } from '../support/socket-client';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const NAMES = [
  'gridworker',
  'gridworker2',
  'village.operator',
  'township.dispatcher',
  'township2.dispatcher',
  'county.dispatcher',
  'command.city',
  'dept.chengguan',
  'dept.gongan',
] as const;
type Name = (typeof NAMES)[number];

describe('who receives a case event, and who must not', () => {
  let app: TestApp;
  const u = {} as Record<Name, ApiClient>;
  const l = {} as Record<Name, Listener>;
  beforeAll(async () => {
    app = await startTestApp();
    for (const name of NAMES) {
      u[name] = await app.as(name);
      l[name] = await listen(app, u[name]);
    }
  });
  afterAll(async () => {
    for (const name of NAMES) l[name].close();
    await app.close();
  });

  /** Waits until the expected receivers have the event, then checks nobody else got it. */
  async function expectDelivered(seq: number, to: Name[]) {
    await Promise.all(to.map((n) => l[n].waitForSeq(seq)));
    // The server emits to all target rooms in one synchronous call, so once the expected
    // receivers have the event a wrongly targeted socket on the same loopback has it too.
    for (const n of NAMES) {
      const got = l[n].received.some((r) => r.event.seq === seq);
      expect({ who: n, got }).toEqual({ who: n, got: to.includes(n) });
    }
  }

  it('routes each step to its jurisdiction and parties only', async () => {
    let c = await buildCase(app, u.gridworker);
    const reported = c.events[0].seq;
    const upTheChain: Name[] = [
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'county.dispatcher',
      'command.city',
    ];
    await expectDelivered(reported, upTheChain);
    const event = l['township.dispatcher'].received.find((r) => r.event.seq === reported)!;
    expect(event.name).toBe('case:reported');
    expect(event.event).toMatchObject({
      caseId: c.id,
      toState: 'REPORTED',
      replayed: false,
      actor: { role: 'GRID_WORKER' },
    });

    c = await actOk(u['village.operator'], c, 'REGISTER');
    c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要执法' });
    c = await actOk(u['township.dispatcher'], c, 'REGISTER');
    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    const dispatched = c.events.at(-1).seq;
    await expectDelivered(dispatched, [...upTheChain, 'dept.chengguan']);
    const offer = l['dept.chengguan'].received.find((r) => r.event.seq === dispatched)!;
    expect(offer.name).toBe('task:dispatched');
    expect(offer.event.payload).toMatchObject({ leadDepartmentId: '371502-CHENGGUAN' });
    // The department did not get the history from before it was involved.
    expect(l['dept.chengguan'].received.map((r) => r.event.seq)).toEqual([dispatched]);
  });

  it('broadcasts nothing for a failed action', async () => {
    const c = await buildCase(app, u.gridworker);
    await l['township.dispatcher'].waitForSeq(c.events[0].seq);
    const before = l['township.dispatcher'].received.length;
    const stale = await act(u['village.operator'], { ...c, version: 99 }, 'REGISTER');
    expect(stale.status).toBe(409);
    const wrongParty = await act(u.gridworker, c, 'REGISTER');
    expect(wrongParty.status).toBe(403);
    const ok = await actOk(u['village.operator'], c, 'REGISTER');
    const next = await l['township.dispatcher'].waitForSeq(ok.events.at(-1).seq);
    // The next thing the township saw after the report is the successful REGISTER.
    expect(l['township.dispatcher'].received.length).toBe(before + 1);
    expect(next.event.action).toBe('REGISTER');
  });
});
