import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, actOk, buildCase, caseRegisteredAtTownship, loginAll } from '../support/factories';
import { type ApiClient, type ApiResponse, startTestApp, type TestApp } from '../support/test-app';

const TOWNSHIP = '371502001000';

type Summary = { id: string; createdAt: string; state: string };

describe('case jurisdiction and GET /api/cases', () => {
  let app: TestApp;
  let u: Record<
    | 'gridworker'
    | 'gridworker2'
    | 'village.operator'
    | 'township.dispatcher'
    | 'township2.dispatcher'
    | 'dept.chengguan'
    | 'dept.gongan'
    | 'county.dispatcher',
    ApiClient
  >;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'village.operator',
      'township.dispatcher',
      'township2.dispatcher',
      'dept.chengguan',
      'dept.gongan',
      'county.dispatcher',
    );
  });
  afterAll(() => app.close());

  const listIds = async (client: ApiClient, query = '') => {
    const res = await client.get(`/api/cases?limit=100${query}`);
    expect(res.status).toBe(200);
    return res.body.data.map((c: Summary) => c.id) as string[];
  };
  const parties = () => ({
    worker: u.gridworker,
    village: u['village.operator'],
    township: u['township.dispatcher'],
  });

  describe('isolation', () => {
    it("keeps a township's case from the neighbouring township, its grid worker and unrelated departments", async () => {
      let c = await buildCase(app, u.gridworker, { description: '隔离测试：井盖缺失' });
      const outsiders = [u['township2.dispatcher'], u.gridworker2, u['dept.chengguan'], u['dept.gongan']];
      const insiders = [
        u.gridworker,
        u['village.operator'],
        u['township.dispatcher'],
        u['county.dispatcher'],
      ];

      for (const client of insiders) {
        expect((await client.get(`/api/cases/${c.id}`)).status).toBe(200);
        expect(await listIds(client)).toContain(c.id);
      }
      for (const client of outsiders) {
        const detail = await client.get(`/api/cases/${c.id}`);
        expect(detail.status).toBe(404);
        expect(detail.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such case.' } });
        expect(await listIds(client)).not.toContain(c.id);
        // Acting reveals nothing either: 404, not 403 or 409.
        const action = await act(client, c, 'REGISTER');
        expect(action.status).toBe(404);
        expect(action.body.error.code).toBe('NOT_FOUND');
      }

      c = await actOk(u['village.operator'], c, 'REGISTER');
      c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要街道派遣' });
      c = await actOk(u['township.dispatcher'], c, 'REGISTER');
      expect((await u['dept.chengguan'].get(`/api/cases/${c.id}`)).status).toBe(404);
      c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });

      // Dispatched to 城管: now it sees the case; 公安 still does not, nor the other township.
      const seen = await u['dept.chengguan'].get(`/api/cases/${c.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.data.availableActions).toEqual(['CLAIM', 'REQUEST_RETURN']);
      expect(await listIds(u['dept.chengguan'])).toContain(c.id);
      expect(await listIds(u['dept.chengguan'], '&mine=department')).toContain(c.id);
      for (const client of [u['dept.gongan'], u['township2.dispatcher'], u.gridworker2]) {
        expect((await client.get(`/api/cases/${c.id}`)).status).toBe(404);
        expect(await listIds(client)).not.toContain(c.id);
        expect((await act(client, c, 'CLAIM')).status).toBe(404);
      }
    });

    it('answers 404 for an unknown case id', async () => {
      const res = await u['township.dispatcher'].get('/api/cases/00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('filters', () => {
    it('filters by state, grid, owner and free text, always within the jurisdiction', async () => {
      const reported = await buildCase(app, u.gridworker, { description: '过滤测试：路灯不亮' });
      const atTownship = await caseRegisteredAtTownship(app, parties());
      const other = await buildCase(app, u.gridworker2, { description: '过滤测试：路灯不亮' });
      const grid = u.gridworker.user.gridCodes[0];
      const township = u['township.dispatcher'];

      const reportedIds = await listIds(township, '&state=REPORTED');
      expect(reportedIds).toContain(reported.id);
      expect(reportedIds).not.toContain(atTownship.id);
      const states = await township.get('/api/cases?state=REGISTERED,ESCALATED&limit=100');
      expect(
        states.body.data
          .map((c: Summary) => c.state)
          .every((s: string) => ['REGISTERED', 'ESCALATED'].includes(s)),
      ).toBe(true);
      expect(states.body.data.map((c: Summary) => c.id)).toContain(atTownship.id);

      const inGrid = await township.get(`/api/cases?grid=${grid}&limit=100`);
      expect(inGrid.body.data.length).toBeGreaterThanOrEqual(2);
      expect(inGrid.body.data.every((c: { gridCode: string }) => c.gridCode === grid)).toBe(true);
      // Another township's grid gives nothing, not its cases.
      expect(await listIds(township, `&grid=${u.gridworker2.user.gridCodes[0]}`)).toEqual([]);

      const owned = await township.get(`/api/cases?owner=${TOWNSHIP}&limit=100`);
      expect(owned.body.data.map((c: Summary) => c.id)).toContain(atTownship.id);
      expect(owned.body.data.map((c: Summary) => c.id)).not.toContain(reported.id);
      expect(owned.body.data.every((c: { ownerUnitCode: string }) => c.ownerUnitCode === TOWNSHIP)).toBe(
        true,
      );

      const text = await listIds(township, `&q=${encodeURIComponent('路灯不亮')}`);
      expect(text).toEqual([reported.id]);
      expect(await listIds(u['township2.dispatcher'], `&q=${encodeURIComponent('路灯不亮')}`)).toEqual([
        other.id,
      ]);
      expect(await listIds(township, `&q=${encodeURIComponent(reported.code)}`)).toEqual([reported.id]);
    });

    it('refuses LIKE wildcards in a search rather than match everything', async () => {
      for (const q of ['%', 'a_b']) {
        const res = await u['township.dispatcher'].get(`/api/cases?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([
          { path: 'query.q', message: 'may not contain % or _', kind: 'invalid_format' },
        ]);
      }
    });

    it('answers 400 listing every problem of a bad query', async () => {
      const res = await u['township.dispatcher'].get('/api/cases?state=OPEN&grid=12&limit=0&mine=all');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'query.state.0',
        'query.grid',
        'query.mine',
        'query.limit',
      ]);
    });

    it('answers 400 for a cursor it did not make', async () => {
      for (const cursor of ['garbage', Buffer.from('{"a":1}').toString('base64url'), 'x'.repeat(201)]) {
        const res = await u['township.dispatcher'].get(`/api/cases?cursor=${cursor}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.cursor']);
      }
    });
  });

  describe('cursor pagination', () => {
    it('pages 25 cases 10/10/5, newest first, without duplicates or gaps', async () => {
      const fresh = await startTestApp();
      try {
        const worker = await fresh.as('gridworker');
        const created: string[] = [];
        for (let i = 0; i < 25; i += 1) {
          // Most pairs share a timestamp (the id breaks the tie); the first and last stand alone.
          if (i === 1 || i % 2 === 0) fresh.clock.advance(60_000);
          created.push((await buildCase(fresh, worker, { description: `分页测试第${i + 1}件` })).id);
        }
        const pages: Summary[][] = [];
        let cursor: string | null = null;
        do {
          const res: ApiResponse<{ data: Summary[]; nextCursor: string | null }> = await worker.get(
            `/api/cases?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(res.status).toBe(200);
          pages.push(res.body.data);
          cursor = res.body.nextCursor;
        } while (cursor && pages.length < 5);

        expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
        const all = pages.flat();
        expect(new Set(all.map((c) => c.id)).size).toBe(25);
        expect([...all.map((c) => c.id)].sort()).toEqual([...created].sort());
        const times = all.map((c) => Date.parse(c.createdAt));
        expect(times).toEqual([...times].sort((a, b) => b - a));
        // The newest report leads the first page, the oldest ends the last.
        expect(all[0]!.id).toBe(created[24]);
        expect(all[24]!.id).toBe(created[0]);
      } finally {
        await fresh.close();
      }
    });
  });
});
