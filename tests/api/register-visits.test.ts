import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll } from '../support/factories';
import { buildPerson } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/** The visiting plan: a class's frequency makes a visit due; a home-visit work log naming the person satisfies it. */
describe('register: visiting plan', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'gridworker', 'gridworker2', 'township.dispatcher', 'village.operator');
  });
  afterAll(() => app?.close());

  const visit = (c: ApiClient, body: Record<string, unknown>) =>
    c.post(
      '/api/work-logs',
      { kind: 'HOME_VISIT', note: '入户走访，老人身体尚好', ...body },
      { 'idempotency-key': randomUUID() },
    );
  const due = async (c: ApiClient) =>
    (await c.get('/api/register/visits/due?within=0')).body.data as {
      personId: string;
      status: string;
      dueAt: string;
      tags: string[];
    }[];

  it('lists overdue visits of the worker’s own tagged persons; a recorded home visit satisfies them', async () => {
    // Start from a clean plan: the demo register's tagged persons are visited today.
    for (const d of await due(u.gridworker!))
      expect((await visit(u.gridworker!, { personId: d.personId })).status).toBe(201);
    expect(await due(u.gridworker!)).toEqual([]);

    const elder = await buildPerson(u.gridworker!, { n: 300, tags: ['CONCERN_ELDERLY_ALONE'] }); // weekly
    const aided = await buildPerson(u.gridworker!, { n: 301, tags: ['AID_SUBSISTENCE'] }); // monthly
    const key = await buildPerson(u['township.dispatcher']!, {
      n: 302,
      gridCode: u.gridworker!.user.gridCodes[0],
      tags: ['KEY_COMMUNITY_CORRECTION'],
    });
    const untagged = await buildPerson(u.gridworker!, { n: 303 });
    const elsewhere = await buildPerson(u.gridworker2!, { n: 304, tags: ['CONCERN_ELDERLY_ALONE'] });
    expect(await due(u.gridworker!)).toEqual([]);

    app.clock.advance(8 * DAY_MS);
    const worker = await app.as('gridworker'); // the session expired meanwhile
    const listed = await due(worker);
    expect(listed.map((d) => d.personId)).toEqual([elder.id]);
    expect(listed[0]).toMatchObject({ status: 'OVERDUE', tags: ['CONCERN_ELDERLY_ALONE'] });
    // Within the next month the monthly one falls due too; never the key person (a class the
    // worker does not see), the untagged or another worker's person.
    const month = (await worker.get('/api/register/visits/due?within=30')).body.data.map(
      (d: { personId: string }) => d.personId,
    );
    expect(month[0]).toBe(elder.id);
    expect(month).toContain(aided.id);
    for (const hidden of [key.id, untagged.id, elsewhere.id]) expect(month).not.toContain(hidden);

    // A patrol cannot name a person; a visit cannot name someone of another cell.
    expect(
      (
        await worker.post(
          '/api/work-logs',
          { kind: 'PATROL', note: '巡查', personId: elder.id },
          { 'idempotency-key': randomUUID() },
        )
      ).status,
    ).toBe(400);
    expect((await visit(worker, { personId: elsewhere.id })).status).toBe(400);
    const ok = await visit(worker, { personId: elder.id });
    expect(ok.status).toBe(201);
    expect(ok.body.data.personId).toBe(elder.id);
    expect(await due(worker)).toEqual([]);
    // Next due a week after that visit.
    app.clock.advance(7 * DAY_MS);
    const again = await app.as('gridworker');
    expect((await due(again)).map((d) => d.personId)).toEqual([elder.id]);
  });

  it('is a grid worker’s plan: other roles get 403', async () => {
    u = await loginAll(app, 'village.operator', 'township.dispatcher');
    expect((await u['village.operator']!.get('/api/register/visits/due')).status).toBe(403);
    expect((await u['township.dispatcher']!.get('/api/register/visits/due')).status).toBe(403);
  });
});
