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
