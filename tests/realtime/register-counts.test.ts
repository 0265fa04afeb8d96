import type { RegisterCountsMessage } from '@wangge/shared/realtime/index';
import { countIn } from '@wangge/shared/register/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../support/register';
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
  'admin',
  'hotline',
  'dept.chengguan',
  'auditor',
] as const;
type Name = (typeof NAMES)[number];

/** register:counts: who hears that a cell's layer counts changed, and who must not. */
describe('live register counts', () => {
  let app: TestApp;
  const u = {} as Record<Name, ApiClient>;
  const l = {} as Record<Name, Listener>;
  const heard = {} as Record<Name, RegisterCountsMessage[]>;
  beforeAll(async () => {
    app = await startTestApp();
    for (const name of NAMES) {
      u[name] = await app.as(name);
      l[name] = await listen(app, u[name]);
      heard[name] = [];
      l[name].socket.on('register:counts', (m) => heard[name].push(m));
    }
  });
  afterAll(async () => {
    for (const name of NAMES) l[name].close();
    await app.close();
  });

  async function expectHeard(gridCode: string, to: Name[]) {
    const deadline = Date.now() + 5000;
    const has = (n: Name) => heard[n].some((m) => m.gridCode === gridCode);
    while (!to.every(has)) {
      if (Date.now() > deadline) throw new Error(`not heard by ${to.filter((n) => !has(n)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // One synchronous emit to every room: once the expected sockets have it, a wrong one would too.
    await new Promise((r) => setTimeout(r, 100));
    for (const n of NAMES) expect({ who: n, heard: has(n) }).toEqual({ who: n, heard: to.includes(n) });
    for (const n of to) expect(heard[n].filter((m) => m.gridCode === gridCode)).toEqual([{ gridCode }]);
    for (const n of NAMES) heard[n].length = 0;
  }

  it('recording, tagging and archiving tell the watchers of the cell and the units above it, with no figures', async () => {
    const cell = u.gridworker.user.gridCodes[0] as string;
    const watchers: Name[] = [
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'county.dispatcher',
      'command.city',
      'admin',
    ];
    const p = await buildPerson(u.gridworker, { n: 901 });
    await expectHeard(cell, watchers);
    // The counts the command centre refetches changed.
    const before = await u['command.city'].get(`/api/register/layers?unit=${cell}`);
    const tagged = await u.gridworker.send('PATCH', `/api/register/persons/${p.id}`, {
      body: JSON.stringify({ version: p.version, tags: ['AID_SUBSISTENCE'] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(tagged.status).toBe(200);
    await expectHeard(cell, watchers);
    const after = await u['command.city'].get(`/api/register/layers?unit=${cell}`);
    const aid = (r: typeof before) => countIn(r.body.data, 'PERSON:AID', cell);
    expect(aid(after)).toBe(aid(before) + 1);
    // A change of name only changes no count: nothing is told.
    const renamed = await u.gridworker.send('PATCH', `/api/register/persons/${p.id}`, {
      body: JSON.stringify({ version: tagged.body.data.version, name: '测试 改名' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(renamed.status).toBe(200);
    expect(
      (await u.gridworker.post(`/api/register/persons/${p.id}/archive`, { reason: '迁出' })).status,
    ).toBe(200);
    await expectHeard(cell, watchers);
  });

  it('a cell of another township reaches that township, not this one', async () => {
    const cell = u.gridworker2.user.gridCodes[0] as string;
    await buildPerson(u['township2.dispatcher'], { n: 902, gridCode: cell });
    await expectHeard(cell, [
      'gridworker2',
      'township2.dispatcher',
      'county.dispatcher',
      'command.city',
      'admin',
    ]);
  });
});
