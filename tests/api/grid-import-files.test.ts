import { wgs84ToGcj02 } from '@wangge/shared/geo/chinese-offsets';
import { type Position, pointInRing, signedRingArea } from '@wangge/shared/geo/polygon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

// The problem files a GIS office sends (docs/grids.md), each with its documented result.
// Cells are picked through the API (export, locate), never by hard-coded coordinates, so the
// tests hold whatever the seed geometry is.

type Ring = Position[];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
type Feature = { type: 'Feature'; properties: { code: string; name: string }; geometry: Geometry };
type Collection = { type: 'FeatureCollection'; features: Feature[] };

/**
 * The county seats in WGS-84, approximately (the government seat of each county / district).
 * 东昌府区 from the brief; the others are the anchors the synthetic seed places the counties
 * around (prisma/seed/synthetic-grids.ts COUNTY_ANCHORS, rounded to 0.01°), which is where the
 * seeded cells are: any cell near them serves, the test only needs eight places over the city.
 */
const COUNTY_SEATS: [county: string, seat: Position][] = [
  ['371502000000', [115.988349, 36.434669]], // 东昌府区
  ['371503000000', [116.25, 36.58]], // 茌平区
  ['371521000000', [115.79, 36.11]], // 阳谷县
  ['371522000000', [115.67, 36.24]], // 莘县
  ['371524000000', [116.25, 36.33]], // 东阿县
  ['371525000000', [115.44, 36.48]], // 冠县
  ['371526000000', [116.23, 36.86]], // 高唐县
  ['371581000000', [115.7, 36.84]], // 临清市
];

const mapRings = (g: Geometry, f: (r: Ring) => Ring): Geometry =>
  g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(f) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(f)) };

const outerOf = (g: Geometry): Ring => (g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!);

const squareAround = ([x, y]: Position, half: number, ccw = true): Ring => {
  const ring: Ring = [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
    [x - half, y - half],
  ];
  return ccw ? ring : ring.reverse();
};

describe('grid import: the problem files', () => {
  let app: TestApp;
  let admin: ApiClient;
  const exportOf = async (unit: string): Promise<Collection> => {
    const res = await admin.get(`/api/grids/export?unit=${unit}`);
    expect(res.status).toBe(200);
    return res.body as Collection;
  };
  const upload = (fc: Collection, dryRun = false) =>
    admin.post(`/api/admin/grids/import${dryRun ? '?dryRun=true' : ''}`, fc);
  const fc = (features: Feature[]): Collection => ({ type: 'FeatureCollection', features });
  const located = async ([lon, lat]: Position) => {
    const res = await admin.get(`/api/grids/locate?lon=${lon}&lat=${lat}`);
    if (res.status !== 200)
      throw new Error(`locate ${lon},${lat}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  /** The county's cell whose centroid is nearest its seat, and that centroid. */
  const nearSeat = async (k: number) => {
    const [county, [lon, lat]] = COUNTY_SEATS[k]!;
    const cells = await app.ctx.db.read.grid.findMany({
      where: { countyCode: county },
      select: { code: true, centroidLon: true, centroidLat: true },
    });
    const d = (c: (typeof cells)[number]) => Math.hypot(c.centroidLon - lon, c.centroidLat - lat);
    const best = cells.reduce((a, b) => (d(b) < d(a) ? b : a));
    const point: Position = [best.centroidLon, best.centroidLat];
    const { code } = best;
    return { code, villageCode: code.slice(0, 12), townshipCode: code.slice(0, 9).padEnd(12, '0'), point };
  };

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
  });
  afterAll(() => app.close());

  it('exports the whole city and takes it back unchanged (dry run: a no-op; then for real)', async () => {
    const city = await exportOf('371500000000');
    const total = await app.ctx.db.read.grid.count();
    expect(city.features).toHaveLength(total);
    const dry = await upload(city, true);
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({
      dryRun: true,
      imported: total,
      cells: { added: 0, replaced: 0, unchanged: total, removed: 0 },
      synthetic: { trimmed: [], removed: [] },
      warningCount: 0,
    });
    const before = await app.ctx.db.read.grid.aggregate({ _max: { updatedAt: true } });
    const real = await upload(city);
    expect(real.status).toBe(200);
    expect(real.body.data.cells.unchanged).toBe(total);
    const after = await app.ctx.db.read.grid.aggregate({ _max: { updatedAt: true } });
    expect(after._max.updatedAt).toEqual(before._max.updatedAt);
  }, 240_000);

  it('accepts clockwise rings, rewinds them (RFC 7946) and warns per cell', async () => {
    const { code, villageCode } = await nearSeat(2);
    const village = await exportOf(villageCode);
    const features = village.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: `${f.properties.name}（实测）` },
      geometry: mapRings(f.geometry, (r) => [...r].reverse()),
    }));
    const res = await upload(fc(features));
    expect(res.status).toBe(200);
    expect(res.body.data.cells.replaced).toBe(features.length);
    const rewound = res.body.data.warnings.filter((w: { message: string }) => /rewound/.test(w.message));
    expect(rewound).toHaveLength(features.length);
    const stored = (await admin.get(`/api/grids/${code}`)).body.data;
    expect(stored.isSynthetic).toBe(false);
    expect(signedRingArea(outerOf(stored.geometry))).toBeGreaterThan(0);
  });

  it('keeps holes and MultiPolygon enclaves: a point in the hole is in the enclave, not the cell', async () => {
    const { code, villageCode, point: seat } = await nearSeat(4);
    expect((await located(seat)).code).toBe(code);
    const village = await exportOf(villageCode);
    const host = village.features.find((f) => f.properties.code === code)!;
    const outer = outerOf(host.geometry);
    const [x0, y0, x1, y1] = [
      Math.min(...outer.map((p) => p[0])),
      Math.min(...outer.map((p) => p[1])),
      Math.max(...outer.map((p) => p[0])),
      Math.max(...outer.map((p) => p[1])),
    ];
    const half = Math.min(x1 - x0, y1 - y0) / 20;
    const centres: Position[] = [seat, [seat[0] + 3 * half, seat[1]]];
    for (const c of centres)
      for (const p of squareAround(c, half)) expect(pointInRing(p, outer), 'hole inside its cell').toBe(true);
    const holes = centres.map((c) => squareAround(c, half, false));
    const enclaveCode = `${villageCode}901`;
    const features: Feature[] = [
      ...village.features.filter((f) => f !== host),
      { ...host, geometry: { type: 'Polygon', coordinates: [outer, ...holes] } },
      {
        type: 'Feature',
        properties: { code: enclaveCode, name: '飞地网格' },
        geometry: { type: 'MultiPolygon', coordinates: centres.map((c) => [squareAround(c, half)]) },
      },
    ];
    const res = await upload(fc(features));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.cells.added).toBe(1);
    expect((await located(centres[0]!)).code).toBe(enclaveCode);
    expect((await located(centres[1]!)).code).toBe(enclaveCode);
    const beside: Position = [seat[0] - 2 * half, seat[1]];
    expect((await located(beside)).code).toBe(code);
    const enclave = (await admin.get(`/api/grids/${enclaveCode}`)).body.data;
    expect(enclave.geometry.type).toBe('MultiPolygon');
    expect(enclave.minLon).toBeCloseTo(seat[0] - half, 9);
    expect(enclave.maxLon).toBeCloseTo(seat[0] + 4 * half, 9);
    const hostNow = (await admin.get(`/api/grids/${code}`)).body.data;
    expect(hostNow.geometry.coordinates).toHaveLength(3);
    // The map's payloads carry both.
    const geojson = (await admin.get(`/api/grids?unit=${villageCode}`)).body;
    const served = geojson.features.find((f: Feature) => f.properties.code === enclaveCode);
    expect(served.geometry.type).toBe('MultiPolygon');
  });

  it('snaps sub-0.5 m slivers against a real neighbour and refuses a wider overlap with both codes and the area', async () => {
    // Two neighbouring cells of different villages, found in a township's export.
    const { townshipCode } = await nearSeat(0);
    const township = await exportOf(townshipCode);
    const key = (p: Position) => p.join();
    let pair: { a: Feature; b: Feature; shared: Position } | undefined;
    const byVertex = new Map<string, Feature[]>();
    for (const f of township.features)
      for (const p of outerOf(f.geometry).slice(0, -1))
        byVertex.set(key(p), [...(byVertex.get(key(p)) ?? []), f]);
    for (const [k, fs] of byVertex) {
      const a = fs[0]!;
      const b = fs.find((f) => f.properties.code.slice(0, 12) !== a.properties.code.slice(0, 12));
      if (b && fs.length === 2) {
        pair = { a, b, shared: k.split(',').map(Number) as Position };
        break;
      }
    }
    expect(pair, 'two neighbouring cells of different villages').toBeDefined();
    const { a, b, shared } = pair!;
    const villageOf = (f: Feature) => f.properties.code.slice(0, 12);
    // Village A becomes real as it is.
    const realA = (await exportOf(villageOf(a))).features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: `${f.properties.name}·` },
    }));
    expect((await upload(fc(realA))).status).toBe(200);
    // Village B with the shared vertex pushed into A by `metres`.
    const inside = (await exportOf(villageOf(b))).features;
    const aCentre = outerOf(a.geometry)
      .slice(0, -1)
      .reduce<Position>((s, p) => [s[0] + p[0], s[1] + p[1]], [0, 0]);
    const n = outerOf(a.geometry).length - 1;
    const towards: Position = [aCentre[0] / n - shared[0], aCentre[1] / n - shared[1]];
    const push = (metres: number) =>
      inside.map((f) => ({
        ...f,
        geometry: mapRings(f.geometry, (r) =>
          r.map((p) => {
            if (key(p) !== key(shared)) return p;
            const len = Math.hypot(towards[0] * 88_800, towards[1] * 110_950);
            return [p[0] + (towards[0] / len) * metres, p[1] + (towards[1] / len) * metres] as Position;
          }),
        ),
      }));
    const sliver = await upload(fc(push(0.3)), true);
    expect(sliver.status, JSON.stringify(sliver.body)).toBe(200);
    expect(sliver.body.data.warnings.map((w: { message: string }) => w.message).join('\n')).toMatch(
      /snapped onto neighbouring cells|sliver of .* was trimmed off/,
    );
    const wide = await upload(fc(push(40)), true);
    expect(wide.status).toBe(400);
    const text = JSON.stringify(wide.body.error.details);
    expect(text).toContain(b.properties.code);
    expect(text).toMatch(new RegExp(`overlaps existing cell ${a.properties.code} by \\d+ m²`));
  });

  it('maps old 茌平县 codes to 茌平区 in the importer (with a warning) and in unit and cell reads', async () => {
    const { code, villageCode } = await nearSeat(1);
    expect(villageCode.slice(0, 6)).toBe('371503');
    const old = (c: string) => `371523${c.slice(6)}`;
    const village = await exportOf(villageCode);
    const features = village.features.map((f) => ({
      ...f,
      properties: { code: old(f.properties.code), name: `${f.properties.name}（旧码）` },
    }));
    const res = await upload(fc(features));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.cells.replaced).toBe(features.length);
    expect(res.body.data.warnings[0].message).toContain(
      `old code ${old(features[0]!.properties.code.replace(/^371523/, '371503'))}`,
    );
    expect(res.body.data.warnings[0].message).toContain(`imported as 371503`);
    const unit = await admin.get(`/api/units/${old(villageCode)}`);
    expect(unit.status).toBe(200);
    expect(unit.body.data).toMatchObject({ code: villageCode, aliasOf: { code: old(villageCode) } });
    const township = await admin.get(`/api/units/${old(villageCode.slice(0, 9).padEnd(12, '0'))}`);
    expect(township.body.data.code).toBe(villageCode.slice(0, 9).padEnd(12, '0'));
    const cell = await admin.get(`/api/grids/${old(code)}`);
    expect(cell.status).toBe(200);
    expect(cell.body.data).toMatchObject({ code, aliasOf: { code: old(code) } });
    expect(cell.body.data.name).toMatch(/（旧码）$/);
  });

  it('warns when the file sits where GCJ-02 would put the cells, and not for the WGS-84 file', async () => {
    const villages = new Set<string>();
    for (let k = 0; k < COUNTY_SEATS.length; k++) villages.add((await nearSeat(k)).villageCode);
    const features: Feature[] = [];
    for (const v of villages) features.push(...(await exportOf(v)).features);
    const wgs = await upload(fc(features), true);
    expect(wgs.status, JSON.stringify(wgs.body)).toBe(200);
    expect(JSON.stringify(wgs.body.data.warnings)).not.toMatch(/GCJ-02|BD-09/);
    const shifted = features.map((f) => ({
      ...f,
      geometry: mapRings(f.geometry, (r) => r.map(wgs84ToGcj02)),
    }));
    const gcj = await upload(fc(shifted), true);
    // Accepted with the warning first, or (500 m onto real neighbours) refused with it first.
    const first = gcj.status === 200 ? gcj.body.data.warnings[0] : gcj.body.error.details[0];
    expect([200, 400]).toContain(gcj.status);
    expect(first.message).toMatch(/looks drawn in GCJ-02 .* not WGS-84: \d+ of \d+ villages/);
  });

  it('trims synthetic neighbours, removes one it covers, refuses to remove one with open cases; the dry run writes nothing', async () => {
    const { villageCode, code } = await nearSeat(5);
    const village = await exportOf(villageCode);
    const neighbourCells = (await exportOf(villageCode.slice(0, 9).padEnd(12, '0'))).features.filter(
      (f) => f.properties.code.slice(0, 12) !== villageCode,
    );
    // A synthetic cell of another village with no team and no open case, covered whole by a new cell.
    const free = await app.ctx.db.read.grid.findFirstOrThrow({
      where: {
        code: { in: neighbourCells.map((f) => f.properties.code) },
        isSynthetic: true,
        members: { none: {} },
      },
    });
    const covered = neighbourCells.find((f) => f.properties.code === free.code)!;
    const [cx, cy] = [free.centroidLon, free.centroidLat];
    const w = (free.maxLon - free.minLon) / 4;
    const features: Feature[] = [
      ...village.features,
      // Covers `free` whole, and a bit of whatever lies around it.
      {
        type: 'Feature',
        properties: { code: `${villageCode}902`, name: '新网格' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            squareAround(
              [cx, cy],
              Math.max(free.maxLon - cx, cx - free.minLon, free.maxLat - cy, cy - free.minLat) + w,
            ),
          ],
        },
      },
    ];
    const countBefore = await app.ctx.db.read.grid.count();
    const dry = await upload(fc(features), true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.data.synthetic.removed).toContain(covered.properties.code);
    expect(dry.body.data.synthetic.trimmed.length).toBeGreaterThan(0);
    expect(await app.ctx.db.read.grid.count()).toBe(countBefore);
    expect((await admin.get(`/api/grids/${covered.properties.code}`)).status).toBe(200);

    // With an open case in the covered cell the import is refused, naming it.
    const caseCell = covered.properties.code;
    const reported = await buildCase(app, await app.as('hotline'), { gridCode: caseCell });
    expect(reported.gridCode).toBe(caseCell);
    const refused = await upload(fc(features), true);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toMatch(
      new RegExp(`synthetic cell ${caseCell} would be removed .* 1 open case`),
    );
    // The village's own cells stay as the file has them; the seat's cell is among them.
    expect(village.features.some((f) => f.properties.code === code)).toBe(true);
  });
});
