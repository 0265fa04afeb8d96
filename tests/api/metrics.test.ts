import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../api/src/services/metrics/metric-definitions';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { actOk, buildCase, loginAll, uploadPhoto } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * A month (November 2026) seeded through the real API on a manual clock, with every indicator
 * counted by hand. All cases lie in grid 371502001001001 (古楼街道) except X (柳园街道).
 */
const NAMES = [
  'gridworker',
  'gridworker2',
  'village.operator',
  'village2.operator',
  'township.dispatcher',
  'county.dispatcher',
  'dept.chengguan',
  'dept.gongan',
  'hotline',
] as const;
type Users = Record<(typeof NAMES)[number], ApiClient>;
const CG = '371502-CHENGGUAN';
const GA = '371502-GONGAN';
const at = (iso: string) => new Date(iso);

describe('GET /api/metrics on a hand-counted month', () => {
  let app: TestApp;
  let u: Users;
  const ids: Record<string, string> = {};
  const relogin = async () => {
    u = await loginAll(app, ...NAMES);
  };
  /** Report → village registers → escalates → township registers. */
  const toTownship = async (reporter: ApiClient) => {
    let c = await buildCase(app, reporter, { gridCode: u.gridworker.user.gridCodes[0] });
    c = await actOk(u['village.operator'], c, 'REGISTER');
    c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要街道协调' });
    return actOk(u['township.dispatcher'], c, 'REGISTER');
  };
  const claimed = async (reporter = u.gridworker) => {
    let c = await toTownship(reporter);
    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: CG });
    return actOk(u['dept.chengguan'], c, 'CLAIM');
  };
  const finish = async (c: any) => {
    c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已处置' });
    c = await actOk(u.gridworker, c, 'CHECK_PASS');
    return actOk(u['township.dispatcher'], c, 'CLOSE');
  };

  beforeAll(async () => {
    // C0: registered and dispatched in October (Fri 10-30), finished in November.
    app = await startTestApp({ now: at('2026-10-30T02:00:00Z') });
    await relogin();
    let c0 = await claimed();
    ids.C0 = c0.id;

    // Mon 11-02 10:00.
    app.clock.set(at('2026-11-02T02:00:00Z'));
    await relogin();
    c0 = await finish(c0);
    const r = await buildCase(app, u.gridworker); // R: left to go red, registered late
    const r2 = await buildCase(app, u.gridworker); // R2: goes red, never registered
    let k = await claimed(); // K: fed back now, checked too late
    k = await actOk(u['dept.chengguan'], k, 'FEEDBACK', { note: '已处置' });
    Object.assign(ids, { R: r.id, R2: r2.id, K: k.id });
    app.clock.advance(61 * 60_000); // register limit 30 min, check limit 1 h (urban)
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 3, escalated: 2 });
    const rNow = await u['township.dispatcher'].get(`/api/cases/${r.id}`);
    await actOk(u['township.dispatcher'], rNow.body.data, 'REGISTER');
    const kNow = await u.gridworker.get(`/api/cases/${k.id}`);
    await actOk(u['township.dispatcher'], await actOk(u.gridworker, kNow.body.data, 'CHECK_PASS'), 'CLOSE');

    // Tue 11-03 10:00.
    app.clock.set(at('2026-11-03T02:00:00Z'));
    await relogin();
    ids.A = (await finish(await claimed())).id; // A: the clean loop
    const b = await claimed(); // B: fed back late (handling deadline Tue 11-10)
    ids.B = b.id;
    // D: the same incident as B, dispatched too, then merged into B (并案): counted nowhere, and
    // once in the duplicate share.
    const d = await claimed();
    ids.D = d.id;
    const merged = await u['township.dispatcher'].post(`/api/cases/${d.id}/merge`, {
      masterId: b.id,
      version: d.version,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    let w = await claimed(); // W: one rework
    w = await actOk(u['dept.chengguan'], w, 'FEEDBACK', { note: '已处置' });
    w = await actOk(u.gridworker, w, 'CHECK_FAIL', { reason: '摊贩又回来了' });
    w = await actOk(u['dept.chengguan'], w, 'CLAIM');
    ids.W = (await finish(w)).id;
    let n = await toTownship(u.gridworker); // N: returned, re-dispatched to 公安
    n = await actOk(u['township.dispatcher'], n, 'DISPATCH', { leadDepartmentId: CG });
    n = await actOk(u['dept.chengguan'], n, 'REQUEST_RETURN', {
      reasonCode: 'NOT_OUR_REMIT',
      reason: '属公安职责',
    });
    n = await actOk(u['township.dispatcher'], n, 'ACCEPT_RETURN');
    n = await actOk(u['township.dispatcher'], n, 'DISPATCH', { leadDepartmentId: GA });
    n = await actOk(u['dept.gongan'], n, 'CLAIM');
    ids.N = n.id;
    let e = await claimed(); // E: extension approved
    e = await actOk(u['dept.chengguan'], e, 'REQUEST_EXTENSION', { days: 3, reason: '需协调' });
    e = await actOk(u['township.dispatcher'], e, 'APPROVE_EXTENSION');
    ids.E = (await finish(e)).id;
    const s = await claimed(); // S: suspended → left out of everything
    ids.S = (await actOk(u['county.dispatcher'], s, 'SUSPEND', { reason: '历史遗留问题' })).id;
    const h1 = await finish(await claimed(u.hotline)); // H1: 12345 case, satisfied
    ids.H1 = (await actOk(u.hotline, h1, 'CALLBACK_SATISFIED')).id;
    const h2 = await finish(await claimed(u.hotline)); // H2: 12345 case, dissatisfied (rework)
    ids.H2 = (await actOk(u.hotline, h2, 'CALLBACK_DISSATISFIED', { reason: '晚上又回来了' })).id;
    const photo = await uploadPhoto(u.gridworker); // SR: self-resolved and approved
    let sr = await buildCase(app, u.gridworker);
    sr = await actOk(u.gridworker, sr, 'SELF_RESOLVE', { note: '已现场劝离', attachmentIds: [photo] });
    ids.SR = (await actOk(u['village.operator'], sr, 'APPROVE_SELF_RESOLUTION')).id;
    const x = await buildCase(app, u.gridworker2); // X: another township, registered
    ids.X = (await actOk(u['village2.operator'], x, 'REGISTER')).id;

    // Thu 11-12: B's feedback comes two days late.
    app.clock.set(at('2026-11-12T02:00:00Z'));
    await relogin();
    await finish(b);
    // Tue 12-01: N is fed back, after the period.
    app.clock.set(at('2026-12-01T02:00:00Z'));
    await relogin();
    await actOk(u['dept.gongan'], n, 'FEEDBACK', { note: '已处置' });
  }, 60_000);
  afterAll(() => app.close());

  const get = async (client: ApiClient, query: string) => {
    const res = await client.get(`/api/metrics?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries(
      [...res.body.data.rates, ...res.body.data.hotline].map((r: any) => [
        r.key,
        [r.numerator, r.denominator],
      ]),
    ) as Record<string, [number, number]>;
  };

  it('counts every indicator of the township for November', async () => {
    const res = await u['township.dispatcher'].get('/api/metrics?from=2026-11-01&to=2026-11-30');
    expect(res.body.data).toMatchObject({
      scope: { kind: 'unit', id: '371502001000', name: '古楼街道' },
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(res.body.data.rates[0]).toEqual({
      key: 'handle',
      name: '处置率',
      numerator: 7,
      denominator: 8,
      rate: 7 / 8,
    });
    expect(await get(u['township.dispatcher'], 'from=2026-11-01&to=2026-11-30')).toEqual({
      // to-handle: dispatched in Nov = K A B W N E H1 H2 (C0 in Oct, S suspended, R/R2/SR never);
      // handled: fed back in Nov = all but N (fed back 12-01).
      handle: [7, 8],
      // on time: B's feedback was late.
      handleOnTime: [6, 8],
      // registered (first 立案 in Nov): R K A B W N E H1 H2 SR (R2 never, C0 in Oct, S suspended);
      // closed: all but R and N.
      close: [8, 10],
      // closed on time: not K (red card while CHECKING), not B (late feedback).
      closeOnTime: [6, 10],
      // reworks: W's CHECK_FAIL + H2's dissatisfied callback.
      rework: [2, 10],
      // returns: N's ACCEPT_RETURN; dispatches: K A B W N×2 E H1 H2 (S's is suspended).
      return: [1, 9],
      // extensions approved: E.
      extension: [1, 8],
      // on time: all registered but R (red card while REPORTED).
      registerOnTime: [9, 10],
      // checks in Nov: C0 K A B W×2 E H1 H2; K's came after its red card.
      checkOnTime: [8, 9],
      // callbacks: H1 satisfied, H2 not.
      satisfaction: [1, 2],
      // 准确派遣: to-handle cases with no return accepted in Nov — all but N (sent to 城管, returned).
      dispatchAccuracy: [7, 8],
      // The 12345 rates (docs/metrics.md "Hotline rates") over the hotline's cases H1 and H2:
      // both registered by the village at once (answered in time);
      hotlineResponse: [2, 2],
      // evaluated: H1 and H2; solved in the caller's words: H1 (a satisfied callback's default);
      hotlineResolution: [1, 2],
      // satisfied (满意 + 基本满意): H1.
      hotlineSatisfaction: [1, 2],
    });
  });

  it('publishes the duplicate share per month: merged ÷ reported', async () => {
    const res = await u['township.dispatcher'].get('/api/metrics?from=2026-10-01&to=2026-11-30');
    // October: C0 reported. November: R R2 K A B D W N E S H1 H2 SR reported (X is in the other
    // township), D merged into B.
    expect(res.body.data.duplicates).toEqual([
      { month: '2026-10', from: '2026-10-01', to: '2026-10-31', reported: 1, merged: 0, share: 0 },
      { month: '2026-11', from: '2026-11-01', to: '2026-11-30', reported: 13, merged: 1, share: 1 / 13 },
    ]);
    // D left every indicator: the township's figures above are those of the month without it.
    const d = await u['township.dispatcher'].get(`/api/cases/${ids.D}`);
    expect(d.body.data).toMatchObject({ state: 'MERGED', mergedIntoId: ids.B });
  });

  it('gives the same month for the city with the other township counted too', async () => {
    const city = await get(await app.as('city.dispatcher'), 'from=2026-11-01&to=2026-11-30');
    // X adds one registration, on time and not closed.
    expect(city).toMatchObject({ close: [8, 11], registerOnTime: [10, 11], handle: [7, 8] });
  });

  it('respects the period boundaries (October, and the default: this month to today)', async () => {
    // October: C0 registered and dispatched, nothing fed back or closed yet.
    expect(await get(u['township.dispatcher'], 'from=2026-10-01&to=2026-10-31')).toMatchObject({
      handle: [0, 1],
      close: [0, 1],
      return: [0, 1],
      checkOnTime: [0, 0],
    });
    // Default on 12-01: December 1 to 1 — N's feedback is not enough (dispatched in Nov).
    const res = await u['township.dispatcher'].get('/api/metrics');
    expect(res.body.data).toMatchObject({ from: '2026-12-01', to: '2026-12-01' });
    expect(res.body.data.rates.every((r: any) => r.denominator === 0 && r.rate === null)).toBe(true);
  });

  it('scopes to a department, a person and a grid cell', async () => {
    const county = await app.as('county.dispatcher');
    // 城管 led K A B W N(returned) E H1 H2; handled by Nov's end: all but N. Event counts take
    // the department's cases whole: N's second dispatch (to 公安) counts among its 9 dispatches.
    expect(await get(county, `department=${CG}&from=2026-11-01&to=2026-11-30`)).toMatchObject({
      handle: [7, 8],
      return: [1, 9],
    });
    // Staff see their own department by default: 公安 got N, not fed back in November.
    expect(await get(u['dept.gongan'], 'from=2026-11-01&to=2026-11-30')).toMatchObject({ handle: [0, 1] });
    // A grid worker sees the cases they reported: not H1/H2 (hotline), not X; registered R K A B W N E SR.
    expect(await get(u.gridworker, 'from=2026-11-01&to=2026-11-30')).toMatchObject({ close: [6, 8] });
    const grid = u.gridworker.user.gridCodes[0];
    expect(await get(u['village.operator'], `grid=${grid}&from=2026-11-01&to=2026-11-30`)).toMatchObject({
      close: [8, 10],
    });
  });

  it('lists the cases behind a number, page by page', async () => {
    const base = '/api/metrics/cases?from=2026-11-01&to=2026-11-30&metric=handleOnTime';
    const t = u['township.dispatcher'];
    const den = await t.get(`${base}&part=denominator&limit=5`);
    expect(den.status).toBe(200);
    expect(den.body.data).toHaveLength(5);
    expect(Object.keys(den.body.data[0]).sort()).toEqual(['code', 'id', 'state', 'title']);
    const rest = await t.get(`${base}&part=denominator&limit=5&cursor=${den.body.nextCursor}`);
    expect(rest.body.nextCursor).toBeNull();
    const all = [...den.body.data, ...rest.body.data].map((c: any) => c.id).sort();
    expect(all).toEqual([ids.K, ids.A, ids.B, ids.W, ids.N, ids.E, ids.H1, ids.H2].sort());
    const num = await t.get(`${base}&part=numerator&limit=50`);
    expect(num.body.data.map((c: any) => c.id).sort()).toEqual(
      [ids.K, ids.A, ids.W, ids.E, ids.H1, ids.H2].sort(),
    );
    const checks = await t.get(
      '/api/metrics/cases?from=2026-11-01&to=2026-11-30&metric=checkOnTime&part=numerator',
    );
    expect(checks.body.data.map((c: any) => c.id)).not.toContain(ids.K);
    expect(checks.body.data).toHaveLength(7); // C0 A B W E H1 H2 (W's two checks: one case)
    const returns = await t.get(
      '/api/metrics/cases?from=2026-11-01&to=2026-11-30&metric=return&part=numerator',
    );
    expect(returns.body.data.map((c: any) => c.id)).toEqual([ids.N]);
  });

  it('exports CSV with a BOM and a real .xlsx', async () => {
    const t = u['township.dispatcher'];
    const fetchRaw = (q: string) =>
      fetch(`${app.baseUrl}/api/metrics/export?from=2026-11-01&to=2026-11-30&${q}`, {
        headers: { authorization: `Bearer ${t.token}` },
      });
    const csv = await fetchRaw('format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="metrics-371502001000-2026-11-01-2026-11-30\.csv"/,
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('处置率,7,8,87.5\r\n');
    const xlsx = await fetchRaw('format=xlsx');
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const data = await xlsx.arrayBuffer();
    expect(Buffer.from(data).readUInt32LE(0)).toBe(0x04034b50); // a ZIP, read back as a workbook
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data);
    expect(book.worksheets.map((s) => s.name)).toEqual(['综合评价']);
    const sheet = book.getWorksheet('综合评价')!;
    expect(sheet.getCell('A1').value).toBe('综合评价 古楼街道');
    expect(sheet.getCell('A2').value).toBe('2026-11-01 至 2026-11-30');
    expect(sheet.getRow(4).values).toEqual([undefined, '指标', '分子', '分母', '比率']);
    expect(sheet.getCell('A4').font).toMatchObject({ bold: true });
    expect(sheet.getCell('A4').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(12);
    // Numbers stay numbers; rates are fractions shown as percentages.
    expect(sheet.getRow(5).values).toEqual([undefined, '处置率', 7, 8, 0.875]);
    expect(sheet.getRow(6).values).toEqual([undefined, '按期处置率', 6, 8, 0.75]);
    expect(sheet.getCell('D5').numFmt).toBe('0.00%');
    // Then the three 12345 rates (响应率, 解决率, 满意率), then the duplicate share of each month (one here).
    const first = 5 + METRICS.length;
    expect([0, 1, 2].map((i) => sheet.getRow(first + i).values)).toEqual([
      [undefined, '12345 响应率', 2, 2, 1],
      [undefined, '12345 解决率', 1, 2, 0.5],
      [undefined, '12345 满意率', 1, 2, 0.5],
    ]);
    expect(sheet.getRow(first + 3).values).toEqual([undefined, '重复件占比 2026-11', 1, 13, 1 / 13]);
    expect(sheet.rowCount).toBe(4 + METRICS.length + 3 + 1);
  });

  it('refuses what it must: 401, 400 listing every problem, 403, 404', async () => {
    expect((await app.anonymous().get('/api/metrics')).status).toBe(401);
    const bad = await u['township.dispatcher'].get(
      '/api/metrics?from=2026-02-30&to=11-30&unit=371502001000&grid=371502001001001',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'query.from', message: 'must be a real date written YYYY-MM-DD' },
      { path: 'query.to', message: 'must be a real date written YYYY-MM-DD' },
      { path: 'query', message: 'name at most one scope, not unit and grid' },
    ]);
    const reversed = await u['township.dispatcher'].get('/api/metrics?from=2026-11-30&to=2026-11-01');
    expect(reversed.body.error.details).toEqual([{ path: 'query.from', message: 'must not be after to' }]);
    const badMetric = await u['township.dispatcher'].get('/api/metrics/cases?metric=nope');
    expect(badMetric.body.error.details.map((d: any) => d.path)).toEqual(['query.metric', 'query.part']);
    // A grid worker may not look at someone else.
    const other = await u.gridworker.get(`/api/metrics?person=${u.gridworker2.user.id}`);
    expect(other.status).toBe(403);
    // Outside the subtree: a sibling township, its cell, a county department, a foreign person.
    const t = u['township.dispatcher'];
    expect((await t.get('/api/metrics?unit=371502002000')).status).toBe(404);
    expect((await t.get(`/api/metrics?grid=${u.gridworker2.user.gridCodes[0]}`)).status).toBe(404);
    expect((await t.get(`/api/metrics?department=${CG}`)).status).toBe(404);
    expect((await t.get(`/api/metrics?person=${u.gridworker2.user.id}`)).status).toBe(404);
    expect((await u['dept.gongan'].get(`/api/metrics?department=${CG}`)).status).toBe(404);
    expect((await t.get(`/api/metrics/export?unit=371502002000`)).status).toBe(404);
  });
});
