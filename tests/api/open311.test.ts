import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, loginAll, pointIn } from '../support/factories';
import { jsonProblems, type Open311JsonKind, xmlProblems } from '../support/open311-schemas';
import { type ApiClient, type ApiResponse, startTestApp, type TestApp } from '../support/test-app';

const V2 = '/open311/v2';
const PERSONAL = {
  email: 'zhang.san.o311@example.com',
  first_name: '张三丰',
  last_name: '隐私姓',
  phone: '13912345678',
};

/** Sends a form-encoded POST, as the specification says clients do. */
const postForm = (c: ApiClient, path: string, fields: Record<string, string | number>) =>
  c.send('POST', path, {
    body: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

/** Expects a valid JSON answer of `kind` with `status`; returns its body. */
function expectJson(res: ApiResponse, kind: Open311JsonKind, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(jsonProblems(kind, res.body)).toEqual([]);
  return res.body;
}

/** Expects a valid XML answer with `status` (against the XSD `schema`); returns its text. */
async function expectXml(res: ApiResponse, status = 200, schema: 'main' | 'post' | 'token' = 'main') {
  expect(res.status, String(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
  expect(await xmlProblems(String(res.body), schema)).toEqual([]);
  return String(res.body);
}

describe('Open311 GeoReport v2', () => {
  let app: TestApp;
  let u: Record<'admin' | 'gridworker' | 'village.operator', ApiClient>;
  let anon: ApiClient;
  let key: string;
  let keyId: string;
  let at: { lon: number; lat: number };
  let lampCode: string;

  const newRequest = (fields: Record<string, string | number> = {}, format = 'json') =>
    postForm(anon, `${V2}/requests.${format}`, {
      api_key: key,
      service_code: '0201',
      lat: at.lat,
      long: at.lon,
      description: '路口有人占道摆摊，影响通行',
      ...fields,
    });

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'admin', 'gridworker', 'village.operator');
    anon = app.anonymous();
    const cell = u.gridworker.user.gridCodes[0];
    at = await pointIn(app, cell);
    const lamp = await app.ctx.db.read.thing.findFirstOrThrow({
      where: { gridCode: cell, classCode: '0120', archivedAt: null },
    });
    lampCode = lamp.code;
    const issued = await u.admin.post('/api/admin/open311-keys', { name: 'FixMyStreet 测试站' });
    expect(issued.status).toBe(201);
    ({ key, id: keyId } = issued.body.data);
  });
  afterAll(() => app?.close());

  describe('keys', () => {
    it('are issued by admins only, shown once, listed without the key, and checked', async () => {
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
      const list = await u.admin.get('/api/admin/open311-keys');
      expect(list.status).toBe(200);
      expect(list.body.data.jurisdictionId).toBe('liaocheng.gov.cn');
      const row = list.body.data.keys.find((k: { id: string }) => k.id === keyId);
      expect(row).toMatchObject({ name: 'FixMyStreet 测试站', keyPrefix: key.slice(0, 9), revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(key);
      const stored = await app.ctx.db.read.open311Key.findUniqueOrThrow({ where: { id: keyId } });
      expect(JSON.stringify(stored)).not.toContain(key);

      expect((await anon.get('/api/admin/open311-keys')).status).toBe(401);
      expect((await u.gridworker.post('/api/admin/open311-keys', { name: '越权' })).status).toBe(403);
      const bad = await u.admin.post('/api/admin/open311-keys', { name: 'x', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('body.name');
    });

    it('refuses a missing, unknown or revoked key with 403 in the error list', async () => {
      const missing = await postForm(anon, `${V2}/requests.json`, { service_code: '0201' });
      expect(expectJson(missing, 'errors', 403)[0].description).toMatch(/api_key/);
      await expectXml(await newRequest({ api_key: 'o311_not-a-key' }, 'xml'), 403);

      const other = (await u.admin.post('/api/admin/open311-keys', { name: '将被吊销' })).body.data;
      expect((await newRequest({ api_key: other.key })).status).toBe(201);
      const revoked = await u.admin.send('DELETE', `/api/admin/open311-keys/${other.id}`);
      expect(revoked.status).toBe(200);
      const refused = await newRequest({ api_key: other.key });
      expect(expectJson(refused, 'errors', 403)[0].description).toMatch(/revoked/);
      const again = await u.admin.post(`/api/admin/open311-keys/${other.id}/revoke`);
      expect(again.body.data.revokedAt).toBe(revoked.body.data.revokedAt);
      expect((await u.admin.post(`/api/admin/open311-keys/${crypto.randomUUID()}/revoke`)).status).toBe(404);
    });
  });

  describe('discovery and services', () => {
    it('validate in both formats', async () => {
      const discovery = expectJson(await anon.get(`${V2}/discovery.json`), 'discovery');
      expect(discovery.endpoints[0].url).toBe(`${app.baseUrl}/open311/v2`);
      await expectXml(await anon.get(`${V2}/discovery.xml`));

      const services = expectJson(await anon.get(`${V2}/services.json`), 'services');
      const codes = services.map((s: { service_code: string }) => s.service_code);
      expect(codes).toEqual(expect.arrayContaining(['0101', '0201', '0802', '0803', '1002']));
      // Disputes and public-security leads name persons: not offered; nor are major classes.
      expect(codes.filter((c: string) => /^0[56]/.test(c) || c.length === 2)).toEqual([]);
      expect(services.find((s: { service_code: string }) => s.service_code === '0803')).toMatchObject({
        service_name: '井盖缺失',
        metadata: true,
        type: 'realtime',
        group: '民生服务',
      });
      const xml = await expectXml(await anon.get(`${V2}/services.xml`));
      expect(xml.match(/<service>/g)?.length).toBe(codes.length);
    });

    it('define a component code for 城市部件 categories, nothing for others, 404 for unknown codes', async () => {
      const lamp = expectJson(await anon.get(`${V2}/services/0802.json`), 'serviceDefinition');
      expect(lamp.attributes).toEqual([
        expect.objectContaining({
          code: 'component_code',
          datatype: 'string',
          required: false,
          variable: true,
        }),
      ]);
      const xml = await expectXml(await anon.get(`${V2}/services/0802.xml`));
      expect(xml).toContain('<code>component_code</code>');
      expect(expectJson(await anon.get(`${V2}/services/0201.json`), 'serviceDefinition').attributes).toEqual(
        [],
      );
      await expectXml(await anon.get(`${V2}/services/0201.xml`));
      for (const code of ['0501', '9999', '01'])
        expectJson(await anon.get(`${V2}/services/${code}.json`), 'errors', 404);
      await expectXml(await anon.get(`${V2}/services/9999.xml`), 404);
      expectJson(await anon.get(`${V2}/services.csv`), 'errors', 404);
    });

    it('accepts our jurisdiction_id and refuses any other', async () => {
      expectJson(await anon.get(`${V2}/services.json?jurisdiction_id=liaocheng.gov.cn`), 'services');
      const other = await anon.get(`${V2}/services.json?jurisdiction_id=city.gov`);
      expect(expectJson(other, 'errors', 404)[0].description).toMatch(/liaocheng\.gov\.cn/);
      await expectXml(await anon.get(`${V2}/requests.xml?jurisdiction_id=city.gov`), 404);
      const posted = await newRequest({ jurisdiction_id: 'city.gov' });
      expectJson(posted, 'errors', 404);
    });
  });

  describe('requests', () => {
    it('POST creates one case through the channel account, with source OPEN311 and a CaseRef', async () => {
      const cases = await app.ctx.db.read.case.count();
      const res = await newRequest({
        service_code: '0802',
        'attribute[component_code]': lampCode,
        address_string: '东昌府区柳园街道 示范路 12 号',
        media_url: 'https://fms.example.org/photo/1.jpeg',
        ...PERSONAL,
      });
      const [created] = expectJson(res, 'postResponse', 201);
      expect(await app.ctx.db.read.case.count()).toBe(cases + 1);
      const ref = await app.ctx.db.read.caseRef.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'OPEN311', externalId: created.service_request_id } },
      });
      const row = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: ref.caseId } });
      const thing = await app.ctx.db.read.thing.findUniqueOrThrow({ where: { code: lampCode } });
      expect(row).toMatchObject({
        source: 'OPEN311',
        categoryCode: '0802',
        thingId: thing.id,
        address: '东昌府区柳园街道 示范路 12 号',
      });
      const reporter = await app.ctx.db.read.user.findUniqueOrThrow({ where: { id: row.reporterId } });
      expect(reporter).toMatchObject({ username: 'channel.open311', role: 'HOTLINE', passwordHash: '' });
      // The reporter's personal data is stored nowhere.
      const stored = JSON.stringify([
        row,
        await app.ctx.db.read.open311Request.findMany(),
        await app.ctx.db.read.caseEvent.findMany({ where: { caseId: row.id } }),
      ]);
      for (const value of Object.values(PERSONAL)) expect(stored).not.toContain(value);

      const xml = await expectXml(await newRequest({}, 'xml'), 201, 'post');
      expect(xml).toMatch(/<service_request_id>[0-9a-f-]{36}<\/service_request_id>/);
      // JSON bodies are accepted too.
      const json = await anon.post(`${V2}/requests.json`, {
        api_key: key,
        service_code: '0101',
        lat: at.lat,
        long: at.lon,
        description: 'JSON 提交：路边暴露垃圾',
        attribute: {},
      });
      expectJson(json, 'postResponse', 201);
    });

    it('lists every problem of a bad request, in both formats', async () => {
      const counts = () =>
        Promise.all([app.ctx.db.read.case.count(), app.ctx.db.read.open311Request.count()]);
      const before = await counts();
      const res = await postForm(anon, `${V2}/requests.json`, {
        api_key: key,
        service_code: '0501',
        address_string: '只有地址',
        media_url: 'javascript:alert(1)',
        'attribute[colour]': 'red',
      });
      const errors = expectJson(res, 'errors', 400) as { code: number; description: string }[];
      const described = errors.map((e) => e.description).join('\n');
      for (const field of ['lat', 'long', 'description', 'media_url', 'service_code', 'attribute[colour]'])
        expect(described).toContain(`${field}:`);
      expect(errors.every((e) => e.code === 400)).toBe(true);
      const xml = await expectXml(
        await postForm(anon, `${V2}/requests.xml`, { api_key: key, service_code: '0201', lat: 1, long: 1 }),
        400,
      );
      expect(xml).toContain('description:');
      // Outside the city's grid: refused (400), not a case.
      expectJson(await newRequest({ lat: 39.9, long: 116.4 }), 'errors', 400);
      // A component code that is no lamp here.
      const wrong = await newRequest({ service_code: '0802', 'attribute[component_code]': 'NO-SUCH-PLATE' });
      expect(expectJson(wrong, 'errors', 400)[0].description).toContain('attribute[component_code]');
      // Nothing of a refused request is written.
      expect(await counts()).toEqual(before);
    });

    it('GET lists them with their status, in both formats, and resolves ids through CaseRef', async () => {
      const [created] = (await newRequest({ description: '状态跟踪测试：占道经营' })).body;
      const id = created.service_request_id as string;
      const all = expectJson(await anon.get(`${V2}/requests.json`), 'requests');
      const mine = all.find((r: { service_request_id: string }) => r.service_request_id === id);
      expect(mine).toMatchObject({
        status: 'open',
        service_code: '0201',
        service_name: '占道经营',
        description: '状态跟踪测试：占道经营',
        requested_datetime: '2026-11-23T10:00:00+08:00',
        lat: at.lat,
        long: at.lon,
      });
      expect(mine.agency_responsible).toMatch(/\S/);
      await expectXml(await anon.get(`${V2}/requests.xml`));
      expect(expectJson(await anon.get(`${V2}/requests/${id}.json`), 'requests')).toEqual([mine]);
      await expectXml(await anon.get(`${V2}/requests/${id}.xml`));
      expectJson(await anon.get(`${V2}/requests/${crypto.randomUUID()}.json`), 'errors', 404);
      // Synchronous creation: a request's token is its service_request_id.
      expect(expectJson(await anon.get(`${V2}/tokens/${id}.json`), 'tokenResponse')).toEqual([
        { service_request_id: id, token: id },
      ]);
      await expectXml(await anon.get(`${V2}/tokens/${id}.xml`), 200, 'token');
      expectJson(await anon.get(`${V2}/tokens/no-such-token.json`), 'errors', 404);

      // The village rejects the case: closed, with the public note (no operator's name or reason).
      const ref = await app.ctx.db.read.caseRef.findFirstOrThrow({ where: { externalId: id } });
      const detail = (await u['village.operator'].get(`/api/cases/${ref.caseId}`)).body.data;
      await actOk(u['village.operator'], detail, 'REJECT', { reason: '经现场核实摊贩已离开，王科长处理' });
      const [closed] = expectJson(await anon.get(`${V2}/requests/${id}.json`), 'requests');
      expect(closed).toMatchObject({
        status: 'closed',
        status_notes: '经核实不予立案。Not registered after checking.',
      });

      // Merged (并案): the CaseRef moves to the master, and the request shows the master's progress.
      const master = (await newRequest({ description: '主案件' })).body[0].service_request_id;
      const masterRef = await app.ctx.db.read.caseRef.findFirstOrThrow({ where: { externalId: master } });
      await app.ctx.db.write.caseRef.update({ where: { id: ref.id }, data: { caseId: masterRef.caseId } });
      const [merged] = expectJson(await anon.get(`${V2}/requests/${id}.json`), 'requests');
      expect(merged).toMatchObject({ status: 'open', description: '状态跟踪测试：占道经营' });

      // No personal data and no staff name anywhere in the public reads.
      const operator = await app.ctx.db.read.user.findUniqueOrThrow({
        where: { username: 'village.operator' },
      });
      for (const path of [
        'requests.json',
        'requests.xml',
        'servicerequestupdates.json',
        'servicerequestupdates.xml',
      ]) {
        const text = JSON.stringify((await anon.get(`${V2}/${path}`)).body);
        for (const secret of [...Object.values(PERSONAL), operator.displayName, '王科长', 'village.operator'])
          expect(text, `${path} ${secret}`).not.toContain(secret);
      }
    });

    it('filters by service_code, status, dates and ids, with the 90-day and 1,000-request defaults', async () => {
      const ids = async (query: string) =>
        (
          expectJson(await anon.get(`${V2}/requests.json${query}`), 'requests') as {
            service_request_id: string;
          }[]
        ).map((r) => r.service_request_id);
      const litter = (await newRequest({ service_code: '0101', description: '筛选测试：暴露垃圾' })).body[0]
        .service_request_id;
      expect(await ids('?service_code=0101')).toContain(litter);
      expect(await ids('?service_code=0201')).not.toContain(litter);
      expect(await ids('?status=open')).toContain(litter);
      expect(await ids('?status=closed')).not.toContain(litter);
      expect(await ids('?status=open,closed')).toContain(litter);
      expect(await ids('?start_date=2026-11-24T00:00:00%2B08:00')).not.toContain(litter);
      expect(await ids('?end_date=2026-11-22T23:59:59Z')).not.toContain(litter);
      expect(
        await ids('?start_date=2026-11-23T00:00:00%2B08:00&end_date=2026-11-23T23:59:59%2B08:00'),
      ).toContain(litter);
      // An id list overrides every other filter.
      expect(await ids(`?service_request_id=${litter},${crypto.randomUUID()}&service_code=0201`)).toEqual([
        litter,
      ]);
      const bad = await anon.get(`${V2}/requests.json?status=pending&start_date=yesterday&service_code=x`);
      const problems = (expectJson(bad, 'errors', 400) as { description: string }[]).map(
        (e) => e.description,
      );
      expect(problems.join('\n')).toMatch(/status[\s\S]*start_date|start_date[\s\S]*status/);
      expect(problems.length).toBeGreaterThanOrEqual(3);

      // 91 days later the request is outside the default window, but an explicit one finds it.
      app.clock.advance(91 * 24 * 3600_000);
      try {
        expect(await ids('')).not.toContain(litter);
        expect(await ids('?start_date=2026-11-01T00:00:00Z')).toContain(litter);
      } finally {
        app.clock.set(new Date('2026-11-23T02:00:00Z'));
      }

      // At most 1,000 requests: 1,100 more of them (refs to one case) answer 1,000, newest first.
      const ref = await app.ctx.db.read.caseRef.findFirstOrThrow({ where: { externalId: litter } });
      const base = new Date('2026-11-22T00:00:00Z').getTime();
      const bulk = Array.from({ length: 1100 }, (_, i) => ({
        id: `bulk-${String(i).padStart(4, '0')}`,
        at: new Date(base + i * 1000),
      }));
      await app.ctx.db.write.caseRef.createMany({
        data: bulk.map((b) => ({
          caseId: ref.caseId,
          channel: 'OPEN311',
          externalId: b.id,
          createdAt: b.at,
        })),
      });
      await app.ctx.db.write.open311Request.createMany({
        data: bulk.map((b) => ({
          serviceRequestId: b.id,
          keyId,
          serviceCode: '0101',
          description: '批量',
          lat: at.lat,
          lon: at.lon,
          createdAt: b.at,
        })),
      });
      const page = await ids('?service_code=0101');
      expect(page).toHaveLength(1000);
      const real = page.filter((id) => !id.startsWith('bulk-'));
      expect(real).toContain(litter);
      expect(page.slice(0, real.length)).toEqual(real); // today's first, then the bulk ones newest first
      expect(page.slice(real.length, real.length + 2)).toEqual(['bulk-1099', 'bulk-1098']);
      expect(page.at(-1)).toBe(`bulk-${String(1100 - (1000 - real.length)).padStart(4, '0')}`);
      await app.ctx.db.write.caseRef.deleteMany({ where: { externalId: { startsWith: 'bulk-' } } });
      await app.ctx.db.write.open311Request.deleteMany({
        where: { serviceRequestId: { startsWith: 'bulk-' } },
      });
    });
  });

  it('says the same in XML as in JSON, markup in the text escaped', async () => {
    const description = '井盖<缺失> & "危险"，请尽快处理 </description><x>';
    const id = (await newRequest({ service_code: '0803', description })).body[0].service_request_id as string;
    const [json] = expectJson(await anon.get(`${V2}/requests/${id}.json`), 'requests');
    expect(json.description).toBe(description);
    const xml = await expectXml(await anon.get(`${V2}/requests/${id}.xml`));
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml).service_requests.request;
    const withoutNulls = Object.fromEntries(
      Object.entries(json)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, String(v)]),
    );
    expect(parsed).toEqual(withoutNulls);
  });

  describe('servicerequestupdates (FixMyStreet)', () => {
    it('lists each change of state since a date, in public words, in both formats', async () => {
      const id = (await newRequest({ description: '更新测试：占道经营' })).body[0]
        .service_request_id as string;
      const ref = await app.ctx.db.read.caseRef.findFirstOrThrow({ where: { externalId: id } });
      app.clock.advance(3600_000);
      const detail = (await u['village.operator'].get(`/api/cases/${ref.caseId}`)).body.data;
      await actOk(u['village.operator'], detail, 'REGISTER', { note: '张科员到场' });
      const since = '2026-11-23T09:30:00%2B08:00';
      const updates = expectJson(
        await anon.get(`${V2}/servicerequestupdates.json?start_date=${since}`),
        'updates',
      );
      const mine = updates.filter((x: { service_request_id: string }) => x.service_request_id === id);
      expect(
        mine.map((x: { status: string; updated_datetime: string }) => [x.status, x.updated_datetime]),
      ).toEqual([
        ['open', '2026-11-23T10:00:00+08:00'],
        ['action_scheduled', '2026-11-23T11:00:00+08:00'],
      ]);
      expect(mine[1].description).toBe('已立案，等待派遣。Registered, to be dispatched.');
      const later = expectJson(
        await anon.get(`${V2}/servicerequestupdates.json?start_date=2026-11-23T10:30:00%2B08:00`),
        'updates',
      );
      expect(later.filter((x: { service_request_id: string }) => x.service_request_id === id)).toHaveLength(
        1,
      );
      const xml = await expectXml(await anon.get(`${V2}/servicerequestupdates.xml?start_date=${since}`));
      expect(xml).not.toContain('张科员');
      app.clock.set(new Date('2026-11-23T02:00:00Z'));
    });
  });
});

describe('Open311 rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    // With TEST_REDIS_URL the counters live in Redis (as on a cluster), under a prefix of their own.
    const redis: Record<string, string> = process.env.TEST_REDIS_URL
      ? {
          REDIS_URL: process.env.TEST_REDIS_URL,
          REDIS_PREFIX: `open311-test-${crypto.randomUUID().slice(0, 8)}`,
        }
      : {};
    app = await startTestApp({
      env: { OPEN311_POSTS_PER_HOUR: '2', OPEN311_READS_PER_MINUTE: '3', ...redis },
    });
  });
  afterAll(() => app?.close());

  it('limits new requests per key and reads per address, with Retry-After', async () => {
    const admin = await app.as('admin');
    const worker = await app.as('gridworker');
    const at = await pointIn(app, worker.user.gridCodes[0]);
    const keys = await Promise.all(
      ['甲', '乙'].map(
        async (n) => (await admin.post('/api/admin/open311-keys', { name: `限流 ${n}` })).body.data.key,
      ),
    );
    const post = (apiKey: string) =>
      postForm(app.anonymous(), `${V2}/requests.json`, {
        api_key: apiKey,
        service_code: '0201',
        lat: at.lat,
        long: at.lon,
        description: '限流测试',
      });
    expect((await post(keys[0]!)).status).toBe(201);
    expect((await post(keys[0]!)).status).toBe(201);
    const limited = await post(keys[0]!);
    expect(expectJson(limited, 'errors', 429)[0].code).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(keys[1]!)).status).toBe(201); // another key has its own allowance

    const anon = app.anonymous();
    for (let i = 0; i < 3; i++) expect((await anon.get(`${V2}/services.json`)).status).toBe(200);
    const xml = await anon.get(`${V2}/services.xml`);
    await expectXml(xml, 429);
    expect(Number(xml.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the Open311 validators', () => {
  it('refuse what the specification refuses', async () => {
    expect(
      jsonProblems('services', [{ service_code: '01', service_name: 'x', metadata: 'yes', type: 'now' }]),
    ).toHaveLength(2);
    const problems = jsonProblems('requests', [
      {
        service_request_id: '1',
        status: 'open',
        service_code: '1',
        requested_datetime: '2026-11-23T10:00:00',
        email: 'a@b.c',
      },
    ]);
    expect(problems.join('\n')).toMatch(/additional properties/);
    expect(problems.join('\n')).toMatch(/requested_datetime/);
    expect(
      await xmlProblems(
        '<?xml version="1.0"?><services><service><service_code>1</service_code></service></services>',
      ),
    ).not.toEqual([]);
    expect(await xmlProblems('<?xml version="1.0"?><errors></errors>')).not.toEqual([]);
    expect(
      await xmlProblems(
        '<?xml version="1.0"?><service_requests><request><token>t</token><phone>1</phone></request></service_requests>',
        'post',
      ),
    ).not.toEqual([]);
  });
});
