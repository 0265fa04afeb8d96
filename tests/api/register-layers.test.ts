import { randomUUID } from 'node:crypto';
import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { CITY_CODE, isWithin, significantPrefix } from '@wangge/shared/domain/unit-codes';
import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import type { RegisterLayers } from '@wangge/shared/register/layers';
import { nextVisitDue } from '@wangge/shared/register/visits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRegisterCounts } from '../../api/src/services/register/rebuild-register-counts';
import { refreshVisitDue } from '../../api/src/services/register/refresh-visit-due';
import { createRandom } from '../../shared/src/random';
import { loginAll, pointIn } from '../support/factories';
import { buildPerson } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Layers = {
  unit: string;
  level: string;
  layers: string[];
  cells: { code: string; counts: Record<string, number> }[];
};

/** The columns of an answer as one object per cell, zeros left out (as the recount builds them). */
function byCell(data: RegisterLayers): Layers {
  const cells = data.codes.map((code, i) => {
    const counts: Record<string, number> = {};
    for (const layer of data.layers) if (data.counts[layer]![i]! > 0) counts[layer] = data.counts[layer]![i]!;
    return { code, counts };
  });
  for (const layer of Object.keys(data.counts)) expect(data.layers).toContain(layer);
  for (const layer of data.layers) expect(data.counts[layer]).toHaveLength(data.codes.length);
  return { unit: data.unit, level: data.level, layers: data.layers, cells };
}

const KEY_CLASSES = PERSON_CLASSES.filter((c) => c.group === 'KEY').map((c) => `PERSON:${c.code}`);
const CONCERN_CLASSES = PERSON_CLASSES.filter((c) => c.group === 'CONCERN').map((c) => `PERSON:${c.code}`);

/** The 综治一张图 layers: counts per cell clipped by role × class × jurisdiction, and always equal to a recount. */
describe('register: map layers', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'village.operator',
      'township.dispatcher',
      'township2.dispatcher',
      'county.dispatcher',
      'dept.chengguan',
      'dept.gongan',
      'command.city',
      'hotline',
      'admin',
      'auditor',
    );
  });
  afterAll(() => app?.close());

  const layers = async (c: ApiClient, query: string) => {
    const res = await c.get<{ data: RegisterLayers }>(`/api/register/layers?${query}`);
    expect(res.status).toBe(200);
    return byCell(res.body.data);
  };

  /**
   * Live records per cell and layer, counted from the rows themselves (not from the count
   * table's SQL): persons and their classes and groups, places, organisations and 民情日志 by
   * kind, components by top class and FAULTY, and persons whose next home visit was due before
   * today (from their classes and last visits, not from Person.visitDueDay).
   */
  async function recount(): Promise<Map<string, Record<string, number>>> {
    const db = app.ctx.db.read;
    const persons = await db.person.findMany({
      where: { archivedAt: null, anonymisedAt: null },
      select: { id: true, gridCode: true, tags: { select: { tagCode: true, since: true } } },
    });
    const visits = await db.workLog.groupBy({
      by: ['personId'],
      where: { kind: 'HOME_VISIT', personId: { not: null } },
      _max: { createdAt: true },
    });
    const lastVisit = new Map(visits.map((v) => [v.personId, v._max.createdAt]));
    const today = toShanghaiDate(app.clock.now());
    const group = new Map<string, string>(PERSON_CLASSES.map((c) => [c.code, c.group]));
    const cells = new Map<string, Record<string, number>>();
    const add = (gridCode: string, ...keys: string[]) => {
      const cell = cells.get(gridCode) ?? {};
      cells.set(gridCode, cell);
      for (const key of keys) cell[key] = (cell[key] ?? 0) + 1;
    };
    for (const p of persons) {
      add(p.gridCode, 'PERSON', ...p.tags.map((t) => `PERSON:${t.tagCode}`));
      add(p.gridCode, ...[...new Set(p.tags.map((t) => group.get(t.tagCode)))].map((g) => `PERSON:${g}`));
      const due = nextVisitDue(p.tags, lastVisit.get(p.id) ?? null);
      if (due && toShanghaiDate(due) < today) add(p.gridCode, 'VISIT:OVERDUE');
    }
    const live = { where: { archivedAt: null } };
    for (const r of await db.place.findMany({ ...live, select: { gridCode: true, kind: true } }))
      add(r.gridCode, 'PLACE', `PLACE:${r.kind}`);
    for (const r of await db.organisation.findMany({ ...live, select: { gridCode: true, kind: true } }))
      add(r.gridCode, 'ORGANISATION', `ORGANISATION:${r.kind}`);
    for (const r of await db.situation.findMany({ ...live, select: { gridCode: true, kind: true } }))
      add(r.gridCode, 'SITUATION', `SITUATION:${r.kind}`);
    for (const r of await db.thing.findMany({
      ...live,
      select: { gridCode: true, classCode: true, state: true },
    }))
      add(
        r.gridCode,
        'THING',
        `THING:${r.classCode.slice(0, 2)}`,
        ...(r.state === 'NORMAL' ? [] : ['THING:FAULTY']),
      );
    return cells;
  }

  /** The maintained table, in the same shape (due days before today summed as VISIT:OVERDUE). */
  async function table(): Promise<Map<string, Record<string, number>>> {
    const rows = await app.ctx.db.read.registerCount.findMany({ where: { count: { gt: 0 } } });
    const today = toShanghaiDate(app.clock.now());
    const cells = new Map<string, Record<string, number>>();
    for (const r of rows) {
      if (r.recordType === 'VISIT' && r.class >= today) continue;
      const cell = cells.get(r.gridCode) ?? {};
      cells.set(r.gridCode, cell);
      const key =
        r.recordType === 'VISIT'
          ? 'VISIT:OVERDUE'
          : r.class === ''
            ? r.recordType
            : `${r.recordType}:${r.class}`;
      cell[key] = (cell[key] ?? 0) + r.count;
    }
    return cells;
  }

  it('a 综治 centre counts every class of its subtree, equal to a recount of the seeded register', async () => {
    const township = u['township.dispatcher']!.user.unitCode as string;
    const data = await layers(u['township.dispatcher']!, `unit=${township}`);
    expect(data.layers).toEqual(
      expect.arrayContaining(['PERSON', 'PERSON:KEY', ...KEY_CLASSES, ...CONCERN_CLASSES]),
    );
    expect(data.cells.length).toBeGreaterThan(0);
    const expected = await recount();
    for (const cell of data.cells) {
      expect(isWithin(cell.code, township)).toBe(true);
      expect(cell.counts).toEqual(expected.get(cell.code));
    }
    const inTownship = [...expected.keys()].filter((g) => isWithin(g, township));
    expect(data.cells.map((c) => c.code).sort()).toEqual(inTownship.sort());
    // The demo worker's cell holds a 重点人员: the centre sees its class.
    const own = data.cells.find((c) => c.code === u.gridworker!.user.gridCodes[0])!;
    expect(own.counts['PERSON:KEY']).toBeGreaterThan(0);
    expect(Object.keys(own.counts).some((k) => KEY_CLASSES.includes(k))).toBe(true);
  });

  it('without 重点人员 clearance: the group total per cell, never its sub-classes', async () => {
    const village = u['village.operator']!.user.unitCode as string;
    const grid = u.gridworker!.user.gridCodes[0] as string;
    for (const [who, unit] of [
      ['gridworker', village],
      ['village.operator', village],
      ['command.city', CITY_CODE],
    ] as const) {
      const data = await layers(u[who]!, `unit=${unit}`);
      expect(data.layers).toContain('PERSON:KEY');
      expect(data.layers).toEqual(expect.arrayContaining(CONCERN_CLASSES));
      for (const k of KEY_CLASSES) expect(data.layers).not.toContain(k);
      for (const cell of data.cells) for (const k of KEY_CLASSES) expect(cell.counts).not.toHaveProperty(k);
      const own = data.cells.find((c) => c.code === grid)!;
      expect({ who, key: own.counts['PERSON:KEY'] }).toEqual({
        who,
        key: (await recount()).get(grid)!['PERSON:KEY'],
      });
    }
  });

  it('clips to the jurisdiction: own cells, own subtree, a unit above cut down to it; 404 outside', async () => {
    const worker = u.gridworker!;
    const village = u['village.operator']!.user.unitCode as string;
    const mine = await layers(worker, `unit=${village}`);
    expect(mine.cells.map((c) => c.code).sort()).toEqual(
      [...(worker.user.gridCodes as string[])].filter((g) => isWithin(g, village)).sort(),
    );
    // A township centre asking for the city gets its township only.
    const township = u['township.dispatcher']!.user.unitCode as string;
    const city = await layers(u['township.dispatcher']!, `unit=${CITY_CODE}`);
    expect(city.cells.length).toBeGreaterThan(0);
    for (const cell of city.cells) expect(cell.code.startsWith(significantPrefix(township))).toBe(true);
    // Another village, another township, a neighbour's cell: 404.
    const village2 = u['gridworker2']!.user.gridCodes[0] as string;
    expect((await worker.get(`/api/register/layers?unit=${village2}`)).status).toBe(404);
    expect((await worker.get(`/api/register/layers?unit=${village2.slice(0, 12)}`)).status).toBe(404);
    const township2 = u['township2.dispatcher']!.user.unitCode as string;
    expect((await u['township.dispatcher']!.get(`/api/register/layers?unit=${township2}`)).status).toBe(404);
    // A well-formed code of no unit: 404 too.
    expect((await u.admin!.get('/api/register/layers?unit=371599999999')).status).toBe(404);
  });

  it('sums per village, township or county one call for the city map', async () => {
    const cells = await layers(u['command.city']!, `unit=${CITY_CODE}`);
    const counties = await layers(u['command.city']!, `unit=${CITY_CODE}&level=county`);
    const total = (d: Layers, key: string) => d.cells.reduce((s, c) => s + (c.counts[key] ?? 0), 0);
    expect(total(counties, 'PERSON')).toBe(total(cells, 'PERSON'));
    expect(total(counties, 'PERSON:KEY')).toBe(total(cells, 'PERSON:KEY'));
    for (const c of counties.cells) expect(c.code).toMatch(/^\d{6}000000$/);
    const villages = await layers(u['command.city']!, `unit=${CITY_CODE}&level=village`);
    expect(total(villages, 'PERSON')).toBe(total(cells, 'PERSON'));
    expect(villages.cells.every((c) => /^\d{12}$/.test(c.code))).toBe(true);
  });

  it('401, 403 for roles without a view of the layers, one 400 listing every problem', async () => {
    expect((await app.anonymous().get(`/api/register/layers?unit=${CITY_CODE}`)).status).toBe(401);
    for (const who of ['dept.chengguan', 'hotline', 'auditor'])
      expect({ who, status: (await u[who]!.get(`/api/register/layers?unit=${CITY_CODE}`)).status }).toEqual({
        who,
        status: 403,
      });
    const bad = await u.admin!.get('/api/register/layers?unit=37150&level=street');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.level',
      'query.unit',
    ]);
    const missing = await u.admin!.get('/api/register/layers');
    expect(missing.status).toBe(400);
  });

  it('the police liaison counts 重点人员 classes in its subtree; admins everything', async () => {
    const police = await layers(u['dept.gongan']!, `unit=${CITY_CODE}`);
    expect(police.layers).toEqual(expect.arrayContaining(KEY_CLASSES));
    for (const k of CONCERN_CLASSES) expect(police.layers).not.toContain(k);
    const admin = await layers(u.admin!, `unit=${CITY_CODE}`);
    expect(admin.layers).toEqual(expect.arrayContaining([...KEY_CLASSES, ...CONCERN_CLASSES]));
  });

  it('stays equal to a recount after a random sequence of writes; the rebuild agrees', async () => {
    const random = createRandom(13);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const centre = u['township.dispatcher']!;
    const township = centre.user.unitCode as string;
    const cells = (
      await app.ctx.db.read.grid.findMany({ where: { townshipCode: township }, select: { code: true } })
    )
      .map((g) => g.code)
      .slice(0, 6);
    const codes = PERSON_CLASSES.map((c) => c.code);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const step = ids.length < 5 ? 0 : Math.floor(random() * 5);
      if (step === 0 || step === 4) {
        const tags = [...new Set([pick(codes), pick(codes)])].slice(0, Math.floor(random() * 3));
        const p = await buildPerson(centre, { n: 500 + i, gridCode: pick(cells), tags });
        ids.push(p.id);
        continue;
      }
      const id = pick(ids);
      const current = await centre.get(`/api/register/persons/${id}`);
      if (current.status !== 200 || current.body.data.archivedAt) continue;
      const p = current.body.data;
      if (step === 1) {
        const tags = [...new Set([pick(codes), pick(codes)])].slice(0, Math.floor(random() * 3));
        const res = await centre.send('PATCH', `/api/register/persons/${id}`, {
          body: JSON.stringify({
            version: p.version,
            tags,
            ...(random() < 0.5 ? { gridCode: pick(cells) } : {}),
          }),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(200);
      } else if (step === 2) {
        expect(
          (await centre.post(`/api/register/persons/${id}/archive`, { reason: '迁出本网格' })).status,
        ).toBe(200);
      } else {
        expect((await u.admin!.post(`/api/admin/register/persons/${id}/anonymise`)).status).toBe(200);
      }
      expect(await table()).toEqual(await recount());
    }
    expect(await table()).toEqual(await recount());
    // A bad row (a writer that bypassed the services) is repaired by the rebuild.
    await app.ctx.db.write.registerCount.updateMany({ where: { gridCode: cells[0] }, data: { count: 999 } });
    expect(await table()).not.toEqual(await recount());
    await rebuildRegisterCounts(app.ctx);
    expect(await table()).toEqual(await recount());
  });

  it('counts places, components, organisations, 民情日志 and overdue visits, live and equal to a recount', async () => {
    let worker = u.gridworker!;
    const cell = worker.user.gridCodes[0] as string;
    const here = await pointIn(app, cell);
    const json = { 'content-type': 'application/json' };
    const at = async () => (await layers(u['township.dispatcher']!, `unit=${cell}`)).cells[0]?.counts ?? {};
    const before = await at();

    const place = await worker.post('/api/register/places', {
      gridCode: cell,
      kind: 'RENTAL',
      name: '出租屋 9 号',
    });
    expect(place.status).toBe(201);
    const thing = await worker.post('/api/register/things', {
      gridCode: cell,
      classCode: '0120',
      code: 'LD-LAYER-01',
      name: '路灯',
      location: here,
      state: 'NORMAL',
    });
    expect(thing.status).toBe(201);
    const org = await worker.post('/api/register/organisations', {
      gridCode: cell,
      kind: 'ENTERPRISE',
      name: '测试 商贸公司',
    });
    expect(org.status).toBe(201);
    const note = await worker.post('/api/register/situations', {
      gridCode: cell,
      kind: 'DISPUTE',
      date: toShanghaiDate(app.clock.now()),
      note: '邻里噪音纠纷，已调解',
    });
    expect(note.status).toBe(201);
    let now = await at();
    expect(now['PLACE:RENTAL']).toBe((before['PLACE:RENTAL'] ?? 0) + 1);
    expect(now.THING).toBe((before.THING ?? 0) + 1);
    expect(now['THING:01']).toBe((before['THING:01'] ?? 0) + 1);
    expect(now['ORGANISATION:ENTERPRISE']).toBe((before['ORGANISATION:ENTERPRISE'] ?? 0) + 1);
    expect(now['SITUATION:DISPUTE']).toBe((before['SITUATION:DISPUTE'] ?? 0) + 1);
    expect(await table()).toEqual(await recount());

    // A broken street light is FAULTY; archived, it leaves every layer.
    const broken = await worker.send('PATCH', `/api/register/things/${thing.body.data.id}`, {
      body: JSON.stringify({ version: 1, state: 'DAMAGED' }),
      headers: json,
    });
    expect(broken.status).toBe(200);
    expect((await at())['THING:FAULTY']).toBe((before['THING:FAULTY'] ?? 0) + 1);
    expect(
      (await worker.post(`/api/register/things/${thing.body.data.id}/archive`, { reason: '已拆除' })).status,
    ).toBe(200);
    now = await at();
    expect(now.THING ?? 0).toBe(before.THING ?? 0);
    expect(now['THING:FAULTY'] ?? 0).toBe(before['THING:FAULTY'] ?? 0);
    expect(await table()).toEqual(await recount());

    // Overdue visits: a weekly class given now is overdue from the day after its due day; a
    // recorded home visit takes the person off the layer at once.
    const elder = await buildPerson(worker, { n: 990, tags: ['CONCERN_ELDERLY_ALONE'] });
    const overdue = async () => (await at())['VISIT:OVERDUE'] ?? 0;
    const start = await overdue();
    app.clock.advance(8 * 86_400_000);
    Object.assign(u, await loginAll(app, 'gridworker', 'township.dispatcher')); // sessions expired
    worker = u.gridworker!;
    const later = await overdue();
    expect(later).toBeGreaterThan(start);
    expect(await table()).toEqual(await recount());
    const visit = await worker.post(
      '/api/work-logs',
      { kind: 'HOME_VISIT', note: '走访独居老人', personId: elder.id },
      { 'idempotency-key': 'layers-visit-1' },
    );
    expect(visit.status).toBe(201);
    expect(await overdue()).toBe(later - 1);
    expect(await table()).toEqual(await recount());
    await rebuildRegisterCounts(app.ctx);
    expect(await table()).toEqual(await recount());
    // Thousands of persons at once (an import, a rebuild) go in batches under the parameter limits.
    const many = Array.from({ length: 2_345 }, () => randomUUID());
    expect(await app.ctx.db.transaction((tx) => refreshVisitDue(tx, [...many, elder.id]))).toEqual([]);

    // One layer at a time (the map's read) answers that layer's column of the whole answer.
    for (const who of ['township.dispatcher', 'gridworker'] as const) {
      const c = u[who]!;
      const unit = (c.user.unitCode ?? c.user.gridCodes[0]) as string;
      const whole = (await c.get<{ data: RegisterLayers }>(`/api/register/layers?unit=${unit}`)).body.data;
      for (const layer of whole.layers) {
        const one = await c.get<{ data: RegisterLayers }>(`/api/register/layers?unit=${unit}&layer=${layer}`);
        expect(one.status).toBe(200);
        const expected = whole.codes
          .map((code, i) => [code, whole.counts[layer]![i]!] as const)
          .filter(([, n]) => n > 0);
        expect(one.body.data.codes.map((code, i) => [code, one.body.data.counts[layer]![i]])).toEqual(
          expected,
        );
        expect(one.body.data.layers).toEqual(whole.layers);
      }
    }
    Object.assign(u, await loginAll(app, 'village.operator'));
    const hidden = await u['village.operator']!.get(
      `/api/register/layers?unit=${u['village.operator']!.user.unitCode}&layer=PERSON:KEY_DRUG`,
    );
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details).toEqual([
      { path: 'query.layer', message: 'must be one of the layers you may see' },
    ]);
  });
});
