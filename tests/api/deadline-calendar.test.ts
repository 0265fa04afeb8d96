import { afterEach, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { actOk, buildCase } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * Stage deadlines and alarms on the 2026 State Council holiday calendar
 * (国办发明电 2025, shared/src/calendar/holidays-cn.ts), through the real HTTP API on a manual
 * clock. Every expected instant is counted by hand below from these facts (not from the
 * calendar library):
 *
 * - 元旦: Thu 2026-01-01 – Sat 01-03 off; Sun 01-04 调休上班.
 * - 春节: Sat 02-14 调休上班; Sun 02-15 – Mon 02-23 off; Sat 02-28 调休上班.
 * - 中秋: Sun 09-20 调休上班; Fri 09-25 – Sun 09-27 off.
 * - 国庆: Thu 10-01 – Wed 10-07 off; Sat 10-10 调休上班.
 *
 * Default limits (domain brief §4, shared/src/calendar/time-limits.ts): claim 1, return 2 and
 * handle 5 working days, all counted from dispatch; callback 1 working day from closing;
 * register and dispatch 30 minutes of wall-clock time. Category 05 矛盾纠纷 handles in 10
 * working days. A working-day limit keeps the time of day. Yellow card: for limits of 2+
 * working days the same time on the previous working day; for 1 working day at 80 % of the
 * working time (never on a day off); for minutes and hours at 80 % of the wall-clock interval.
 * Red card: when the sweep finds the deadline passed.
 */

const HOUR = 3_600_000;
const NONE = { yellow: 0, red: 0, escalated: 0 };
const CHENGGUAN = '371502-CHENGGUAN';

/** A Shanghai wall-clock time, 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD HH:MM:SS' (UTC+8, no DST). */
function sh(local: string): Date {
  const [day, time] = local.split(' ');
  return new Date(`${day}T${time!.length === 5 ? `${time}:00` : time}+08:00`);
}
const iso = (local: string) => sh(local).toISOString();

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Signs in (tokens live 12 h of the manual clock, so again after every jump). */
const as = (name: string) => app!.as(name);

async function view(caseId: string) {
  const res = await (await as('township.dispatcher')).get(`/api/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

/** Report → village registers → escalates → township registers → dispatches to 城管, all now. */
async function dispatchNow(options: { categoryCode?: string; reporter?: string; description?: string } = {}) {
  const worker = await as('gridworker');
  const village = await as('village.operator');
  const township = await as('township.dispatcher');
  const reporter: ApiClient = options.reporter ? await as(options.reporter) : worker;
  let c = await buildCase(app!, reporter, {
    gridCode: worker.user.gridCodes[0],
    categoryCode: options.categoryCode ?? '0201',
    description: options.description ?? '占道经营，节前上报',
  });
  c = await actOk(village, c, 'REGISTER');
  c = await actOk(village, c, 'ESCALATE', { reason: '需要区执法局处置' });
  c = await actOk(township, c, 'REGISTER');
  return actOk(township, c, 'DISPATCH', { leadDepartmentId: CHENGGUAN });
}

async function claimNow(c: { id: string; version: number }) {
  return actOk(await as('dept.chengguan'), c, 'CLAIM');
}

/** Runs the sweep at `local` and returns what fired. */
async function sweepAt(local: string) {
  app!.clock.set(sh(local));
  return sweepTimers(app!.ctx);
}

/**
 * Runs the timer sweep every hour from now up to and including `local`, as the scheduler would
 * (it runs every 15 s): nothing may fire in that window.
 */
async function quietThrough(local: string) {
  const end = sh(local).getTime();
  for (let t = app!.clock.now().getTime() + HOUR; t < end; t += HOUR) {
    app!.clock.set(new Date(t));
    expect(await sweepTimers(app!.ctx), `sweep at ${new Date(t).toISOString()}`).toEqual(NONE);
  }
  expect(await sweepAt(local), `sweep at ${local}`).toEqual(NONE);
}

/** The alarm events of a case: [action, when (ISO), the deadline it was raised for]. */
async function alarmsOf(caseId: string) {
  const c = await view(caseId);
  return c.events
    .filter((e: any) => e.action === 'YELLOW_CARD' || e.action === 'RED_CARD')
    .map((e: any) => [e.action, e.createdAt, e.payload.deadline]);
}

const leadTask = (c: { tasks: any[] }) => c.tasks.find((t) => t.isLead);

describe('stage deadlines and alarms on the 2026 holiday calendar', () => {
  it('国庆 and 中秋: deadlines skip the eight days off and count the swapped Saturday 10-10; no red card during the holiday', async () => {
    // Q: dispatched Tue 09-29 15:00 and claimed at once.
    app = await startTestApp({ now: sh('2026-09-29 15:00') });
    let q = await claimNow(await dispatchNow({ description: 'Q 节前两天派遣' }));
    // Handle 5 WD from Tue 09-29 15:00: Wed 09-30 (1), [Thu 10-01 – Wed 10-07 off], Thu 10-08 (2),
    // Fri 10-09 (3), Sat 10-10 调休 (4), [Sun 10-11], Mon 10-12 (5) → Mon 10-12 15:00.
    // (Plain Mon–Fri weeks would give Tue 10-06; without the swapped Saturday, Tue 10-13.)
    q = await view(q.id);
    expect(q.deadlines).toEqual({ stage: iso('2026-10-12 15:00'), handle: iso('2026-10-12 15:00') });
    expect(leadTask(q)).toMatchObject({
      claimDeadline: iso('2026-09-30 15:00'), // 1 WD: Wed 09-30
      returnDeadline: iso('2026-10-08 15:00'), // 2 WD: Wed 09-30 (1), Thu 10-08 (2)
      handleDeadline: iso('2026-10-12 15:00'),
    });

    // P (left unclaimed) and D (矛盾纠纷, claimed): dispatched Wed 09-30 10:00, the last working
    // day before 国庆.
    app.clock.set(sh('2026-09-30 10:00'));
    const p = await view((await dispatchNow({ description: 'P 国庆前一天派遣' })).id);
    // Claim 1 WD: [10-01 – 10-07 off] → Thu 10-08 10:00.
    // Handle 5 WD: Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 调休 (3), Mon 10-12 (4), Tue 10-13 (5).
    expect(p.deadlines).toEqual({ stage: iso('2026-10-08 10:00'), handle: iso('2026-10-13 10:00') });
    expect(leadTask(p)).toMatchObject({
      claimDeadline: iso('2026-10-08 10:00'),
      returnDeadline: iso('2026-10-09 10:00'), // 2 WD: Thu 10-08 (1), Fri 10-09 (2)
      handleDeadline: iso('2026-10-13 10:00'),
    });
    let d = await claimNow(await dispatchNow({ categoryCode: '0501', description: 'D 邻里纠纷' }));
    // Category 05 handles in 10 WD: Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 (3), Mon 10-12 (4),
    // Tue 10-13 (5), Wed 10-14 (6), Thu 10-15 (7), Fri 10-16 (8), Mon 10-19 (9), Tue 10-20 (10).
    d = await view(d.id);
    expect(d.deadlines).toEqual({ stage: iso('2026-10-20 10:00'), handle: iso('2026-10-20 10:00') });

    // P's claim limit is 1 WD, so its yellow card comes at 80 % of the working time: Wed 09-30
    // 10:00 → Thu 10-08 10:00 holds 24 h on working days (14 h Wed, 10 h Thu); 80 % = 19 h 12 min:
    // 14 h to Wednesday midnight, the seven days off skipped, 5 h 12 min → Thu 10-08 05:12.
    // (Nothing during the holiday: 80 % of the wall-clock 192 h would have been Tue 10-06 19:36.)
    await quietThrough('2026-10-08 05:11:59');
    expect(await sweepAt('2026-10-08 05:12')).toEqual({ yellow: 1, red: 0, escalated: 0 });

    // No red card while the holiday lasts, nor on Thursday morning before 10:00.
    await quietThrough('2026-10-08 09:59:59');
    expect((await view(p.id)).isOverdue).toBe(false);
    // Right after the claim deadline passes: red card (the department's miss: no escalation).
    expect(await sweepAt('2026-10-08 10:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });
    expect(await view(p.id)).toMatchObject({ state: 'DISPATCHED', ownerLevel: 'TOWNSHIP', isOverdue: true });

    // 城管 claims P late, Thu 10-08 11:00: the stage becomes handling, due Tue 10-13 10:00 (set at
    // dispatch); its yellow card is the previous working day at the same time, Mon 10-12 10:00.
    app.clock.set(sh('2026-10-08 11:00'));
    await claimNow(await view(p.id));
    expect((await view(p.id)).deadlines).toEqual({
      stage: iso('2026-10-13 10:00'),
      handle: iso('2026-10-13 10:00'),
    });

    // Q's yellow card: the working day before Mon 10-12 is the swapped Saturday 10-10 → 15:00.
    await quietThrough('2026-10-10 14:59:59');
    expect(await sweepAt('2026-10-10 15:00')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    // Sun 10-11 is an ordinary day off; P's yellow card comes Mon 10-12 10:00.
    await quietThrough('2026-10-12 09:59:59');
    expect(await sweepAt('2026-10-12 10:00')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    // Q's red card right after Mon 10-12 15:00, P's right after Tue 10-13 10:00.
    await quietThrough('2026-10-12 14:59:59');
    expect((await view(q.id)).isOverdue).toBe(false);
    expect(await sweepAt('2026-10-12 15:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });
    expect((await view(q.id)).isOverdue).toBe(true);
    await quietThrough('2026-10-13 09:59:59');
    expect(await sweepAt('2026-10-13 10:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });

    expect(await alarmsOf(p.id)).toEqual([
      ['YELLOW_CARD', iso('2026-10-08 05:12'), iso('2026-10-08 10:00')],
      ['RED_CARD', iso('2026-10-08 10:00:01'), iso('2026-10-08 10:00')],
      ['YELLOW_CARD', iso('2026-10-12 10:00'), iso('2026-10-13 10:00')],
      ['RED_CARD', iso('2026-10-13 10:00:01'), iso('2026-10-13 10:00')],
    ]);
    expect(await alarmsOf(q.id)).toEqual([
      ['YELLOW_CARD', iso('2026-10-10 15:00'), iso('2026-10-12 15:00')],
      ['RED_CARD', iso('2026-10-12 15:00:01'), iso('2026-10-12 15:00')],
    ]);
    // D (due Tue 10-20, yellow Mon 10-19) raised nothing in all this time.
    expect(await alarmsOf(d.id)).toEqual([]);
  }, 120_000);

  it('元旦: the swapped working Sunday 01-04 is the first working day; its deadlines fire on that Sunday', async () => {
    // J: dispatched Wed 2025-12-31 10:00, the working day before 元旦, and left unclaimed.
    app = await startTestApp({ now: sh('2025-12-31 10:00') });
    const j = await view((await dispatchNow({ description: 'J 元旦前派遣' })).id);
    // Claim 1 WD: [Thu 01-01, Fri 01-02, Sat 01-03 off], Sun 01-04 调休 → Sun 01-04 10:00.
    // Handle 5 WD: Sun 01-04 (1), Mon 01-05 (2), Tue 01-06 (3), Wed 01-07 (4), Thu 01-08 (5).
    // (Plain weeks: Wed 01-07; without the swapped Sunday: Fri 01-09.)
    expect(j.deadlines).toEqual({ stage: iso('2026-01-04 10:00'), handle: iso('2026-01-08 10:00') });
    expect(leadTask(j)).toMatchObject({
      claimDeadline: iso('2026-01-04 10:00'),
      returnDeadline: iso('2026-01-05 10:00'), // 2 WD: Sun 01-04 (1), Mon 01-05 (2)
      handleDeadline: iso('2026-01-08 10:00'),
    });

    // H: a 12345 hotline case walked through the loop and closed Wed 12-31 16:00; the callback
    // (回访) is due in 1 WD: Sun 01-04 16:00.
    app.clock.set(sh('2025-12-31 16:00'));
    let h = await claimNow(await dispatchNow({ reporter: 'hotline', description: 'H 热线来电' }));
    h = await actOk(await as('dept.chengguan'), h, 'FEEDBACK', { note: '已处置' });
    h = await actOk(await as('gridworker'), h, 'CHECK_PASS');
    h = await actOk(await as('township.dispatcher'), h, 'CLOSE');
    h = await view(h.id);
    expect(h).toMatchObject({ state: 'CLOSED', source: 'HOTLINE' });
    expect(h.deadlines.stage).toBe(iso('2026-01-04 16:00'));

    // Yellow cards (1-WD limits: 80 % of the working time, none on the three days off).
    // J: 12-31 10:00 → 01-04 10:00 holds 24 h of working time (14 h + 10 h); 80 % = 19 h 12 min
    // → 14 h to 12-31 midnight, then 5 h 12 min into Sun 01-04 → 05:12.
    // H: 12-31 16:00 → 01-04 16:00 holds 8 h + 16 h = 24 h; 19 h 12 min → 8 h, then 11 h 12 min
    // into Sun 01-04 → 11:12.
    await quietThrough('2026-01-04 05:11:59');
    expect(await sweepAt('2026-01-04 05:12')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    // No red card on the three days off, nor on Sunday morning.
    await quietThrough('2026-01-04 09:59:59');
    expect((await view(j.id)).isOverdue).toBe(false);
    // The red cards fire on a Sunday: it is a working day (调休上班).
    expect(await sweepAt('2026-01-04 10:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });
    expect((await view(j.id)).isOverdue).toBe(true);
    await quietThrough('2026-01-04 11:11:59');
    expect(await sweepAt('2026-01-04 11:12')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    await quietThrough('2026-01-04 15:59:59');
    expect(await sweepAt('2026-01-04 16:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });

    expect(await alarmsOf(j.id)).toEqual([
      ['YELLOW_CARD', iso('2026-01-04 05:12'), iso('2026-01-04 10:00')],
      ['RED_CARD', iso('2026-01-04 10:00:01'), iso('2026-01-04 10:00')],
    ]);
    expect(await alarmsOf(h.id)).toEqual([
      ['YELLOW_CARD', iso('2026-01-04 11:12'), iso('2026-01-04 16:00')],
      ['RED_CARD', iso('2026-01-04 16:00:01'), iso('2026-01-04 16:00')],
    ]);
    expect((await view(h.id)).state).toBe('CLOSED'); // no escalation of a closed case
  }, 120_000);

  it('春节: both swapped Saturdays count; wall-clock limits keep running on the holiday', async () => {
    // F: dispatched Fri 02-13 10:00, the day before the swapped Saturday.
    app = await startTestApp({ now: sh('2026-02-13 10:00') });
    const f = await view((await dispatchNow({ description: 'F 春节前派遣' })).id);
    // Claim 1 WD: Sat 02-14 调休 → Sat 02-14 10:00.
    // Handle 5 WD: Sat 02-14 (1), [Sun 02-15 – Mon 02-23 off], Tue 02-24 (2), Wed 02-25 (3),
    // Thu 02-26 (4), Fri 02-27 (5) → Fri 02-27 10:00.
    expect(f.deadlines).toEqual({ stage: iso('2026-02-14 10:00'), handle: iso('2026-02-27 10:00') });
    // 2 WD: Sat 02-14 (1), Tue 02-24 (2).
    expect(leadTask(f).returnDeadline).toBe(iso('2026-02-24 10:00'));

    // Claim yellow at 80 % of 24 h = 19 h 12 min → Sat 05:12; red right after Sat 10:00.
    await quietThrough('2026-02-14 05:11:59');
    expect(await sweepAt('2026-02-14 05:12')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    await quietThrough('2026-02-14 09:59:59');
    expect(await sweepAt('2026-02-14 10:00:01')).toEqual({ yellow: 0, red: 1, escalated: 0 });
    // Claimed Sat 11:00: handling due Fri 02-27 10:00, yellow Thu 02-26 10:00 — nothing during
    // the nine days off.
    app.clock.set(sh('2026-02-14 11:00'));
    await claimNow(await view(f.id));
    expect((await view(f.id)).deadlines.stage).toBe(iso('2026-02-27 10:00'));
    await quietThrough('2026-02-17 10:00');

    // N: reported on 初一 (Tue 02-17 10:00, a holiday). Registering is due in 30 minutes of
    // wall-clock time (centres are staffed around the clock): 10:30, yellow at 80 % = 10:24.
    const n = await buildCase(app, await as('gridworker'), { description: 'N 春节期间上报' });
    expect(n.deadlines.stage).toBe(iso('2026-02-17 10:30'));
    expect(await sweepAt('2026-02-17 10:23:59')).toEqual(NONE);
    expect(await sweepAt('2026-02-17 10:24')).toEqual({ yellow: 1, red: 0, escalated: 0 });
    expect(await sweepAt('2026-02-17 10:29:59')).toEqual(NONE);
    expect(await sweepAt('2026-02-17 10:30:01')).toEqual({ yellow: 0, red: 1, escalated: 1 });
    expect(await view(n.id)).toMatchObject({ state: 'ESCALATED', ownerLevel: 'TOWNSHIP' });
    expect(await alarmsOf(f.id)).toEqual([
      ['YELLOW_CARD', iso('2026-02-14 05:12'), iso('2026-02-14 10:00')],
      ['RED_CARD', iso('2026-02-14 10:00:01'), iso('2026-02-14 10:00')],
    ]);

    // G: dispatched Tue 02-24 10:00, the first working day after 春节.
    app.clock.set(sh('2026-02-24 10:00'));
    const g = await view((await dispatchNow({ description: 'G 节后派遣' })).id);
    // Claim 1 WD: Wed 02-25. Handle 5 WD: Wed 02-25 (1), Thu 02-26 (2), Fri 02-27 (3),
    // Sat 02-28 调休 (4), [Sun 03-01], Mon 03-02 (5) → Mon 03-02 10:00 (plain weeks: Tue 03-03).
    expect(g.deadlines).toEqual({ stage: iso('2026-02-25 10:00'), handle: iso('2026-03-02 10:00') });
    expect(leadTask(g).returnDeadline).toBe(iso('2026-02-26 10:00')); // Wed (1), Thu (2)
  }, 120_000);
});
