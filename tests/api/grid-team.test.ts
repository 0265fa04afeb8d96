import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/grids/:code — a cell and its "1+N" team', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('shows the team with masked phone numbers to everyone, admins included (stored only encrypted)', async () => {
    const worker = await app.as('gridworker');
    const cell = worker.user.gridCodes[0];
    const township = await app.as('township.dispatcher');
    const res = await township.get(`/api/grids/${cell}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ code: cell, isSynthetic: true, geometry: { type: 'Polygon' } });
    expect(res.body.data.team.map((m: any) => m.role).sort()).toEqual([
      'LEADER',
      'LEGAL_ADVISOR',
      'MEDIATOR',
      'POLICE',
      'WORKER',
    ]);
    for (const m of res.body.data.team) expect(m.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const admin = await app.as('admin');
    const full = await admin.get(`/api/grids/${cell}`);
    expect(full.body.data.team.find((m: any) => m.role === 'WORKER').phone).toBe('138****0000');
    expect(JSON.stringify(full.body)).not.toContain('13863500000');
  });

  it('is 404 from another township and 400 for a malformed code', async () => {
    const worker = await app.as('gridworker');
    const other = await app.as('township2.dispatcher');
    expect((await other.get(`/api/grids/${worker.user.gridCodes[0]}`)).status).toBe(404);
    const bad = await other.get('/api/grids/12345');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('params.code');
  });
});
