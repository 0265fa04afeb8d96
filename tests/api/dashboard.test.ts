import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { actOk, buildCase, loginAll } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * The dashboard's reads (GET /api/metrics/summary, trend, top-categories, hot-cells, units,
 * alarms): every figure is the one the other screens show for the same unit and period — the
 * command headline (GET /api/stats/grids), the 综合评价 page (GET /api/metrics) and the list of
 * cases behind it (GET /api/metrics/cases).
 */
const NAMES = [
  'gridworker',
  'gridworker2',
  'village.operator',
  'village2.operator',
  'township.dispatcher',
  'township2.dispatcher',
  'county.dispatcher',
  'command.city',
] as const;
const COUNTY = '371502000000';
const CITY = '371500000000';
const MONTH = { from: '2026-11-01', to: '2026-11-23' };
const READS = ['summary', 'trend', 'top-categories', 'hot-cells', 'units', 'alarms'] as const;

describe('the dashboard’s figures', () => {
  let app: TestApp;
  let u: Record<(typeof NAMES)[number], ApiClient>;
  const get = async (who: ApiClient, path: string) => {
    const res = await who.get(path);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.data;
  };
  /** Every case behind a number, page after page. */
  const drill = async (who: ApiClient, query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await who.get(
        `/api/metrics/cases?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    // Thu 2026-11-19 10:00: a first day of work, then Mon 11-23 (the test app's default day).
    app = await startTestApp({ now: new Date('2026-11-19T02:00:00Z') });
    u = await loginAll(app, ...NAMES);
    const closeLoop = async (c: { id: string; version: number }) => {
      let x = await actOk(u['village.operator'], c, 'REGISTER');
      x = await actOk(u['village.operator'], x, 'RESOLVE_AT_LEVEL', { note: '已由村里处置' });
      x = await actOk(u.gridworker, x, 'CHECK_PASS');
      return actOk(u['village.operator'], x, 'CLOSE');
    };
    for (let i = 0; i < 3; i++) await buildCase(app, u.gridworker, { categoryCode: '0101' });
    const first = await buildCase(app, u.gridworker, { categoryCode: '0201' });
    await closeLoop(first);
    await buildCase(app, u.gridworker2, { categoryCode: '0301' });
    app.clock.advance(31 * 60_000); // the unregistered reports go red
    await sweepTimers(app.ctx);
    app.clock.set(new Date('2026-11-23T02:00:00Z'));
    u = await loginAll(app, ...NAMES);
    for (let i = 0; i < 2; i++) await buildCase(app, u.gridworker2, { categoryCode: '0204' });
    const today = await buildCase(app, u.gridworker, { categoryCode: '0201' });
    await actOk(u['village.operator'], today, 'REGISTER');
  });
  afterAll(() => app?.close());

  it('the headline, the dashboard and 综合评价 agree, for the city and after a drill-down into a county', async () => {
    for (const [who, unit] of [
      [u['command.city'], CITY],
      [u['command.city'], COUNTY],
      [u['county.dispatcher'], COUNTY],
    ] as const) {
      const stats = await get(who, `/api/stats/grids?unit=${unit}`);
      const summary = await get(who, `/api/metrics/summary?unit=${unit}`);
      const metrics = await get(who, `/api/metrics?unit=${unit}&from=${MONTH.from}&to=${MONTH.to}`);
      const trend = await get(who, `/api/metrics/trend?unit=${unit}`);
      const alarms = await get(who, `/api/metrics/alarms?unit=${unit}`);
      const closeOnTime = metrics.rates.find((r: { key: string }) => r.key === 'closeOnTime');
      expect(summary.month).toEqual(MONTH);
      expect(summary.today).toBe('2026-11-23');
      expect(summary.closeOnTime).toEqual({
        numerator: closeOnTime.numerator,
        denominator: closeOnTime.denominator,
        rate: closeOnTime.rate,
      });
      expect(stats.totals.onTimeRate).toBe(closeOnTime.rate);
      for (const k of ['reportedToday', 'closedToday', 'open', 'overdue'] as const)
        expect(stats.totals[k], k).toBe(summary[k]);
      const last = trend.days.at(-1);
      expect(last.date).toBe('2026-11-23');
      expect([last.reported, last.closed]).toEqual([summary.reportedToday, summary.closedToday]);
      expect(alarms.red).toBe(summary.overdue);
      expect(alarms.yellow).toBe(summary.yellow);
      expect(stats.cells.reduce((n: number, c: { open: number }) => n + c.open, 0)).toBe(summary.open);
    }
    const city = await get(u['command.city'], `/api/metrics/summary?unit=${CITY}`);
    expect(city.reportedToday).toBe(3);
    expect(city.overdue).toBeGreaterThanOrEqual(3);
    const county = await get(u['command.city'], `/api/metrics/summary?unit=${COUNTY}`);
    expect(county.scope).toEqual({ kind: 'unit', id: COUNTY, name: '东昌府区' });
  });

  it('the trend counts per day what the list behind each bar holds', async () => {
    const trend = await get(u['command.city'], `/api/metrics/trend?from=2026-11-18&to=2026-11-23`);
    expect(trend.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(trend.days[1]).toMatchObject({ reported: 5, overdue: 4 });
    expect(trend.days[5]).toMatchObject({ reported: 3 });
    for (const d of trend.days)
      for (const figure of ['reported', 'closed', 'overdue'] as const) {
        const ids = await drill(u['command.city'], `figure=${figure}&from=${d.date}&to=${d.date}`);
        expect(ids.length, `${d.date} ${figure}`).toBe(d[figure]);
      }
    // The period's total is the sum of its days.
    const month = await get(u['command.city'], `/api/metrics/trend?from=${MONTH.from}&to=${MONTH.to}`);
    const reported = month.days.reduce((n: number, d: { reported: number }) => n + d.reported, 0);
    expect((await drill(u['command.city'], `figure=reported&from=${MONTH.from}&to=${MONTH.to}`)).length).toBe(
      reported,
    );
  });

  it('top categories and hot cells count what their lists hold', async () => {
    const cats = await get(
      u['command.city'],
      `/api/metrics/top-categories?from=${MONTH.from}&to=${MONTH.to}`,
    );
    expect(cats.total).toBe(8);
    expect(cats.categories[0]).toMatchObject({ code: '0101', count: 3 });
    for (const c of cats.categories) {
      const ids = await drill(
        u['command.city'],
        `figure=reported&category=${c.code}&from=${MONTH.from}&to=${MONTH.to}`,
      );
      expect(ids.length, c.code).toBe(c.count);
    }
    const cells = await get(
      u['county.dispatcher'],
      `/api/metrics/hot-cells?from=${MONTH.from}&to=${MONTH.to}`,
    );
    expect(cells.cells[0]).toMatchObject({ code: u.gridworker.user.gridCodes[0], count: 5 });
    for (const c of cells.cells) {
      const ids = await drill(
        u['county.dispatcher'],
        `grid=${c.code}&figure=reported&from=${MONTH.from}&to=${MONTH.to}`,
      );
      expect(ids.length, c.code).toBe(c.count);
    }
  });

  it('compares each unit below with exactly what 综合评价 says for it', async () => {
    const cmp = await get(u['county.dispatcher'], `/api/metrics/units?from=${MONTH.from}&to=${MONTH.to}`);
    expect(cmp.scope.id).toBe(COUNTY);
    expect(cmp.children.length).toBeGreaterThan(5);
    for (const child of cmp.children) {
      const m = await get(
        u['county.dispatcher'],
        `/api/metrics?unit=${child.code}&from=${MONTH.from}&to=${MONTH.to}`,
      );
      expect(child.rates, child.name).toEqual(m.rates);
    }
    const own = cmp.children.find((c: { code: string }) => c.code === '371502001000');
    expect(own.rates.find((r: { key: string }) => r.key === 'close').denominator).toBe(2);
    // At a village: its cells.
    const village = u['village.operator'].user.unitCode;
    const cells = await get(
      u['village.operator'],
      `/api/metrics/units?unit=${village}&from=${MONTH.from}&to=${MONTH.to}`,
    );
    expect(cells.children.every((c: { kind: string }) => c.kind === 'grid')).toBe(true);
    for (const cell of cells.children) {
      const m = await get(
        u['village.operator'],
        `/api/metrics?grid=${cell.code}&from=${MONTH.from}&to=${MONTH.to}`,
      );
      expect(cell.rates, cell.code).toEqual(m.rates);
    }
    const worked = cells.children.find((c: { code: string }) => c.code === u.gridworker.user.gridCodes[0]);
    expect(worked.rates.find((r: { key: string }) => r.key === 'close').denominator).toBe(2);
    // The city's counties, as the city centre sees them.
    const city = await get(u['command.city'], `/api/metrics/units?from=${MONTH.from}&to=${MONTH.to}`);
    expect(city.children).toHaveLength(8);
    for (const child of city.children) {
      const m = await get(
        u['command.city'],
        `/api/metrics?unit=${child.code}&from=${MONTH.from}&to=${MONTH.to}`,
      );
      expect(child.rates, child.name).toEqual(m.rates);
    }
  });

  it('the alarm wall lists the overdue cases, longest overdue first', async () => {
    const wall = await get(u['township.dispatcher'], '/api/metrics/alarms');
    expect(wall.red).toBe(3);
    expect(wall.cases.filter((c: { level: string }) => c.level === 'RED')).toHaveLength(3);
    const deadlines = wall.cases.map((c: { stageDeadline: string }) => c.stageDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('refuses a unit outside the caller’s jurisdiction (404), field roles (403) and strangers (401)', async () => {
    const otherCounty = '371521000000';
    for (const read of READS) {
      expect(
        (await u['county.dispatcher'].get(`/api/metrics/${read}?unit=${otherCounty}`)).status,
        read,
      ).toBe(404);
      expect(
        (await u['township2.dispatcher'].get(`/api/metrics/${read}?unit=371502001000`)).status,
        read,
      ).toBe(404);
      expect((await u.gridworker.get(`/api/metrics/${read}`)).status, read).toBe(403);
      expect((await app.anonymous().get(`/api/metrics/${read}`)).status, read).toBe(401);
    }
    // The drill behind a figure keeps the same scope rule.
    expect(
      (await u['county.dispatcher'].get(`/api/metrics/cases?unit=${otherCounty}&figure=reported`)).status,
    ).toBe(404);
  });

  it('lists every problem of a bad query at once (400)', async () => {
    for (const read of READS) {
      const res = await u['command.city'].get(`/api/metrics/${read}?unit=12&from=2026-02-30&to=someday`);
      expect(res.status, read).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort(), read).toEqual([
        'query.from',
        'query.to',
        'query.unit',
      ]);
    }
    // A date past the schema's years (the hostile-input test found a 500: the day after 9999-12-31).
    for (const read of READS) {
      const far = await u['command.city'].get(`/api/metrics/${read}?from=9999-12-31`);
      expect(far.status, read).toBe(400);
      expect(
        far.body.error.details.map((d: { path: string }) => d.path),
        read,
      ).toEqual(['query.from']);
    }
    const long = await u['command.city'].get('/api/metrics/trend?from=2026-01-01&to=2026-11-23');
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([
      expect.objectContaining({ path: 'query.to', kind: 'too_big.days', limit: 92 }),
    ]);
    const backwards = await u['command.city'].get('/api/metrics/trend?from=2026-11-20&to=2026-11-01');
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ path: 'query.from' })]);
    const both = await u['command.city'].get(
      '/api/metrics/cases?figure=reported&metric=close&part=numerator&category=x',
    );
    expect(both.status).toBe(400);
    expect(both.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query',
      'query.category',
    ]);
    const none = await u['command.city'].get('/api/metrics/cases');
    expect(none.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.metric',
      'query.part',
    ]);
  });
});
