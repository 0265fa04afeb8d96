import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeArchivedPersons } from '../../api/src/services/register/purge-archived-persons';
import { loginAll } from '../support/factories';
import { buildPerson, testIdNumber, testPhone } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/** Where the register's plaintext must never be: the database's bytes, the server log, answers without a reveal. */
describe('register: privacy at rest, in logs, in answers; anonymisation and retention', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  beforeAll(async () => {
    app = await startTestApp({ env: { REGISTER_RETENTION_DAYS: '30' } });
    u = await loginAll(app, 'gridworker', 'township.dispatcher', 'village.operator', 'admin', 'auditor');
  });
  afterAll(() => app?.close());

  /** Every text column of the register's tables, as the database returns them (also on PostgreSQL). */
  const registerText = async () => {
    const read = app.ctx.db.read;
    return JSON.stringify([
      await read.person.findMany(),
      await read.personTag.findMany(),
      await read.personChange.findMany(),
      await read.registerAccess.findMany(),
      await read.workLog.findMany(),
      await read.organisation.findMany(),
      await read.gridMember.findMany(),
      await read.registerChange.findMany(),
    ]);
  };

  /** The database file and its WAL, as bytes (SQLite only). */
  const databaseBytes = async (): Promise<Buffer[]> => {
    if (app.ctx.db.provider !== 'sqlite') return [];
    const file = fileURLToPath(new URL(app.databaseUrl.replace(/^file:/, 'file://')));
    const parts = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    expect(parts.length).toBeGreaterThan(0);
    return parts;
  };

  it('ID numbers and phones never appear in the database bytes, the log or an answer without a reveal', async () => {
    const people: { id: string; idNumberMasked: string }[] = [];
    for (let n = 100; n < 110; n++)
      people.push(await buildPerson(u.gridworker!, { n, tags: n % 3 === 0 ? ['CONCERN_DISABLED'] : [] }));
    // Searches (ID number and phone in the URL), changes, a failed request naming the ID in its body.
    await u.gridworker!.get(`/api/register/persons?q=${testIdNumber(101)}`);
    await u.gridworker!.get(`/api/register/persons?q=${testPhone(102)}`);
    await u.gridworker!.send('PATCH', `/api/register/persons/${people[3]!.id}`, {
      body: JSON.stringify({ version: 1, phone: testPhone(199) }),
      headers: { 'content-type': 'application/json' },
    });
    await u.gridworker!.post('/api/register/persons', {
      name: '重复',
      idNumber: testIdNumber(104),
      gridCode: 'x',
      residence: 'X',
    });
    await u.gridworker!.post(`/api/register/persons/${people[5]!.id}/reveal`, { purpose: '核对' });
    // Organisations' contact phones and the 1+N team's phones are protected the same way.
    const cell = u.gridworker!.user.gridCodes[0];
    const orgs: { id: string }[] = [];
    for (let n = 140; n < 143; n++) {
      const res = await u.gridworker!.post('/api/register/organisations', {
        gridCode: cell,
        kind: 'SOCIAL_ORG',
        name: `志愿者协会 ${n}`,
        contactName: '联系人',
        contactPhone: testPhone(n),
      });
      expect(res.status).toBe(201);
      orgs.push(res.body.data);
    }
    await u.gridworker!.get(`/api/register/organisations?q=${testPhone(141)}`);
    await u.gridworker!.send('PATCH', `/api/register/organisations/${orgs[0]!.id}`, {
      body: JSON.stringify({ version: 1, contactPhone: testPhone(143) }),
      headers: { 'content-type': 'application/json' },
    });
    await u.gridworker!.post('/api/register/organisations', {
      gridCode: cell,
      kind: 'X',
      contactPhone: testPhone(143),
    });
    const team = (await u['village.operator']!.get(`/api/register/cells/${cell}/team`)).body.data;
    const kept = team.members.map((m: { id: string; role: string; name: string }) => ({
      id: m.id,
      role: m.role,
      name: m.name,
    }));
    const put = await u['village.operator']!.send('PUT', `/api/register/cells/${cell}/team`, {
      body: JSON.stringify({
        version: team.version,
        members: [...kept, { role: 'OTHER', name: '志愿者', phone: testPhone(144) }],
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(put.status).toBe(200);
    // Unrevealed answers: lists, detail, search, every role that sees the record.
    const answers: string[] = [];
    for (const c of [u.gridworker!, u['township.dispatcher']!, u['village.operator']!, u.admin!]) {
      answers.push(JSON.stringify((await c.get('/api/register/persons?limit=100')).body));
      answers.push(JSON.stringify((await c.get('/api/register/organisations?limit=100')).body));
      answers.push(JSON.stringify((await c.get(`/api/register/cells/${cell}/team`)).body));
      answers.push(JSON.stringify((await c.get(`/api/grids/${cell}`)).body));
      for (const o of orgs)
        answers.push(JSON.stringify((await c.get(`/api/register/organisations/${o.id}`)).body));
      for (const p of people)
        answers.push(JSON.stringify((await c.get(`/api/register/persons/${p.id}`)).body));
    }
    answers.push(JSON.stringify((await u.auditor!.get('/api/register/access-log')).body));

    if (app.ctx.db.provider === 'sqlite')
      await app.ctx.db.write.$queryRawUnsafe('PRAGMA wal_checkpoint(PASSIVE)');
    const bytes = await databaseBytes();
    const text = await registerText();
    const log = app.logs.join('\n');
    const secrets = [
      ...Array.from({ length: 10 }, (_, i) => testIdNumber(100 + i)),
      ...Array.from({ length: 10 }, (_, i) => testPhone(100 + i)),
      testPhone(199),
      ...[140, 141, 142, 143, 144].map(testPhone),
      // Seeded: the demo worker's team phone, the first demo contact phone.
      '13863500000',
      '19900020000',
    ];
    for (const secret of secrets) {
      for (const b of bytes) {
        expect(b.includes(Buffer.from(secret, 'utf8')), `database bytes hold ${secret}`).toBe(false);
        expect(b.includes(Buffer.from(secret, 'utf16le')), `database bytes hold ${secret} (UTF-16)`).toBe(
          false,
        );
      }
      expect(text.includes(secret), `register columns hold ${secret}`).toBe(false);
      expect(log.includes(secret), `log holds ${secret}`).toBe(false);
      for (const a of answers) expect(a.includes(secret), `an answer holds ${secret}`).toBe(false);
    }
    // The check can fail: the masked forms and the names are in the bytes (the search works on real data).
    expect(bytes.some((b) => b.includes(Buffer.from(people[0]!.idNumberMasked)))).toBe(
      app.ctx.db.provider === 'sqlite',
    );
  });

  it('warns loudly at start when REGISTER_DATA_KEY is unset (outside production)', () => {
    expect(app.logs.some((l) => /WARNING: REGISTER_DATA_KEY is not set/.test(l))).toBe(true);
  });

  it('the demo register is clearly fake: every ID number has the never-assigned area 371599; a few per cent tagged', async () => {
    const read = app.ctx.db.read;
    const demo = await read.person.count({ where: { idNumberMasked: { startsWith: '371599' } } });
    const tagged = await read.person.count({
      where: { idNumberMasked: { startsWith: '371599' }, tags: { some: {} } },
    });
    expect(demo).toBeGreaterThan(100);
    expect(tagged / demo).toBeGreaterThan(0.02);
    expect(tagged / demo).toBeLessThan(0.1);
    const cipher = app.ctx.registerCipher;
    for (const p of await read.person.findMany({
      where: { idNumberMasked: { startsWith: '371599' } },
      take: 50,
    }))
      expect(cipher.decrypt('idNumber', p.idNumberCipher!)).toMatch(
        /^371599(19[4-9]\d|200\d|201[0-5])\d{7}[\dX]$/,
      );
  });

  it('masks ID numbers and phones in every log line (a failing request that names them in its URL)', async () => {
    app.ctx.log(`GET /api/register/persons?q=${testIdNumber(120)}&phone=${testPhone(120)} failed`);
    const last = app.logs.at(-1)!;
    expect(last).not.toContain(testIdNumber(120));
    expect(last).not.toContain(testPhone(120));
    expect(last).toContain('410105********');
  });

  it('anonymisation: an admin destroys the personal fields and indexes at once; history stays, without them', async () => {
    const p = await buildPerson(u.gridworker!, { n: 130, name: '匿名 对象', tags: ['AID_SUBSISTENCE'] });
    await u.gridworker!.post(`/api/register/persons/${p.id}/reveal`, { purpose: '核对' });
    expect(
      (await u['township.dispatcher']!.post(`/api/admin/register/persons/${p.id}/anonymise`)).status,
    ).toBe(403);
    const started = Date.now();
    const res = await u.admin!.post(`/api/admin/register/persons/${p.id}/anonymise`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(60_000);
    const row = await app.ctx.db.read.person.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({
      name: '（已匿名）',
      idNumberCipher: null,
      idNumberIndex: null,
      idNumberMasked: null,
      phoneCipher: null,
      phoneIndex: null,
      phoneMasked: null,
      birthDate: null,
      sex: null,
    });
    expect(await app.ctx.db.read.personTag.count({ where: { personId: p.id } })).toBe(0);
    expect((await u.gridworker!.get(`/api/register/persons/${p.id}`)).status).toBe(404);
    expect((await u.gridworker!.get(`/api/register/persons?q=${testIdNumber(130)}`)).body.data).toEqual([]);
    const kinds = (
      await app.ctx.db.read.personChange.findMany({ where: { personId: p.id }, orderBy: { at: 'asc' } })
    ).map((c) => c.kind);
    expect(kinds).toEqual(['CREATED', 'ANONYMISED']);
    expect((await u.auditor!.get(`/api/register/access-log?person=${p.id}`)).body.data).toHaveLength(1);
    // The ID number is free again: the person may be recorded anew (e.g. after a mistaken anonymisation).
    expect(
      (
        await u.gridworker!.post('/api/register/persons', {
          name: '再登记',
          idNumber: testIdNumber(130),
          gridCode: u.gridworker!.user.gridCodes[0],
          residence: 'HOUSEHOLD',
        })
      ).status,
    ).toBe(201);
  });

  it('retention: archived records are purged after REGISTER_RETENTION_DAYS, live ones stay', async () => {
    const old = await buildPerson(u.gridworker!, { n: 140 });
    const recent = await buildPerson(u.gridworker!, { n: 141 });
    const live = await buildPerson(u.gridworker!, { n: 142, tags: ['CONCERN_DISABLED'] });
    await u.gridworker!.post(`/api/register/persons/${old.id}/archive`, { reason: '已迁出' });
    app.clock.advance(20 * DAY_MS);
    // Sessions expire in hours: sign in again after the jump.
    const worker = await app.as('gridworker');
    expect(
      (await worker.post(`/api/register/persons/${recent.id}/archive`, { reason: '已去世' })).status,
    ).toBe(200);
    app.clock.advance(11 * DAY_MS);
    expect(await purgeArchivedPersons(app.ctx)).toBe(1);
    expect(await app.ctx.db.read.person.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await app.ctx.db.read.person.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect(await app.ctx.db.read.person.findUnique({ where: { id: live.id } })).not.toBeNull();
    const kinds = (
      await app.ctx.db.read.personChange.findMany({ where: { personId: old.id }, orderBy: { at: 'asc' } })
    ).map((c) => c.kind);
    expect(kinds).toEqual(['CREATED', 'ARCHIVED', 'PURGED']);
    app.clock.advance(20 * DAY_MS);
    expect(await purgeArchivedPersons(app.ctx)).toBe(1);
    expect(await purgeArchivedPersons(app.ctx)).toBe(0);
    expect(await app.ctx.db.read.person.findUnique({ where: { id: live.id } })).not.toBeNull();
  });
});
