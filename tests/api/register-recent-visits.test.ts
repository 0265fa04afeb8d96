import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll } from '../support/factories';
import { buildPerson } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** GET /api/register/visits/recent: a cell's last home visits, through the register's view. */
describe('register: last visits of a cell', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'township.dispatcher',
      'village.operator',
      'dept.chengguan',
      'auditor',
    );
  });
  afterAll(() => app?.close());

  const visit = (c: ApiClient, personId: string, note: string) =>
    c.post('/api/work-logs', { kind: 'HOME_VISIT', note, personId }, { 'idempotency-key': randomUUID() });

  it('400 without a cell, 403 for roles without a register view, visits to visible persons only, newest first', async () => {
    const cell = u.gridworker!.user.gridCodes[0];
    expect((await u.gridworker!.get('/api/register/visits/recent')).status).toBe(400);
    expect((await u.gridworker!.get(`/api/register/visits/recent?grid=${cell}&limit=0`)).status).toBe(400);
    for (const name of ['dept.chengguan', 'auditor'])
      expect((await u[name]!.get(`/api/register/visits/recent?grid=${cell}`)).status, name).toBe(403);

    const elder = await buildPerson(u.gridworker!, {
      n: 801,
      name: '测试 李爷爷',
      tags: ['CONCERN_ELDERLY_ALONE'],
    });
    const key = await buildPerson(u['township.dispatcher']!, {
      n: 802,
      gridCode: cell,
      tags: ['KEY_COMMUNITY_CORRECTION'],
    });
    expect((await visit(u.gridworker!, elder.id, '第一次走访')).status).toBe(201);
    app.clock.advance(60_000);
    expect((await visit(u.gridworker!, elder.id, '第二次走访')).status).toBe(201);

    const mine = (await u.gridworker!.get(`/api/register/visits/recent?grid=${cell}`)).body.data;
    expect(mine.filter((v: { personId: string }) => v.personId === elder.id)).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      personId: elder.id,
      name: '测试 李爷爷',
      worker: u.gridworker!.user.displayName,
    });
    expect(new Date(mine[0].at).getTime()).toBeGreaterThan(new Date(mine[1].at).getTime());
    // The village's operator sees the same visits; another cell's worker sees none of them.
    const village = (await u['village.operator']!.get(`/api/register/visits/recent?grid=${cell}`)).body.data;
    expect(village.map((v: { id: string }) => v.id)).toEqual(mine.map((v: { id: string }) => v.id));
    expect((await u.gridworker2!.get(`/api/register/visits/recent?grid=${cell}`)).body.data).toEqual([]);
    // The cell's 重点人员 (recorded by the centre) was never visited: no line for them; the limit holds.
    expect(mine.map((v: { personId: string }) => v.personId)).not.toContain(key.id);
    expect(
      (await u.gridworker!.get(`/api/register/visits/recent?grid=${cell}&limit=1`)).body.data,
    ).toHaveLength(1);
  });
});
