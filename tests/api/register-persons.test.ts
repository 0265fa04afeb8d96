import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../shared/src/register/id-number';
import { loginAll } from '../support/factories';
import { buildPerson, testIdNumber, testPhone } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** The register's persons: validation, duplicates, the policy (role × class × jurisdiction), reveal and its log. */
describe('register: persons', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  const patch = (c: ApiClient, path: string, body: unknown) =>
    c.send('PATCH', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

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

  it('records a person: 201 with masked values only; sex and birth date from the ID', async () => {
    const res = await u.gridworker!.post('/api/register/persons', {
      name: '赵 测试',
      idNumber: testIdNumber(1).replace('X', 'x'),
      phone: '137-0000-0001',
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'FLOATING',
      tags: ['CONCERN_ELDERLY_ALONE'],
    });
    expect(res.status).toBe(201);
    const p = res.body.data;
    const id = testIdNumber(1);
    expect(p.idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(p.phoneMasked).toBe('137****0001');
    expect(p.birthDate).toBe('1985-06-12');
    expect(p.sex).toBe(Number(id[16]) % 2 === 1 ? 'M' : 'F');
    expect(p.tags.map((t: { code: string }) => t.code)).toEqual(['CONCERN_ELDERLY_ALONE']);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(id);
    expect(text).not.toContain(testPhone(1));
    for (const key of ['idNumber', 'phone', 'idNumberCipher', 'idNumberIndex', 'phoneCipher'])
      expect(p).not.toHaveProperty(key);
  });

  it('lists every problem of a bad record in one 400', async () => {
    const good = testIdNumber(2);
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const res = await u.gridworker!.post('/api/register/persons', {
      name: '',
      idNumber: badCheck,
      phone: '12345',
      gridCode: 'x',
      residence: 'NOWHERE',
      tags: ['NO_SUCH_CLASS'],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'phone', 'gridCode', 'residence', 'tags.0']),
    );
    expect(JSON.stringify(res.body)).toMatch(/check digit/);
    // Several problems of one ID number are all listed: area, birth date, check digit.
    const first17 = '99010519990230000';
    const wrong = idCheckDigit(first17) === '0' ? '1' : '0';
    const worse = await u.gridworker!.post('/api/register/persons', {
      name: '某',
      idNumber: `${first17}${wrong}`,
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
    });
    const messages = worse.body.error.details
      .filter((d: { path: string }) => d.path === 'idNumber')
      .map((d: { message: string }) => d.message);
    expect(messages).toHaveLength(3);
    const future = await u.gridworker!.post('/api/register/persons', {
      name: '某',
      idNumber: testIdNumber(3, '20991231'),
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
    });
    expect(future.status).toBe(400);
  });

  it('refuses a second record of one ID number (409), and of two racing creates exactly one wins', async () => {
    await buildPerson(u.gridworker!, { n: 10 });
    const again = await u['village.operator']!.post('/api/register/persons', {
      name: '重复',
      idNumber: testIdNumber(10),
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PERSON_EXISTS');
    const body = {
      name: '竞争',
      idNumber: testIdNumber(11),
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? u.gridworker! : u['township.dispatcher']!).post('/api/register/persons', body),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await app.ctx.db.read.person.count({ where: { name: '竞争' } })).toBe(1);
  });

  it('finds a person by full ID number through the blind index, by phone and by name', async () => {
    const p = await buildPerson(u.gridworker!, { n: 20, name: '检索 甲' });
    for (const q of [testIdNumber(20), testIdNumber(20).toLowerCase(), testPhone(20), '检索']) {
      const res = await u.gridworker!.get(`/api/register/persons?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(
        res.body.data.map((x: { id: string }) => x.id),
        q,
      ).toContain(p.id);
    }
    const other = await u.gridworker2!.get(`/api/register/persons?q=${testIdNumber(20)}`);
    expect(other.body.data).toEqual([]);
  });

  it('grid worker: own cells only; another cell is 404; departments, viewers, hotline, auditors: 403', async () => {
    const mine = await buildPerson(u.gridworker!, { n: 30 });
    const theirs = await buildPerson(u.gridworker2!, { n: 31 });
    expect((await u.gridworker!.get(`/api/register/persons/${theirs.id}`)).status).toBe(404);
    expect((await u.gridworker2!.get(`/api/register/persons/${mine.id}`)).status).toBe(404);
    expect((await u['township2.dispatcher']!.get(`/api/register/persons/${mine.id}`)).status).toBe(404);
    expect((await u['township.dispatcher']!.get(`/api/register/persons/${mine.id}`)).status).toBe(200);
    const list = await u.gridworker!.get('/api/register/persons?limit=100');
    const cells = new Set(list.body.data.map((p: { gridCode: string }) => p.gridCode));
    expect([...cells]).toEqual(u.gridworker!.user.gridCodes);
    for (const name of ['dept.chengguan', 'command.city', 'hotline', 'auditor']) {
      expect((await u[name]!.get('/api/register/persons')).status, name).toBe(403);
      expect((await u[name]!.get(`/api/register/persons/${mine.id}`)).status, name).toBe(403);
    }
    // Admins and the police liaison see records but do not write them.
    for (const name of ['admin', 'dept.gongan']) {
      const res = await u[name]!.post('/api/register/persons', {
        name: '某',
        idNumber: testIdNumber(33),
        gridCode: u.gridworker!.user.gridCodes[0],
        residence: 'HOUSEHOLD',
      });
      expect(res.status, name).toBe(403);
    }
    // Writing in a cell outside one's jurisdiction names the problem.
    const out = await u.gridworker!.post('/api/register/persons', {
      name: '越界',
      idNumber: testIdNumber(32),
      gridCode: u.gridworker2!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
    });
    expect(out.status).toBe(400);
    expect(out.body.error.details[0].path).toBe('gridCode');
  });

  it('重点人员: only the 综治 centre and the police liaison see the class; others get neither records nor tags', async () => {
    const key = await buildPerson(u['township.dispatcher']!, {
      n: 40,
      gridCode: u.gridworker!.user.gridCodes[0],
      tags: ['KEY_COMMUNITY_CORRECTION', 'AID_SUBSISTENCE'],
    });
    const plain = await buildPerson(u.gridworker!, { n: 41 });
    const tagsOf = async (c: ApiClient, id: string) =>
      (await c.get(`/api/register/persons/${id}`)).body.data?.tags.map((t: { code: string }) => t.code);
    expect(await tagsOf(u['township.dispatcher']!, key.id)).toEqual([
      'AID_SUBSISTENCE',
      'KEY_COMMUNITY_CORRECTION',
    ]);
    expect(await tagsOf(u['county.dispatcher']!, key.id)).toEqual([
      'AID_SUBSISTENCE',
      'KEY_COMMUNITY_CORRECTION',
    ]);
    expect(await tagsOf(u['village.operator']!, key.id)).toEqual(['AID_SUBSISTENCE']);
    expect(await tagsOf(u.gridworker!, key.id)).toEqual(['AID_SUBSISTENCE']);
    expect(await tagsOf(u['dept.gongan']!, key.id)).toEqual(['KEY_COMMUNITY_CORRECTION']);
    // The history does not tell a village operator about the class either.
    const history = (await u['village.operator']!.get(`/api/register/persons/${key.id}`)).body.data.history;
    expect(JSON.stringify(history)).not.toContain('KEY_');
    for (const name of ['village.operator', 'gridworker']) {
      const res = await u[name]!.get('/api/register/persons?tag=KEY_COMMUNITY_CORRECTION');
      expect(res.status).toBe(200);
      expect(res.body.data, name).toEqual([]);
      expect(
        JSON.stringify((await u[name]!.get('/api/register/persons?limit=100')).body),
        name,
      ).not.toContain('KEY_');
    }
    const centre = await u['township.dispatcher']!.get('/api/register/persons?tag=KEY_COMMUNITY_CORRECTION');
    expect(centre.body.data.map((p: { id: string }) => p.id)).toContain(key.id);
    // The police liaison sees the key persons of its county, not the other residents.
    expect((await u['dept.gongan']!.get(`/api/register/persons/${plain.id}`)).status).toBe(404);
    const police = await u['dept.gongan']!.get('/api/register/persons?limit=100');
    expect(
      police.body.data.every(
        (p: { tags: { code: string }[] }) =>
          p.tags.every((t) => t.code.startsWith('KEY_')) && p.tags.length > 0,
      ),
    ).toBe(true);
    // A grid worker may not give a key-person class; nor may a centre's viewer record anything.
    const refused = await u.gridworker!.post('/api/register/persons', {
      name: '某',
      idNumber: testIdNumber(42),
      gridCode: u.gridworker!.user.gridCodes[0],
      residence: 'HOUSEHOLD',
      tags: ['KEY_DRUG'],
    });
    expect(refused.status).toBe(403);
    // A grid worker changing the visible classes keeps the hidden one.
    const now = (await u.gridworker!.get(`/api/register/persons/${key.id}`)).body.data;
    const changed = await patch(u.gridworker!, `/api/register/persons/${key.id}`, {
      version: now.version,
      tags: ['CONCERN_DISABLED'],
    });
    expect(changed.status).toBe(200);
    expect(await tagsOf(u['township.dispatcher']!, key.id)).toEqual([
      'CONCERN_DISABLED',
      'KEY_COMMUNITY_CORRECTION',
    ]);
  });

  it('changes keep history without personal values; a stale version is 409; archival needs a reason', async () => {
    const p = await buildPerson(u.gridworker!, { n: 50, name: '旧名' });
    const res = await patch(u.gridworker!, `/api/register/persons/${p.id}`, {
      version: p.version,
      name: '新名',
      phone: testPhone(51),
      residence: 'RESIDENT',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.phoneMasked).toBe(`137****${testPhone(51).slice(-4)}`);
    const stale = await patch(u.gridworker!, `/api/register/persons/${p.id}`, {
      version: p.version,
      name: '再改',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('RECORD_CHANGED');
    const detail = (await u.gridworker!.get(`/api/register/persons/${p.id}`)).body.data;
    const updated = detail.history.find((h: { kind: string }) => h.kind === 'UPDATED');
    expect(updated.userId).toBe(u.gridworker!.user.id);
    expect(updated.changes).toEqual(
      expect.arrayContaining([
        { field: 'name' },
        { field: 'phone' },
        { field: 'residence', before: 'HOUSEHOLD', after: 'RESIDENT' },
      ]),
    );
    const rows = JSON.stringify(await app.ctx.db.read.personChange.findMany({ where: { personId: p.id } }));
    for (const secret of ['旧名', '新名', testPhone(50), testPhone(51), testIdNumber(50)])
      expect(rows).not.toContain(secret);
    expect((await u.gridworker!.post(`/api/register/persons/${p.id}/archive`, {})).status).toBe(400);
    const archived = await u.gridworker!.post(`/api/register/persons/${p.id}/archive`, {
      reason: '已迁出本网格',
    });
    expect(archived.status).toBe(200);
    expect(archived.body.data.archivedAt).toBeTruthy();
    expect(
      (await u.gridworker!.post(`/api/register/persons/${p.id}/archive`, { reason: '再次归档' })).body.error
        .code,
    ).toBe('RECORD_ARCHIVED');
    const live = await u.gridworker!.get('/api/register/persons?limit=100');
    expect(live.body.data.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const gone = await u.gridworker!.get('/api/register/persons?archived=true&limit=100');
    expect(gone.body.data.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('reveal: needs a purpose and the right role, is logged before it answers; the auditor reads the log', async () => {
    const p = await buildPerson(u.gridworker!, { n: 60 });
    expect((await u.gridworker!.post(`/api/register/persons/${p.id}/reveal`, {})).status).toBe(400);
    expect(
      (await u['village.operator']!.post(`/api/register/persons/${p.id}/reveal`, { purpose: '核对身份' }))
        .status,
    ).toBe(403);
    expect(
      (await u.admin!.post(`/api/register/persons/${p.id}/reveal`, { purpose: '核对身份' })).status,
    ).toBe(403);
    expect(
      (await u.gridworker2!.post(`/api/register/persons/${p.id}/reveal`, { purpose: '核对身份' })).status,
    ).toBe(404);
    const shown = await u.gridworker!.post(`/api/register/persons/${p.id}/reveal`, {
      purpose: '入户核对低保材料',
    });
    expect(shown.status).toBe(200);
    expect(shown.body.data).toEqual({ idNumber: testIdNumber(60), phone: testPhone(60) });
    expect(shown.headers.get('cache-control')).toBe('no-store');
    app.clock.advance(60_000);
    await u['township.dispatcher']!.post(`/api/register/persons/${p.id}/reveal`, { purpose: '综治中心核查' });
    for (const name of ['gridworker', 'township.dispatcher', 'village.operator']) {
      expect((await u[name]!.get('/api/register/access-log')).status, name).toBe(403);
    }
    const log = await u.auditor!.get(`/api/register/access-log?person=${p.id}`);
    expect(log.status).toBe(200);
    expect(log.body.data).toMatchObject([
      {
        username: 'township.dispatcher',
        role: 'DISPATCHER',
        action: 'REVEAL',
        personId: p.id,
        fields: ['idNumber', 'phone'],
        purpose: '综治中心核查',
      },
      { username: 'gridworker', role: 'GRID_WORKER', purpose: '入户核对低保材料' },
    ]);
    expect((await u.admin!.get('/api/register/access-log?limit=1')).body.nextCursor).toBeTruthy();
  });
});
