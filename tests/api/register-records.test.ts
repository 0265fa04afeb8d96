import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, pointIn } from '../support/factories';
import { testPhone } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Body = Record<string, unknown>;

/**
 * The register's places, things, organisations and 民情日志 — one table of cases per type,
 * walked by the same tests: 201, 400 listing every problem, 403 for roles without access,
 * 404 out of jurisdiction, 409 on a stale version, history, archival — then what is special
 * to each type, a case naming a component, and the 1+N team edit.
 */
describe('register: places, things, organisations, situations', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let cell: string;
  let here: { lon: number; lat: number };
  const patch = (c: ApiClient, path: string, body: unknown) =>
    c.send('PATCH', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const put = (c: ApiClient, path: string, body: unknown) =>
    c.send('PUT', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  let seq = 0;

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'township2.dispatcher',
      'dept.chengguan',
      'dept.gongan',
      'command.city',
      'hotline',
      'admin',
      'auditor',
    );
    cell = u.gridworker!.user.gridCodes[0];
    here = await pointIn(app, cell);
  });
  afterAll(() => app?.close());

  /** Each type: a good record, a bad one with the paths of its problems, a change. */
  const TYPES: {
    type: string;
    good: () => Body;
    bad: Body;
    badPaths: string[];
    change: Body;
    /** Who (besides the writers) may read this type, and who gets 403. */
    readers: string[];
    forbidden: string[];
  }[] = [
    {
      type: 'places',
      good: () => ({ kind: 'SCHOOL', name: `实验小学 ${++seq}`, location: here, address: '东昌路 1 号' }),
      bad: { kind: 'CASTLE', name: '', location: { lon: 200, lat: 0 }, outline: { type: 'Point' }, extra: 1 },
      badPaths: ['gridCode', 'kind', 'name', 'location.lon', 'outline.type', '(root)'],
      change: { name: '实验小学（新校区）' },
      readers: ['admin', 'dept.gongan'],
      forbidden: ['dept.chengguan', 'command.city', 'hotline', 'auditor'],
    },
    {
      type: 'things',
      good: () => ({
        classCode: '0101',
        code: `T-${randomUUID().slice(0, 8)}`,
        name: '上水井盖',
        location: here,
        state: 'NORMAL',
      }),
      bad: { classCode: '9999', code: 'x', name: '', state: 'BROKEN' },
      badPaths: ['gridCode', 'classCode', 'code', 'name', 'location', 'state'],
      change: { state: 'DAMAGED', note: '井盖破损' },
      readers: ['admin', 'dept.chengguan', 'dept.gongan'],
      forbidden: ['command.city', 'hotline', 'auditor'],
    },
    {
      type: 'organisations',
      good: () => ({
        kind: 'ENTERPRISE',
        name: `聊城 测试 商贸 ${++seq}`,
        contactName: '钱 联系人',
        contactPhone: testPhone(800 + seq),
      }),
      bad: { kind: 'CLUB', name: '', contactPhone: '12345', placeId: 'nope' },
      badPaths: ['gridCode', 'kind', 'name', 'contactPhone', 'placeId'],
      change: { contactPhone: testPhone(899), address: '新地址 2 号' },
      readers: ['admin'],
      forbidden: ['dept.chengguan', 'dept.gongan', 'command.city', 'hotline', 'auditor'],
    },
    {
      type: 'situations',
      good: () => ({ kind: 'DIFFICULTY', date: '2026-01-05', note: '独居老人反映冬季取暖困难' }),
      bad: { kind: 'RUMOUR', date: '2099-01-01', note: '', personId: 'x' },
      badPaths: ['gridCode', 'kind', 'date', 'note', 'personId'],
      change: { kind: 'VISIT', note: '已协调社区送去取暖器' },
      readers: ['admin'],
      forbidden: ['dept.chengguan', 'dept.gongan', 'command.city', 'hotline', 'auditor'],
    },
  ];

  describe.each(TYPES)('$type', (t) => {
    const base = `/api/register/${t.type}`;
    const create = async (c: ApiClient = u.gridworker!) => {
      const res = await c.post(base, { gridCode: cell, ...t.good() });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data;
    };

    it('201: recorded in an own cell, with a CREATED history line', async () => {
      const r = await create();
      expect(r).toMatchObject({ gridCode: cell, version: 1, archivedAt: null });
      const got = await u.gridworker!.get(`${base}/${r.id}`);
      expect(got.status).toBe(200);
      expect(got.body.data.history).toHaveLength(1);
      expect(got.body.data.history[0]).toMatchObject({ kind: 'CREATED', userId: u.gridworker!.user.id });
      const list = await u.gridworker!.get(`${base}?grid=${cell}&limit=100`);
      expect(list.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
    });

    it('400 lists every problem at once', async () => {
      const res = await u.gridworker!.post(base, { gridCode: 'x', ...t.bad });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(t.badPaths));
    });

    it("a cell outside the caller's jurisdiction is refused (400), its records are 404", async () => {
      const other = u['township2.dispatcher']!;
      const res = await other.post(base, { gridCode: cell, ...t.good() });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('gridCode');
      const r = await create();
      expect((await other.get(`${base}/${r.id}`)).status).toBe(404);
      expect((await patch(other, `${base}/${r.id}`, { version: 1, ...t.change })).status).toBe(404);
      expect((await other.post(`${base}/${r.id}/archive`, { reason: '不在辖区' })).status).toBe(404);
      const list = await other.get(`${base}?limit=100`);
      expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(r.id);
    });

    it('403 for roles without access; read-only roles read but do not write', async () => {
      const r = await create();
      for (const name of t.forbidden) {
        expect((await u[name]!.get(base)).status, name).toBe(403);
        expect((await u[name]!.get(`${base}/${r.id}`)).status, name).toBe(403);
        expect((await u[name]!.post(base, { gridCode: cell, ...t.good() })).status, name).toBe(403);
      }
      for (const name of t.readers) {
        expect((await u[name]!.get(`${base}/${r.id}`)).status, name).toBe(200);
        expect((await u[name]!.post(base, { gridCode: cell, ...t.good() })).status, name).toBe(403);
        expect((await patch(u[name]!, `${base}/${r.id}`, { version: 1, ...t.change })).status, name).toBe(
          403,
        );
      }
    });

    it('changes at the version read (409 when stale), with an UPDATED history line', async () => {
      const r = await create();
      const ok = await patch(u['village.operator']!, `${base}/${r.id}`, { version: 1, ...t.change });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.data.version).toBe(2);
      const stale = await patch(u.gridworker!, `${base}/${r.id}`, { version: 1, ...t.change });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('RECORD_CHANGED');
      const got = await u['township.dispatcher']!.get(`${base}/${r.id}`);
      const updated = got.body.data.history.at(-1);
      expect(updated).toMatchObject({ kind: 'UPDATED', userId: u['village.operator']!.user.id });
      expect(updated.changes.map((c: { field: string }) => c.field).sort()).toEqual(
        Object.keys(t.change).sort(),
      );
    });

    it('archives with a reason: off the live list, readable with archived=true, no more changes', async () => {
      const r = await create();
      expect((await u.gridworker!.post(`${base}/${r.id}/archive`, { reason: '' })).status).toBe(400);
      const done = await u.gridworker!.post(`${base}/${r.id}/archive`, { reason: '重复登记' });
      expect(done.status).toBe(200);
      expect(done.body.data).toMatchObject({ archiveReason: '重复登记', version: 2 });
      expect(done.body.data.archivedAt).not.toBeNull();
      const live = await u.gridworker!.get(`${base}?grid=${cell}&limit=100`);
      expect(live.body.data.map((x: { id: string }) => x.id)).not.toContain(r.id);
      const archived = await u.gridworker!.get(`${base}?grid=${cell}&archived=true&limit=100`);
      expect(archived.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
      const again = await patch(u.gridworker!, `${base}/${r.id}`, { version: 2, ...t.change });
      expect(again.body.error.code).toBe('RECORD_ARCHIVED');
      const history = (await u.gridworker!.get(`${base}/${r.id}`)).body.data.history;
      expect(history.at(-1)).toMatchObject({
        kind: 'ARCHIVED',
        changes: [{ field: 'archiveReason', after: '重复登记' }],
      });
    });

    it('pages newest first with a keyset cursor', async () => {
      await create();
      await create();
      const first = await u.gridworker!.get(`${base}?grid=${cell}&limit=1`);
      expect(first.body.data).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await u.gridworker!.get(`${base}?grid=${cell}&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.data).toHaveLength(1);
      expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
      expect((await u.gridworker!.get(`${base}?cursor=garbage`)).status).toBe(400);
      expect((await u.gridworker!.get(`${base}?kind=NO_SUCH_KIND`)).status).toBe(400);
    });
  });

  it('places: 楼栋 → 单元 → 户, each under the right kind of parent in the same cell', async () => {
    const post = (body: Body) => u.gridworker!.post('/api/register/places', { gridCode: cell, ...body });
    const building = (
      await post({ kind: 'BUILDING', name: '幸福小区 3 号楼', building: '3', location: here })
    ).body.data;
    const unit = (await post({ kind: 'UNIT', name: '3 号楼 2 单元', parentId: building.id, unit: '2' })).body
      .data;
    const home = await post({ kind: 'HOUSEHOLD', name: '3-2-301', parentId: unit.id, household: '301' });
    expect(home.status).toBe(201);
    expect(home.body.data).toMatchObject({ parentId: unit.id, household: '301' });
    const school = (await post({ kind: 'SCHOOL', name: '某校' })).body.data;
    const wrong = await post({ kind: 'HOUSEHOLD', name: '错户', parentId: school.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toMatchObject({ path: 'parentId' });
    const orphan = await post({ kind: 'SCHOOL', name: '某校二', parentId: building.id });
    expect(orphan.status).toBe(400);
    const households = await u.gridworker!.get(`/api/register/places?grid=${cell}&kind=HOUSEHOLD`);
    expect(households.body.data.map((p: { id: string }) => p.id)).toContain(home.body.data.id);
  });

  it('things: a position outside the cell is refused; the component code is unique in the city', async () => {
    const far = await u.gridworker!.post('/api/register/things', {
      gridCode: cell,
      classCode: '0117',
      code: 'HY-FAR-0001',
      name: '消火栓',
      location: { lon: here.lon + 1, lat: here.lat + 1 },
      state: 'NORMAL',
    });
    expect(far.status).toBe(400);
    expect(far.body.error.details).toEqual([{ path: 'location', message: 'must lie in the cell' }]);
    const body = {
      gridCode: cell,
      classCode: '0120',
      code: 'LD-UNIQUE-01',
      name: '路灯',
      location: here,
      state: 'NORMAL',
    };
    expect((await u.gridworker!.post('/api/register/things', body)).status).toBe(201);
    const twice = await u['township.dispatcher']!.post('/api/register/things', body);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('THING_CODE_TAKEN');
    const found = await u['dept.chengguan']!.get('/api/register/things?q=LD-UNIQUE');
    expect(found.body.data.map((t: { code: string }) => t.code)).toEqual(['LD-UNIQUE-01']);
  });

  it('organisations: the contact phone is masked, found by its blind index, named only in the history', async () => {
    const phone = testPhone(950);
    const res = await u.gridworker!.post('/api/register/organisations', {
      gridCode: cell,
      kind: 'PARTY_BRANCH',
      name: '测试网格党支部',
      contactName: '孙 书记',
      contactPhone: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.contactPhoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    for (const key of ['contactPhone', 'contactPhoneCipher', 'contactPhoneIndex'])
      expect(res.body.data).not.toHaveProperty(key);
    const found = await u['village.operator']!.get(`/api/register/organisations?q=${phone}`);
    expect(found.body.data.map((o: { id: string }) => o.id)).toEqual([res.body.data.id]);
    const changed = await patch(u.gridworker!, `/api/register/organisations/${res.body.data.id}`, {
      version: 1,
      contactPhone: phone,
      contactName: '孙 书记',
    });
    expect(changed.body.data.version).toBe(2);
    const detail = await u.gridworker!.get(`/api/register/organisations/${res.body.data.id}`);
    // The same phone and name again change nothing: no UPDATED line.
    expect(detail.body.data.history.map((h: { kind: string }) => h.kind)).toEqual(['CREATED']);
    expect(detail.body.data.history[0].changes).toEqual(
      expect.arrayContaining([{ field: 'contactPhone' }, { field: 'contactName' }]),
    );
    expect(JSON.stringify(detail.body)).not.toContain(phone);
  });

  it('situations: a 民情日志 entry names a person and place of its cell and the case it led to; the author is kept', async () => {
    const person = await u.gridworker!.post('/api/register/persons', {
      name: '测试 老人',
      idNumber: '410105194001010011',
      gridCode: cell,
      residence: 'HOUSEHOLD',
    });
    const personId = person.status === 201 ? person.body.data.id : undefined;
    const place = (
      await u.gridworker!.post('/api/register/places', {
        gridCode: cell,
        kind: 'BUILDING',
        name: '民情 1 号楼',
      })
    ).body.data;
    const c = await u.gridworker!.post(
      '/api/cases',
      { categoryCode: '0201', description: '楼道堆放杂物', location: here },
      { 'idempotency-key': randomUUID() },
    );
    const res = await u.gridworker!.post('/api/register/situations', {
      gridCode: cell,
      kind: 'SAFETY',
      date: '2026-01-06',
      note: '楼道堆物，已上报',
      placeId: place.id,
      caseId: c.body.data.id,
      ...(personId ? { personId } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      authorId: u.gridworker!.user.id,
      caseId: c.body.data.id,
      placeId: place.id,
    });
    const elsewhere = await u.gridworker!.post('/api/register/situations', {
      gridCode: cell,
      kind: 'SAFETY',
      date: '2026-01-06',
      note: '引用不存在的案件',
      caseId: randomUUID(),
      placeId: randomUUID(),
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'caseId',
      'placeId',
    ]);
  });

  it('a case names the component it concerns: a live thing of its cell, shown in the detail', async () => {
    const thing = (
      await u.gridworker!.post('/api/register/things', {
        gridCode: cell,
        classCode: '0111',
        code: `RQ-${randomUUID().slice(0, 8)}`,
        name: '燃气井盖',
        location: here,
        state: 'MISSING',
      })
    ).body.data;
    const report = (thingId: string) =>
      u.gridworker!.post(
        '/api/cases',
        { categoryCode: '0201', description: '燃气井盖丢失', location: here, thingId },
        { 'idempotency-key': randomUUID() },
      );
    const created = await report(thing.id);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const detail = await u['township.dispatcher']!.get(`/api/cases/${created.body.data.id}`);
    expect(detail.body.data.thingId).toBe(thing.id);
    // The report's answer has the detail's shape, the component included.
    expect(created.body.data.thing).toEqual(detail.body.data.thing);
    expect(detail.body.data.thing).toMatchObject({
      id: thing.id,
      code: thing.code,
      classCode: '0111',
      state: 'MISSING',
    });
    const unknown = await report(randomUUID());
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'thingId', message: "must be a live component of the case's cell" },
    ]);
    await u.gridworker!.post(`/api/register/things/${thing.id}/archive`, { reason: '已拆除' });
    expect((await report(thing.id)).status).toBe(400);
  });

  it('the demo records: components inside their cells, persons housed, a team and a party branch per cell, fake phones', async () => {
    const read = app.ctx.db.read;
    const cells = [
      ...new Set((await read.thing.findMany({ select: { gridCode: true } })).map((t) => t.gridCode)),
    ];
    expect(cells.length).toBeGreaterThanOrEqual(2);
    const things = await read.thing.findMany({ where: { gridCode: { in: cells } } });
    expect(things.filter((t) => app.ctx.grids.locate(t.lon, t.lat) !== t.gridCode)).toEqual([]);
    for (const code of cells) {
      const homes = await read.place.count({ where: { gridCode: code, kind: 'HOUSEHOLD' } });
      expect(homes, code).toBeGreaterThan(0);
      // The demo persons (area 371599) all live in a household of their cell.
      const demo = { gridCode: code, idNumberMasked: { startsWith: '371599' } };
      expect(await read.person.count({ where: demo }), code).toBeGreaterThan(0);
      expect(await read.person.count({ where: { ...demo, placeId: null } }), code).toBe(0);
      // 一格一支部 (this file records one more party branch in the worker's cell).
      const branches = await read.organisation.count({ where: { gridCode: code, kind: 'PARTY_BRANCH' } });
      expect(branches, code).toBeGreaterThanOrEqual(1);
      const roles = (await read.gridMember.findMany({ where: { gridCode: code } })).map((m) => m.role);
      expect(roles, code).toEqual(
        expect.arrayContaining(['WORKER', 'LEADER', 'POLICE', 'MEDIATOR', 'LEGAL_ADVISOR']),
      );
    }
    const cipher = app.ctx.registerCipher;
    const contacts = await read.organisation.findMany({
      where: { contactPhoneCipher: { not: null }, contactName: { in: ['支部书记', '负责人'] } },
      take: 20,
    });
    for (const o of contacts)
      expect(cipher.decrypt('phone', o.contactPhoneCipher!)).toMatch(/^1990002\d{4}$/);
    const kinds = new Set((await read.place.findMany({ select: { kind: true } })).map((p) => p.kind));
    for (const k of ['BUILDING', 'UNIT', 'HOUSEHOLD', 'RENTAL', 'SCHOOL', 'MARKET', 'HAZARDOUS'])
      expect(kinds).toContain(k);
    expect(await read.organisation.count({ where: { kind: 'HONGQI_STATION' } })).toBe(2);
    expect(await read.situation.count()).toBeGreaterThan(0);
  });

  describe('the 1+N team of a cell', () => {
    const path = () => `/api/register/cells/${cell}/team`;

    it("is shown to the cell's worker with masked phones, edited as a whole by the village at its version", async () => {
      const seen = await u.gridworker!.get(path());
      expect(seen.status).toBe(200);
      const team = seen.body.data;
      expect(team.members.map((m: { role: string }) => m.role).sort()).toEqual([
        'LEADER',
        'LEGAL_ADVISOR',
        'MEDIATOR',
        'POLICE',
        'WORKER',
      ]);
      for (const m of team.members) expect(m.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
      const leader = team.members.find((m: { role: string }) => m.role === 'LEADER');
      // userId left out: a kept member keeps their account (the worker keeps their cell).
      const kept = team.members.map((m: { id: string; role: string; name: string }) => ({
        id: m.id,
        role: m.role,
        name: m.name,
      }));
      const body = {
        version: team.version,
        members: [...kept, { role: 'OTHER', name: '楼栋长 周师傅', phone: testPhone(960) }],
      };
      expect((await put(u.gridworker!, path(), body)).status).toBe(403);
      expect((await put(u['township2.dispatcher']!, path(), body)).status).toBe(404);
      const bad = await put(u['village.operator']!, path(), {
        version: team.version,
        members: [
          { role: 'LEADER', name: 'a' },
          { role: 'LEADER', name: '' },
          { id: randomUUID(), role: 'X', name: 'b' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
        expect.arrayContaining(['members.1.name', 'members.2.role']),
      );
      const twoLeaders = await put(u['village.operator']!, path(), {
        version: team.version,
        members: [
          { role: 'LEADER', name: 'a' },
          { role: 'LEADER', name: 'b' },
        ],
      });
      expect(twoLeaders.body.error.details).toEqual([
        { path: 'members', message: 'must have at most one grid leader' },
      ]);
      const stranger = await put(u['village.operator']!, path(), {
        version: team.version,
        members: [{ id: randomUUID(), role: 'WORKER', name: 'c', userId: randomUUID() }],
      });
      expect(stranger.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'members.0.id',
        'members.0.userId',
      ]);
      const done = await put(u['village.operator']!, path(), body);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.data.version).toBe(team.version + 1);
      expect(done.body.data.members).toHaveLength(6);
      // Kept members keep their phones (the client only had them masked).
      expect(done.body.data.members.find((m: { id: string }) => m.id === leader.id).phoneMasked).toBe(
        leader.phoneMasked,
      );
      expect(done.body.data.members.at(-1)).toMatchObject({ role: 'OTHER', phoneMasked: '137****0960' });
      const workerRow = done.body.data.members.find((m: { role: string }) => m.role === 'WORKER');
      expect(workerRow.userId).toBe(u.gridworker!.user.id);
      expect((await app.as('gridworker')).user.gridCodes).toContain(cell);
      expect(done.body.data.history.at(-1).changes).toEqual([
        {
          field: 'roles',
          before: expect.any(Array),
          after: [...kept.map((m: { role: string }) => m.role), 'OTHER'],
        },
        { field: 'names' },
        { field: 'phones' },
      ]);
      expect(JSON.stringify(done.body)).not.toContain(testPhone(960));
      const stale = await put(u['township.dispatcher']!, path(), body);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('RECORD_CHANGED');
      expect((await u.hotline!.get(path())).status).toBe(403);
      expect((await u.admin!.get(path())).status).toBe(200);
    });
  });
});
