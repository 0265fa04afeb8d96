import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, loginAs } from '../support/api-client';
import {
  type Cluster,
  type ClusterNode,
  clusterAvailable,
  startCluster,
  startNode,
  TEST_REDIS_URL,
} from '../support/cluster';
import { listen } from '../support/socket-client';
import { TEST_POSTGRES_URL, databaseUrl as urlOf } from '../support/test-database';

const CG = '371502-CHENGGUAN';
const CELL = '371502001001001';

/** Polls `check` until it is true (fails after `ms`). */
async function until(check: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition') {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!clusterAvailable)('two API nodes on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;
  let A: ClusterNode;
  let B: ClusterNode;
  let point: { lon: number; lat: number };
  const report = (via: ApiClient, description = '早市摊贩占用人行道经营') =>
    via.post(
      '/api/cases',
      { categoryCode: '0201', description, location: point },
      { 'idempotency-key': randomUUID() },
    );
  const act = async (via: ApiClient, c: { id: string; version: number }, action: string, extra = {}) => {
    const res = await via.post(`/api/cases/${c.id}/actions`, { action, version: c.version, ...extra });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  beforeAll(async () => {
    cluster = await startCluster({ timerSweepMs: 300 });
    [A, B] = cluster.nodes as [ClusterNode, ClusterNode];
    const [grid] = await sql<{ lon: number; lat: number }>(
      cluster.databaseUrl,
      'SELECT "centroidLon" AS lon, "centroidLat" AS lat FROM "Grid" WHERE code = $1',
      [CELL],
    );
    point = grid!;
  }, 180_000);
  afterAll(() => cluster?.close());

  it('delivers a case reported via node A to a dashboard on node B', async () => {
    const worker = await loginAs(A.baseUrl, 'gridworker');
    const dashboard = await listen(B, await loginAs(B.baseUrl, 'county.dispatcher'));
    const res = await report(worker);
    expect(res.status).toBe(201);
    await until(
      () => dashboard.received.some((r) => r.event.caseId === res.body.data.id),
      10_000,
      'the event on B',
    );
    const got = dashboard.received.find((r) => r.event.caseId === res.body.data.id)!;
    expect(got.name).toBe('case:reported');
    expect(got.event.caseCode).toBe(res.body.data.code);
    dashboard.close();
  });

  it('gives simultaneous claims through both nodes exactly one winner', async () => {
    const [worker, village, township, cgA, cgB] = await Promise.all([
      loginAs(A.baseUrl, 'gridworker'),
      loginAs(A.baseUrl, 'village.operator'),
      loginAs(B.baseUrl, 'township.dispatcher'),
      loginAs(A.baseUrl, 'dept.chengguan'),
      loginAs(B.baseUrl, 'dept.chengguan2'),
    ]);
    const cases = [];
    for (let i = 0; i < 5; i++) {
      let c = (await report(worker, `占道经营 ${i}`)).body.data;
      c = await act(village, c, 'REGISTER');
      c = await act(village, c, 'ESCALATE', { reason: '需要街道协调' });
      c = await act(township, c, 'REGISTER');
      cases.push(await act(township, c, 'DISPATCH', { leadDepartmentId: CG }));
    }
    const results = await Promise.all(
      cases.map((c) =>
        Promise.all(
          [cgA, cgB].map((who) =>
            who.post(`/api/cases/${c.id}/actions`, { action: 'CLAIM', version: c.version }),
          ),
        ),
      ),
    );
    for (const pair of results) expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    const claims = await sql<{ n: string }>(
      cluster.databaseUrl,
      `SELECT count(*) AS n FROM "CaseEvent" WHERE action = 'CLAIM' AND "caseId" = ANY($1)`,
      [cases.map((c) => c.id)],
    );
    expect(Number(claims[0]!.n)).toBe(5);
  });

  it('ends a session on every node at logout', async () => {
    const onA = await loginAs(A.baseUrl, 'township.dispatcher');
    // The same token, sent to node B.
    const onB = apiClient(B.baseUrl, onA.token);
    // B has seen (and cached) the token before the logout on A; its cache keeps one for 15 s.
    const before = await onB.get('/api/cases?limit=1');
    expect(before.status).toBe(200);
    expect((await onA.post('/api/auth/logout')).status).toBeLessThan(300);
    await until(
      async () => (await onB.get('/api/cases?limit=1')).status === 401,
      2_000,
      'B to refuse the token',
    );
  });

  it('reloads grid cells on node B after an import through node A', async () => {
    const [cell] = await sql<{
      villageCode: string;
      minLon: number;
      minLat: number;
      maxLon: number;
      maxLat: number;
      centroidLon: number;
      centroidLat: number;
    }>(
      cluster.databaseUrl,
      `SELECT "villageCode", "minLon", "minLat", "maxLon", "maxLat", "centroidLon", "centroidLat" FROM "Grid"
       WHERE "villageCode" LIKE '371522%' ORDER BY code LIMIT 1`,
    );
    const c = cell!;
    const size = Math.min(c.maxLon - c.minLon, c.maxLat - c.minLat) / 4;
    const [lon, lat] = [c.centroidLon - size, c.centroidLat - size];
    const ring = [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ];
    const code = `${c.villageCode}101`;
    const adminA = await loginAs(A.baseUrl, 'admin');
    const adminB = await loginAs(B.baseUrl, 'admin');
    const locateOnB = () => adminB.get(`/api/grids/locate?lon=${lon + size / 2}&lat=${lat + size / 2}`);
    expect((await locateOnB()).body.data?.code).not.toBe(code);
    const res = await adminA.post('/api/admin/grids/import', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code, name: '真实网格' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    });
    expect(res.status).toBe(200);
    await until(
      async () => (await locateOnB()).body.data?.code === code,
      5_000,
      'B to locate in the new cell',
    );
  });

  it('fires an overdue timer once with both nodes sweeping', async () => {
    const worker = await loginAs(B.baseUrl, 'gridworker');
    const c = (await report(worker, '井盖缺失')).body.data;
    const past = new Date(Date.now() - 60_000).toISOString().replace('Z', '');
    await sql(cluster.databaseUrl, 'UPDATE "Case" SET "stageDeadline" = $1, "yellowAt" = $1 WHERE id = $2', [
      past,
      c.id,
    ]);
    const actions = async () =>
      (
        await sql<{ action: string }>(
          cluster.databaseUrl,
          'SELECT action FROM "CaseEvent" WHERE "caseId" = $1 ORDER BY seq',
          [c.id],
        )
      ).map((r) => r.action);
    await until(async () => (await actions()).includes('AUTO_ESCALATE'), 10_000, 'the red card');
    // Both nodes sweep every 300 ms: give them a dozen more chances to fire it twice.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await actions()).toEqual(['REPORT', 'RED_CARD', 'AUTO_ESCALATE']);
  });

  it('loses no committed event when node A is killed mid-stream: its dashboard catches up on node B', async () => {
    const county = await loginAs(A.baseUrl, 'county.dispatcher');
    const dashboard = await listen(A, county);
    const from = dashboard.syncedSeq!;
    const viaA = await loginAs(A.baseUrl, 'gridworker');
    const viaB = await loginAs(B.baseUrl, 'gridworker');
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        await report(i % 2 === 0 ? viaA : viaB, `巡查发现问题 ${i}`).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await until(() => dashboard.received.length >= 10, 15_000, 'the stream to start');
    await A.kill();
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await stream;
    const seen = new Set(dashboard.received.map((r) => r.event.seq));
    const lastSeq = Math.max(from, ...seen);
    const again = await listen(B, { ...county, token: county.token }, { lastSeq });
    for (const r of again.received) seen.add(r.event.seq);
    const committed = await sql<{ seq: number }>(
      cluster.databaseUrl,
      `SELECT seq FROM "CaseEvent" WHERE seq > $1 AND "countyCode" = '371502000000' ORDER BY seq`,
      [from],
    );
    expect(committed.length).toBeGreaterThan(10);
    expect(committed.map((r) => r.seq).filter((s) => !seen.has(s))).toEqual([]);
    again.close();
  });
});

describe.skipIf(!clusterAvailable)('several nodes starting at once on an empty PostgreSQL database', () => {
  it('migrate and seed it once', async () => {
    const name = `wg_${randomUUID().slice(0, 8)}_empty`;
    await sql(TEST_POSTGRES_URL!, `CREATE DATABASE "${name}"`);
    const url = urlOf(TEST_POSTGRES_URL!, name);
    const env = {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL!,
      REDIS_PREFIX: `e${name}`,
      SEED_DEMO: 'true',
      PG_POOL_SIZE: '4',
    };
    const nodes = await Promise.all(
      ['X', 'Y', 'Z'].map((n) => startNode(n, { ...env, DATA_DIR: `/tmp/${name}-${n}` })),
    );
    try {
      const [applied] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM "_migrations"');
      const [units] = await sql<{ n: string; distinct: string }>(
        url,
        'SELECT count(*) AS n, count(DISTINCT code) AS distinct FROM "Unit"',
      );
      const [users] = await sql<{ n: string }>(
        url,
        `SELECT count(*) AS n FROM "User" WHERE username = 'gridworker'`,
      );
      expect(Number(applied!.n)).toBeGreaterThanOrEqual(8);
      expect(Number(units!.n)).toBe(2553); // 1 city + 8 counties + 136 townships + 2408 villages
      expect(Number(users!.n)).toBe(1);
      const seeded = nodes.filter((n) => n.output.join('').includes('Seeded demo data'));
      expect(seeded.map((n) => n.name)).toHaveLength(1);
    } finally {
      await Promise.all(nodes.map((n) => n.kill()));
      await sql(TEST_POSTGRES_URL!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 240_000);
});
