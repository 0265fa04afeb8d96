import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRankingFreezes } from '../../api/src/services/evaluation/freeze-rankings';
import { monthPeriod } from '../../api/src/services/evaluation/month';
import { computeRanking } from '../../api/src/services/evaluation/rankings';
import { actOk, buildCase, loginAll } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * Recorded work (patrols, home visits), the grid worker's 100-point score and the frozen
 * monthly rankings (一月一排名), on a manual clock in November 2026 (21 working days: Sun 11-01,
 * no holidays; weekdays 2–6, 9–13, 16–20, 23–27 and 30).
 */
const NAMES = [
  'gridworker',
  'gridworker2',
  'village.operator',
  'township.dispatcher',
  'county.dispatcher',
  'city.dispatcher',
  'dept.chengguan',
  'admin',
] as const;
type Users = Record<(typeof NAMES)[number], ApiClient>;
const at = (iso: string) => new Date(iso);
const CG = '371502-CHENGGUAN';
const TOWNSHIP = '371502001000';

describe('work records, grid worker scores and frozen rankings', () => {
  let app: TestApp;
  let u: Users;
  const relogin = async () => {
    u = await loginAll(app, ...NAMES);
  };
  const log = (kind: 'PATROL' | 'HOME_VISIT', note = '巡查网格内主要道路', key = randomUUID()) =>
    u.gridworker.post('/api/work-logs', { kind, note }, { 'idempotency-key': key });

  beforeAll(async () => {
    app = await startTestApp({ now: at('2026-11-02T02:00:00Z') }); // Mon 11-02 10:00
    await relogin();
    // A: the whole loop, every step on time. B: registered, left open.
    let a = await buildCase(app, u.gridworker);
    a = await actOk(u['village.operator'], a, 'REGISTER');
    a = await actOk(u['village.operator'], a, 'ESCALATE', { reason: '需要街道协调' });
    a = await actOk(u['township.dispatcher'], a, 'REGISTER');
    a = await actOk(u['township.dispatcher'], a, 'DISPATCH', { leadDepartmentId: CG });
    a = await actOk(u['dept.chengguan'], a, 'CLAIM');
    a = await actOk(u['dept.chengguan'], a, 'FEEDBACK', { note: '已处置' });
    a = await actOk(u.gridworker, a, 'CHECK_PASS');
    await actOk(u['township.dispatcher'], a, 'CLOSE');
    const b = await buildCase(app, u.gridworker, { description: '小区门口垃圾堆放' });
    await actOk(u['village.operator'], b, 'REGISTER');
    // Patrols on Mon 11-02, twice on Tue 11-03, Wed 11-04: three patrol days. Four home visits.
    expect((await log('PATROL')).status).toBe(201);
    app.clock.set(at('2026-11-03T01:00:00Z'));
    await relogin();
    expect((await log('PATROL')).status).toBe(201);
    expect((await log('PATROL', '夜间巡查')).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await log('HOME_VISIT', `走访独居老人 ${i + 1}`)).status).toBe(201);
    app.clock.set(at('2026-11-04T01:00:00Z'));
    await relogin();
    expect((await log('PATROL')).status).toBe(201);
  });
  afterAll(() => app?.close());

  describe('POST /api/work-logs', () => {
    it('records once per Idempotency-Key and refuses the key for a different record', async () => {
      const key = randomUUID();
      const first = await log('HOME_VISIT', '走访困难家庭', key);
      const retry = await log('HOME_VISIT', '走访困难家庭', key);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.data.id).toBe(first.body.data.id);
      expect(first.body.data.gridCode).toBe(u.gridworker.user.gridCodes[0]);
      const reused = await log('PATROL', '另一条记录', key);
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // This visit is on 11-04 and counts: the score below expects five home visits.
    });
    it('lists every problem of a bad record at once', async () => {
      const res = await u.gridworker.post('/api/work-logs', { kind: 'NAP', note: '' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'headers.idempotency-key',
        'kind',
        'note',
      ]);
    });
    it('takes records only from grid workers, in their own cells', async () => {
      const other = await u.gridworker.post(
        '/api/work-logs',
        { kind: 'PATROL', note: '巡查', gridCode: u.gridworker2.user.gridCodes[0] },
        { 'idempotency-key': randomUUID() },
      );
      expect(other.status).toBe(400);
      expect(other.body.error.details).toEqual([
        { path: 'gridCode', message: 'must be one of your own cells' },
      ]);
      const dispatcher = await u['township.dispatcher'].post(
        '/api/work-logs',
        { kind: 'PATROL', note: '巡查' },
        { 'idempotency-key': randomUUID() },
      );
      expect(dispatcher.status).toBe(403);
    });
    it('lists a worker their own records of a month, and nobody else', async () => {
      const mine = await u.gridworker.get('/api/work-logs?month=2026-11');
      expect(mine.status).toBe(200);
      expect(mine.body.data).toHaveLength(9);
      expect((await u.gridworker.get('/api/work-logs?month=2026-10')).body.data).toHaveLength(0);
      expect((await u.gridworker.get(`/api/work-logs?user=${u.gridworker2.user.id}`)).status).toBe(403);
    });
  });

  describe('GET /api/scores/grid-workers', () => {
    it("computes the worker's 100-point score from recorded work", async () => {
      const res = await u.gridworker.get('/api/scores/grid-workers?month=2026-11');
      expect(res.status).toBe(200);
      const [s] = res.body.data;
      expect(s.work).toEqual({ workingDays: 21, patrolDays: 3, homeVisits: 5, reports: 2 });
      // cell: 按期结案 1 of 2 registered → 30·0.5 = 15; no callbacks → 10; 2/2 on time → 10 = 35
      // duties: patrol days 15·3/21 = 2.14 → 2.1; home visits 15·5/20 = 3.75 → 3.8 = 5.9
      // personal: reports 10·2/8 = 2.5; 1 of 1 checks on time → 10 = 12.5. Total 53.4.
      expect(s.breakdown.parts.map((p: { key: string; points: number }) => [p.key, p.points])).toEqual([
        ['cell', 35],
        ['duties', 5.9],
        ['personal', 12.5],
      ]);
      expect(s.score).toBe(53.4);
    });
    it('shows a grid worker only their own score; a township sees its workers', async () => {
      const own = await u.gridworker2.get(`/api/scores/grid-workers?user=${u.gridworker.user.id}`);
      expect(own.status).toBe(404);
      const township = await u['township.dispatcher'].get('/api/scores/grid-workers?month=2026-11');
      expect(township.body.data.map((r: { id: string }) => r.id)).toEqual([u.gridworker.user.id]);
      const dept = await u['dept.chengguan'].get('/api/scores/grid-workers?month=2026-11');
      expect(dept.status).toBe(404);
    });
  });

  describe('rankings (一月一排名)', () => {
    it('previews a month live, refuses to freeze it before it ends, and freezes it after', async () => {
      const live = await u['county.dispatcher'].get('/api/rankings?month=2026-11&kind=TOWNSHIP');
      expect(live.status).toBe(200);
      expect(live.body.data.frozen).toBe(false);
      const first = live.body.data.rows[0];
      expect(first.id).toBe(TOWNSHIP);
      expect(first.rank).toBe(1);
      // 古楼街道: registered 2, closed on time 1; handled 1 of 1 on time; rework 0 of 2;
      // registered on time 2/2; checks 1/1; no callbacks: (30·0.5 + 25 + 10 + 10 + 10) / 85 = 70 / 85 → 82.4
      expect(first.score).toBe(82.4);
      expect(first.figures.closeOnTime).toEqual({ numerator: 1, denominator: 2 });
      // Townships without cases have no score and no rank.
      expect(live.body.data.rows.at(-1)).toMatchObject({ rank: null, score: null });

      const early = await u['city.dispatcher'].post('/api/rankings/freeze', { month: '2026-11' });
      expect(early.status).toBe(422);
      expect((await u['county.dispatcher'].post('/api/rankings/freeze', { month: '2026-10' })).status).toBe(
        403,
      );

      // Five minutes after midnight the month's last alarms may still be due: not yet.
      app.clock.set(at('2026-11-30T16:05:00Z'));
      await relogin();
      expect((await u['city.dispatcher'].post('/api/rankings/freeze', { month: '2026-11' })).status).toBe(
        422,
      );

      app.clock.set(at('2026-12-01T02:00:00Z'));
      await relogin();
      const freeze = await u['city.dispatcher'].post('/api/rankings/freeze', { month: '2026-11' });
      expect(freeze.status).toBe(200);
      expect(freeze.body.data.frozen).toBeGreaterThan(3);
      const again = await u.admin.post('/api/rankings/freeze', { month: '2026-11' });
      expect(again.body.data).toMatchObject({ frozen: 0, alreadyFrozen: freeze.body.data.frozen });
    });

    it('keeps the frozen ranking when what it was computed from changes later', async () => {
      // The worker leaves in December: a live computation no longer lists them; the frozen
      // November ranking still does, with the score it was frozen with.
      await app.ctx.db.transaction((tx) =>
        tx.user.update({ where: { id: u.gridworker.user.id }, data: { isActive: false } }),
      );
      expect(await computeRanking(app.ctx, 'GRID_WORKER', TOWNSHIP, monthPeriod('2026-11'))).toEqual([]);
      const worker = await u['township.dispatcher'].get(
        `/api/rankings?month=2026-11&kind=GRID_WORKER&unit=${TOWNSHIP}`,
      );
      expect(worker.body.data.frozen).toBe(true);
      expect(worker.body.data.rows.map((r: { id: string; score: number }) => [r.id, r.score])).toEqual([
        [u.gridworker.user.id, 53.4],
      ]);
      await app.ctx.db.transaction((tx) =>
        tx.user.update({ where: { id: u.gridworker.user.id }, data: { isActive: true } }),
      );
      const township = await u['county.dispatcher'].get('/api/rankings?month=2026-11&kind=TOWNSHIP');
      expect(township.body.data).toMatchObject({ frozen: true, frozenAt: '2026-12-01T02:00:00.000Z' });
      expect(township.body.data.rows[0].score).toBe(82.4);
      // The table refuses any change to a frozen row, whatever code runs.
      await expect(app.ctx.db.transaction((tx) => tx.rankingSnapshot.deleteMany({}))).rejects.toThrow(
        /frozen/,
      );
    });

    it("shows grid workers' rankings as their scores: own row to a worker, a village its own, none to departments", async () => {
      const q = `/api/rankings?month=2026-11&kind=GRID_WORKER`;
      const dept = await u['dept.chengguan'].get(`${q}&unit=${TOWNSHIP}`);
      expect(dept.status).toBe(404);
      const own = await u.gridworker.get(q);
      expect(own.status).toBe(200);
      expect(own.body.data.rows.map((r: { id: string }) => r.id)).toEqual([u.gridworker.user.id]);
      // The village reads its township's frozen ranking, restricted to its own workers.
      const village = await u['village.operator'].get(q);
      expect(village.body.data).toMatchObject({ frozen: true });
      expect(village.body.data.rows.map((r: { id: string; rank: number }) => [r.id, r.rank])).toEqual([
        [u.gridworker.user.id, 1],
      ]);
    });

    it('keeps rankings within the jurisdiction and the kind to its level', async () => {
      const outside = await u['township.dispatcher'].get(
        '/api/rankings?month=2026-11&kind=COUNTY&unit=371500000000',
      );
      expect(outside.status).toBe(404);
      const wrongLevel = await u['county.dispatcher'].get('/api/rankings?month=2026-11&kind=COUNTY');
      expect(wrongLevel.status).toBe(400);
      const bad = await u['county.dispatcher'].get('/api/rankings?month=2026-13&kind=TOP');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'query.kind',
        'query.month',
      ]);
      const city = await u['city.dispatcher'].get('/api/rankings?month=2026-11&kind=COUNTY');
      expect(city.body.data.rows[0]).toMatchObject({ id: '371502000000', rank: 1 });
    });
  });
});

describe('the ranking scheduler', () => {
  it('freezes the month that ended, an hour after it ended, once', async () => {
    const app = await startTestApp({ now: at('2026-10-31T16:30:00Z') }); // 11-01 00:30 Shanghai
    try {
      const stop = startRankingFreezes(app.ctx, 20);
      await new Promise((r) => setTimeout(r, 200));
      expect(await app.ctx.db.read.rankingSnapshot.count()).toBe(0);
      app.clock.set(at('2026-10-31T17:00:01Z'));
      // Grid worker rankings are frozen last.
      await vi.waitFor(
        async () =>
          expect(await app.ctx.db.read.rankingSnapshot.count({ where: { kind: 'GRID_WORKER' } })).toBe(2),
        { timeout: 20_000, interval: 100 },
      );
      const months = await app.ctx.db.read.rankingSnapshot.findMany({
        select: { month: true, frozenById: true },
      });
      expect(new Set(months.map((m) => `${m.month}/${m.frozenById}`))).toEqual(new Set(['2026-10/null']));
      const count = await app.ctx.db.read.rankingSnapshot.count();
      await new Promise((r) => setTimeout(r, 300));
      stop();
      expect(await app.ctx.db.read.rankingSnapshot.count()).toBe(count);
    } finally {
      await app.close();
    }
  });
});
