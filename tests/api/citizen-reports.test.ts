import { randomUUID } from 'node:crypto';
import { normaliseTrackingCode } from '@wangge/shared/citizens/tracking-code';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase, loginAll, pointIn, TINY_PNG } from '../support/factories';
import { type ApiClient, type ApiResponse, startTestApp, type TestApp } from '../support/test-app';

const PHONE = '13912345678';
const NAME = '王秀英私';

/** The problems' paths of a 400. */
const pathsOf = (res: ApiResponse) =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path).sort();

describe('the citizens’ channel', () => {
  let app: TestApp;
  let u: Record<
    'admin' | 'gridworker' | 'village.operator' | 'village2.operator' | 'township.dispatcher' | 'hotline',
    ApiClient
  >;
  let anon: ApiClient;
  let at: { lon: number; lat: number };

  const report = (body: object, key: string = randomUUID()) =>
    anon.post('/api/public/reports', body, { 'idempotency-key': key });
  const validReport = (extra: object = {}) => ({
    categoryCode: '0201',
    description: '小区门口有人占道摆摊，影响通行',
    location: at,
    ...extra,
  });
  const uploadPhoto = async () => {
    const res = await anon.send('POST', '/api/public/photos', {
      body: new Uint8Array(TINY_PNG),
      headers: { 'content-type': 'image/png' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.id as string;
  };
  const submit = async (extra: object = {}) => {
    const res = await report(validReport(extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const code = res.body.data.trackingCode as string;
    const row = await app.ctx.db.read.citizenSubmission.findUniqueOrThrow({
      where: { trackingCode: normaliseTrackingCode(code)! },
    });
    return { code, id: row.id };
  };
  const pending = async (c: ApiClient, status = 'PENDING') => {
    const res = await c.get(`/api/citizen-submissions?status=${status}`);
    expect(res.status).toBe(200);
    return res.body.data as { id: string; [k: string]: unknown }[];
  };
  const track = (code: string) => anon.get(`/api/public/track/${code}`);

  beforeAll(async () => {
    // Many reports from one address here; the limits have their own test below.
    app = await startTestApp({ env: { CITIZEN_REPORTS_PER_HOUR: '1000', CITIZEN_READS_PER_MINUTE: '1000' } });
    u = await loginAll(
      app,
      'admin',
      'gridworker',
      'village.operator',
      'village2.operator',
      'township.dispatcher',
      'hotline',
    );
    anon = app.anonymous();
    const cell = u.gridworker.user.gridCodes[0];
    expect(ancestorCode(cell, 'VILLAGE')).toBe(u['village.operator'].user.unitCode);
    at = await pointIn(app, cell);
  });
  afterAll(() => app?.close());

  it('offers the public categories without 矛盾纠纷 and 治安隐患', async () => {
    const res = await anon.get('/api/public/categories');
    expect(res.status).toBe(200);
    const codes = res.body.data.map((c: { code: string }) => c.code);
    expect(codes).toContain('0201');
    expect(codes.filter((c: string) => c.startsWith('05') || c.startsWith('06'))).toEqual([]);
  });

  it('takes a report as a submission for its own village only, not a case, contact encrypted and masked', async () => {
    const cases = await app.ctx.db.read.case.count();
    const photo = await uploadPhoto();
    const { code, id } = await submit({ photoIds: [photo], contact: { name: NAME, phone: PHONE } });
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await app.ctx.db.read.case.count()).toBe(cases);
    const row = await app.ctx.db.read.citizenSubmission.findUniqueOrThrow({ where: { id } });
    expect(row.contactPhone).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(PHONE);

    const mine = (await pending(u['village.operator'])).find((s) => s.id === id);
    expect(mine).toMatchObject({
      status: 'PENDING',
      contactName: NAME,
      contactPhoneMasked: '139****5678',
      photoIds: [photo],
      canDecide: true,
    });
    expect(JSON.stringify(mine)).not.toContain(PHONE);
    const upper = (await pending(u['township.dispatcher'])).find((s) => s.id === id);
    expect(upper).toMatchObject({ canDecide: false });
    expect((await pending(u['village2.operator'])).some((s) => s.id === id)).toBe(false);
    expect((await pending(u.gridworker)).some((s) => s.id === id)).toBe(false);
    // The photo opens for the desk that sees the submission, and for nobody else.
    const path = `/api/citizen-submissions/${id}/photos/${photo}`;
    expect((await u['village.operator'].get(path)).status).toBe(200);
    expect((await u['village2.operator'].get(path)).status).toBe(404);
    expect((await anon.get(path)).status).toBe(401);
  });

  it('registers a submission into one case from the channel, source CITIZEN, with its ref and photos', async () => {
    const photo = await uploadPhoto();
    const { code, id } = await submit({ photoIds: [photo] });
    expect((await u['village2.operator'].post(`/api/citizen-submissions/${id}/register`)).status).toBe(404);
    expect((await u['township.dispatcher'].post(`/api/citizen-submissions/${id}/register`)).status).toBe(403);
    const res = await u['village.operator'].post(`/api/citizen-submissions/${id}/register`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { caseId, caseCode } = res.body.data;
    const c = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ source: 'CITIZEN', state: 'REGISTERED', code: caseCode, categoryCode: '0201' });
    const channel = await app.ctx.db.read.user.findUniqueOrThrow({ where: { id: c.reporterId } });
    expect(channel.username).toBe('channel.citizen');
    const ref = await app.ctx.db.read.caseRef.findFirstOrThrow({ where: { caseId } });
    expect(ref).toMatchObject({ channel: 'CITIZEN', externalId: normaliseTrackingCode(code) });
    const a = await app.ctx.db.read.attachment.findUniqueOrThrow({ where: { id: photo } });
    expect(a.caseId).toBe(caseId);
    // Decided once: again is 409, and so is a rejection now.
    const again = await u['village.operator'].post(`/api/citizen-submissions/${id}/register`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SUBMISSION_DECIDED');
    const late = await u['village.operator'].post(`/api/citizen-submissions/${id}/reject`, {
      reason: 'DUPLICATE',
    });
    expect(late.status).toBe(409);
    expect((await pending(u['village.operator'], 'REGISTERED')).find((s) => s.id === id)).toMatchObject({
      caseId,
      caseCode,
    });
  });

  it('makes exactly one case of racing registrations (and a racing rejection)', async () => {
    const { code, id } = await submit();
    const desk = u['village.operator'];
    const results = await Promise.all([
      desk.post(`/api/citizen-submissions/${id}/register`),
      desk.post(`/api/citizen-submissions/${id}/register`),
      desk.post(`/api/citizen-submissions/${id}/register`),
      desk.post(`/api/citizen-submissions/${id}/reject`, { reason: 'DUPLICATE' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const refs = await app.ctx.db.read.caseRef.findMany({
      where: { channel: 'CITIZEN', externalId: normaliseTrackingCode(code)! },
    });
    expect(refs).toHaveLength(1);
    const row = await app.ctx.db.read.citizenSubmission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'REGISTERED', caseId: refs[0]!.caseId, rejectReason: null });
  });

  it('rejects with a public reason: the tracking page says not accepted, the contact is erased', async () => {
    const { code, id } = await submit({ contact: { name: NAME, phone: PHONE } });
    const bad = await u['village.operator'].post(`/api/citizen-submissions/${id}/reject`, {
      reason: '他是个骗子',
    });
    expect(bad.status).toBe(400);
    expect(pathsOf(bad)).toEqual(['body.reason']);
    const res = await u['village.operator'].post(`/api/citizen-submissions/${id}/reject`, {
      reason: 'NOT_FOUND_ON_SITE',
    });
    expect(res.status).toBe(200);
    const row = await app.ctx.db.read.citizenSubmission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'REJECTED', contactName: null, contactPhone: null, caseId: null });
    const t = await track(code);
    expect(t.status).toBe(200);
    expect(t.body.data).toMatchObject({
      status: 'NOT_ACCEPTED',
      rejection: { reason: 'NOT_FOUND_ON_SITE', phrase: { zh: '现场未发现所反映的问题。' } },
    });
    expect(t.body.data.timeline.map((s: { state: string }) => s.state)).toEqual([
      'SUBMITTED',
      'NOT_ACCEPTED',
    ]);
  });

  it('tracks a report before and after registration, through handling, and after a merge (并案)', async () => {
    const { code, id } = await submit({ contact: { name: NAME, phone: PHONE }, address: '东关街12号' });
    const before = await track(code.toLowerCase());
    expect(before.status).toBe(200);
    expect(before.body.data).toMatchObject({
      trackingCode: code,
      status: 'SUBMITTED',
      category: { code: '0201' },
      area: { village: expect.any(String), township: expect.any(String) },
    });
    const reg = await u['village.operator'].post(`/api/citizen-submissions/${id}/register`);
    const caseId = reg.body.data.caseId;
    let c = (await u['village.operator'].get(`/api/cases/${caseId}`)).body.data;
    c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要街道协调城管处置' });
    c = await actOk(u['township.dispatcher'], c, 'REGISTER');
    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    const during = (await track(code)).body.data;
    expect(during.status).toBe('DISPATCHED');
    expect(during.phrase.zh).toBe('已派遣至责任部门。');
    expect(during.timeline.map((s: { state: string }) => s.state)).toEqual([
      'SUBMITTED',
      'REGISTERED',
      'ESCALATED',
      'REGISTERED',
      'DISPATCHED',
    ]);

    // A grid worker's report of the same incident becomes the master; the citizen's case merges into it.
    const master = await buildCase(app, u.gridworker, { categoryCode: '0201' });
    c = (await u['township.dispatcher'].get(`/api/cases/${caseId}`)).body.data;
    const merged = await u['township.dispatcher'].post(`/api/cases/${caseId}/merge`, {
      masterId: master.id,
      version: c.version,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    let m = (await u['village.operator'].get(`/api/cases/${master.id}`)).body.data;
    m = await actOk(u['village.operator'], m, 'REGISTER');
    const after = (await track(code)).body.data;
    expect(after.status).toBe('REGISTERED');
    const states = after.timeline.map((s: { state: string }) => s.state);
    expect(states.slice(-2)).toEqual(['MERGED', 'REGISTERED']);
    // Never the master's own earlier history (its REPORTED), only what followed the merge.
    expect(states).not.toContain('REPORTED');
    expect(states).toHaveLength(7);

    // Nothing personal or internal in any public answer.
    const text = JSON.stringify([before.body, during, after]);
    for (const secret of [
      PHONE,
      '5678',
      NAME,
      '东关街',
      '需要街道协调',
      u['village.operator'].user.displayName,
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toContain(String(at.lon));
    expect(text).not.toMatch(/"(reason|note|actor\w*|reporter\w*|lon|lat|contact\w*)"/);
  });

  it('answers one 404 for a wrong, malformed or mistyped code', async () => {
    const { code } = await submit();
    const flipped = code.slice(0, 3) + (code[3] === '0' ? '1' : '0') + code.slice(4);
    const answers = await Promise.all(['0000-0000-0000', 'nonsense', flipped].map(track));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0]!.body);
    }
  });

  it('lists every problem of a bad report at once', async () => {
    const res = await anon.post(
      '/api/public/reports',
      {
        categoryCode: '0501',
        description: 'x',
        location: { lon: 100, lat: 20 },
        photoIds: ['not-a-uuid'],
        contact: { phone: '12345', email: 'a@b.c' },
        extra: 1,
      },
      {},
    );
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(
      [
        '(root)',
        'categoryCode',
        'contact',
        'contact.phone',
        'description',
        'headers.idempotency-key',
        'location',
        'photoIds.0',
      ].sort(),
    );
    // A photo that is not the page's own upload, or is already used, is refused too.
    const used = await uploadPhoto();
    await submit({ photoIds: [used] });
    const staff = await u.gridworker.send('POST', '/api/attachments', {
      body: new Uint8Array(TINY_PNG),
      headers: { 'content-type': 'image/png' },
    });
    const res2 = await report(validReport({ photoIds: [used, staff.body.data.id] }));
    expect(res2.status).toBe(400);
    expect(pathsOf(res2)).toEqual(['photoIds.0', 'photoIds.1']);
    // Uploads: images only, typed by their bytes.
    const pdf = await anon.send('POST', '/api/public/photos', {
      body: new TextEncoder().encode('%PDF-1.4'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(pdf.status).toBe(415);
    const lie = await anon.send('POST', '/api/public/photos', {
      body: new TextEncoder().encode('not a png'),
      headers: { 'content-type': 'image/png' },
    });
    expect(lie.status).toBe(415);
  });

  it('makes one submission of a double tap or retry; the key with another report is refused', async () => {
    const key = randomUUID();
    const body = validReport({ description: '路灯不亮已经三天了，晚上很黑' });
    const [a, b] = await Promise.all([report(body, key), report(body, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.data.trackingCode).toBe(b.body.data.trackingCode);
    const again = await report(body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.trackingCode).toBe(a.body.data.trackingCode);
    expect(await app.ctx.db.read.citizenSubmission.count({ where: { idempotencyKey: key } })).toBe(1);
    const other = await report({ ...body, description: '另一件事情：井盖丢失' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('the citizens’ channel’s rate limits', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('limits reports, photos and tracking reads per client address with 429 and Retry-After', async () => {
    app = await startTestApp({
      env: { CITIZEN_REPORTS_PER_HOUR: '2', CITIZEN_PHOTOS_PER_HOUR: '1', CITIZEN_READS_PER_MINUTE: '3' },
    });
    const anon = app.anonymous();
    const worker = await app.as('gridworker');
    const location = await pointIn(app, worker.user.gridCodes[0]);
    const send = () =>
      anon.post(
        '/api/public/reports',
        { categoryCode: '0201', description: '占道经营影响通行', location },
        { 'idempotency-key': randomUUID() },
      );
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3000);
    const photo = () =>
      anon.send('POST', '/api/public/photos', {
        body: new Uint8Array(TINY_PNG),
        headers: { 'content-type': 'image/png' },
      });
    expect((await photo()).status).toBe(201);
    expect((await photo()).status).toBe(429);
    const reads = [];
    for (let i = 0; i < 4; i++) reads.push((await anon.get('/api/public/track/0000-0000-0000')).status);
    expect(reads).toEqual([404, 404, 404, 429]);
  });
});
