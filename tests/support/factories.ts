import { randomUUID } from 'node:crypto';
import type { ApiClient, TestApp } from './test-app';

/** A point inside a grid cell (its centroid). */
export async function pointIn(app: TestApp, gridCode: string) {
  const g = await app.ctx.db.read.grid.findUniqueOrThrow({ where: { code: gridCode } });
  return { lon: g.centroidLon, lat: g.centroidLat };
}

/** Reports a case as `client` inside `gridCode` (default: the client's first cell). */
export async function buildCase(
  app: TestApp,
  client: ApiClient,
  overrides: {
    gridCode?: string;
    categoryCode?: string;
    description?: string;
    key?: string;
    priority?: 'URGENT';
    /** A call taken at the 12345 desk (the hotline reports). */
    caller?: { requestType: string; name?: string; phone?: string };
  } = {},
) {
  const gridCode = overrides.gridCode ?? client.user.gridCodes[0];
  const res = await client.post(
    '/api/cases',
    {
      categoryCode: overrides.categoryCode ?? '0201',
      description: overrides.description ?? '早市摊贩占用人行道经营',
      location: await pointIn(app, gridCode),
      ...(overrides.priority ? { priority: overrides.priority } : {}),
      ...(overrides.caller ? { caller: overrides.caller } : {}),
    },
    { 'idempotency-key': overrides.key ?? randomUUID() },
  );
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Takes an action with the case's current version; returns the response. */
export async function act(
  client: ApiClient,
  c: { id: string; version: number },
  action: string,
  extra: object = {},
) {
  return client.post(`/api/cases/${c.id}/actions`, { action, version: c.version, ...extra });
}

/** Takes an action that must succeed; returns the updated case. */
export async function actOk(
  client: ApiClient,
  c: { id: string; version: number },
  action: string,
  extra: object = {},
) {
  const res = await act(client, c, action, extra);
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** A 1×1 transparent PNG: the smallest real image the upload sniffer accepts. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Uploads a photo as `client`; returns the attachment id. */
export async function uploadPhoto(client: ApiClient, bytes: Buffer = TINY_PNG): Promise<string> {
  const res = await client.send('POST', '/api/attachments', {
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'image/png', 'x-file-name': 'photo.png' },
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** Logs in several demo users at once, keyed by username. */
export async function loginAll<const N extends string>(app: TestApp, ...names: N[]) {
  const clients = await Promise.all(names.map((n) => app.as(n)));
  return Object.fromEntries(names.map((n, i) => [n, clients[i]!])) as Record<N, ApiClient>;
}

/** The parties of the demo township's loop (grid worker → station → township centre). */
export interface LoopParties {
  worker: ApiClient;
  village: ApiClient;
  township: ApiClient;
}

/** A grid worker's report registered by the station and escalated to the township centre. */
export async function caseRegisteredAtTownship(app: TestApp, p: LoopParties, reporter = p.worker) {
  let c = await buildCase(app, reporter, { gridCode: p.worker.user.gridCodes[0] });
  c = await actOk(p.village, c, 'REGISTER');
  c = await actOk(p.village, c, 'ESCALATE', { reason: '需要街道协调处置' });
  return actOk(p.township, c, 'REGISTER');
}

/** A case dispatched by the township centre to `lead` (plus co-handlers). */
export async function dispatchedCase(
  app: TestApp,
  p: LoopParties,
  lead = '371502-CHENGGUAN',
  coDepartmentIds?: string[],
) {
  const c = await caseRegisteredAtTownship(app, p);
  return actOk(p.township, c, 'DISPATCH', {
    leadDepartmentId: lead,
    ...(coDepartmentIds ? { coDepartmentIds } : {}),
  });
}

/** How many events a case's log holds (read straight from the database). */
export function eventCount(app: TestApp, caseId: string) {
  return app.ctx.db.read.caseEvent.count({ where: { caseId } });
}

/** Every key anywhere in a JSON value (to prove a field never leaks). */
export function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  return [];
}
