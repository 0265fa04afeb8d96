import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/config';
import {
  deliverHotlineNotifications,
  HOTLINE_DELIVERY_LEASE,
} from '../../api/src/services/hotline/deliver-hotline-notifications';
import { signHotlineBody } from '../../api/src/services/hotline/hotline-signature';
import { takeJobLease } from '../../api/src/services/leases/take-job-lease';
import { actOk, loginAll, pointIn } from '../support/factories';
import { startHotlineReceiver } from '../support/hotline-receiver';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_POSTGRES_URL } from '../support/test-database';

/**
 * The work-order exchange with an external 12345 platform (docs/channels.md): signed orders in,
 * idempotent by order id; every state change of such a case out to a real local receiver, in
 * order per order, through its failures, timeouts, a restart and two nodes.
 */

const SECRET = 'test-only 12345 platform shared secret, 48 chars.';
const HOUR = 3_600_000;
const ORDERS = '/api/integrations/hotline/orders';

type Receiver = Awaited<ReturnType<typeof startHotlineReceiver>>;

const envFor = (receiver: Receiver) => ({
  HOTLINE_PLATFORM_SECRET: SECRET,
  HOTLINE_PLATFORM_WEBHOOK_URL: receiver.url,
  HOTLINE_PLATFORM_TIMEOUT_MS: '400',
  HOTLINE_DELIVERY_MAX_ATTEMPTS: '4',
});

/** POSTs `body` to the order endpoint signed at the app's time (or as `options` say). */
function sendOrder(
  app: TestApp,
  body: object | string,
  options: {
    timestamp?: number;
    secret?: string;
    signedBody?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(app.clock.now().getTime() / 1000);
  return app.anonymous().send('POST', ORDERS, {
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': String(timestamp),
      'x-signature': signHotlineBody(options.secret ?? SECRET, timestamp, options.signedBody ?? text),
      ...options.headers,
    },
  });
}

let serial = 0;
/** A work order placed in the demo grid worker's first cell (so the demo station can act on it). */
async function buildOrder(app: TestApp, overrides: Record<string, unknown> = {}) {
  const worker = await app.as('gridworker');
  serial += 1;
  return {
    orderId: `GD-20261123-${String(serial).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`,
    receivedAt: '2026-11-23T09:55:00+08:00',
    requestType: '投诉',
    categoryCode: '0201',
    platformCategory: '城市管理/市容环境',
    description: '市民来电：小区门口路灯连续三晚不亮',
    callerName: '王先生',
    callerPhone: '138-1234-5678',
    address: '东昌府区古楼街道',
    location: await pointIn(app, worker.user.gridCodes[0]),
    deadline: '2026-11-30T18:00:00+08:00',
    ...overrides,
  };
}

/** Files an order and returns its case id. */
async function fileOrder(app: TestApp, order: object): Promise<string> {
  const res = await sendOrder(app, order);
  if (res.status !== 201) throw new Error(`order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.caseId;
}

/** Registers, escalates, registers at the township, dispatches and claims a case: five state changes. */
async function walk(app: TestApp, caseId: string, steps = 5) {
  const u = await loginAll(app, 'village.operator', 'township.dispatcher', 'dept.chengguan');
  let c = (await u['village.operator'].get(`/api/cases/${caseId}`)).body.data;
  const moves: [keyof typeof u, string, object?][] = [
    ['village.operator', 'REGISTER'],
    ['village.operator', 'ESCALATE', { reason: '需要街道协调处置' }],
    ['township.dispatcher', 'REGISTER'],
    ['township.dispatcher', 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' }],
    ['dept.chengguan', 'CLAIM'],
  ];
  for (const [who, action, extra] of moves.slice(0, steps)) c = await actOk(u[who], c, action, extra);
  return c;
}

/** The states a case moved to after its report, from its log: what the platform must hear, in order. */
async function statesOf(app: TestApp, caseId: string) {
  const events = await app.ctx.db.read.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
  return events.filter((e) => e.fromState !== null && e.fromState !== e.toState).map((e) => e.toState);
}

/** Delivery runs until one delivers nothing. */
async function deliverAll(app: TestApp, holder = 'node-test') {
  const total = { delivered: 0, failed: 0 };
  for (;;) {
    const run = await deliverHotlineNotifications(app.ctx, holder);
    total.delivered += run.delivered;
    total.failed += run.failed;
    if (run.delivered === 0) return total;
  }
}

describe('12345 platform exchange', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startHotlineReceiver(SECRET, () => app.clock);
    app = await startTestApp({ env: envFor(receiver) });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('files an order received twice as one case, and refuses the same id with other content', async () => {
    const order = await buildOrder(app);
    const before = await app.ctx.db.read.case.count();
    const first = await sendOrder(app, order);
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({
      caseId: expect.any(String),
      code: expect.stringMatching(/^3715-\d{8}-\d{6}$/),
    });
    const again = await sendOrder(app, order);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await app.ctx.db.read.case.count()).toBe(before + 1);

    const c = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: first.body.data.caseId } });
    expect(c).toMatchObject({ source: 'HOTLINE', categoryCode: '0201', state: 'REPORTED' });
    const reporter = await app.ctx.db.read.user.findUniqueOrThrow({ where: { id: c.reporterId } });
    expect(reporter.username).toBe('channel.hotline-platform');
    const refs = await app.ctx.db.read.caseRef.findMany({ where: { externalId: order.orderId } });
    expect(refs.map((r) => [r.channel, r.caseId])).toEqual([['HOTLINE_ORDER', c.id]]);

    // The caller's phone is stored encrypted, and never answered.
    const stored = await app.ctx.db.read.hotlineOrder.findUniqueOrThrow({
      where: { orderId: order.orderId },
    });
    expect(stored).toMatchObject({ requestType: '投诉', callerName: '王先生', caseId: c.id });
    expect(stored.callerPhone).toMatch(/^v1:/);
    expect(stored.callerPhone).not.toContain('5678');
    expect(app.ctx.registerCipher.decrypt('phone', stored.callerPhone!)).toBe('13812345678');
    expect(JSON.stringify([first.body, again.body])).not.toContain('5678');

    // The same order id with another description, or only another phone: 409, nothing new.
    for (const changed of [{ description: '另一件事：井盖缺失' }, { callerPhone: '13900000000' }]) {
      const res = await sendOrder(app, { ...order, ...changed });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ORDER_CONFLICT');
    }
    expect(await app.ctx.db.read.case.count()).toBe(before + 1);

    // Two identical first sends at once still make one case.
    const racing = await buildOrder(app);
    const answers = await Promise.all([
      sendOrder(app, racing),
      sendOrder(app, racing),
      sendOrder(app, racing),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.data.caseId)).size).toBe(1);
    expect(await app.ctx.db.read.case.count()).toBe(before + 2);
  });

  it('answers 401 for a missing, wrong or stale signature, listing every problem', async () => {
    const order = await buildOrder(app);
    const text = JSON.stringify(order);
    const now = Math.floor(app.clock.now().getTime() / 1000);
    const bare = await app.anonymous().send('POST', ORDERS, {
      body: text,
      headers: { 'content-type': 'application/json' },
    });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('SIGNATURE_INVALID');
    expect(bare.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'headers.x-signature',
      'headers.x-timestamp',
    ]);
    const cases = [
      sendOrder(app, order, { secret: 'another secret that the platform does not share' }),
      sendOrder(app, order, { signedBody: text.replace('路灯', '水管') }),
      // Signed correctly, but six minutes ago (a replay) or six minutes ahead.
      sendOrder(app, order, { timestamp: now - 360 }),
      sendOrder(app, order, { timestamp: now + 360 }),
      sendOrder(app, order, { headers: { 'x-signature': 'sha256=abc' } }),
    ];
    const answers = await Promise.all(cases);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[0]!.body.error.details).toEqual([
      { path: 'headers.x-signature', message: expect.stringContaining('does not match') },
    ]);
    expect(answers[2]!.body.error.details).toEqual([
      { path: 'headers.x-timestamp', message: expect.stringMatching(/360 s away/) },
    ]);
    expect(await app.ctx.db.read.hotlineOrder.count({ where: { orderId: order.orderId } })).toBe(0);
    // Within the window either way is fine (clocks differ by a few seconds).
    expect((await sendOrder(app, order, { timestamp: now - 200 })).status).toBe(201);
  });

  it('answers 400 listing every problem of a bad order, 415 for another type, 422 outside the city', async () => {
    const bad = await sendOrder(app, {
      orderId: 'x',
      receivedAt: 'yesterday',
      requestType: '表扬',
      categoryCode: 'abc',
      description: '',
      callerPhone: '12',
      location: { lon: 500, lat: 36.4 },
      deadline: '2026-13-01',
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    for (const p of [
      'body.orderId',
      'body.receivedAt',
      'body.requestType',
      'body.categoryCode',
      'body.description',
      'body.callerPhone',
      'body.location.lon',
      'body.deadline',
    ])
      expect(paths).toContain(p);
    expect(bad.body.error.details.some((d: { message: string }) => /extra/.test(d.message))).toBe(true);

    const notJson = await sendOrder(app, '{"orderId": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.details[0].path).toBe('body');

    const text = JSON.stringify(await buildOrder(app));
    const ts = Math.floor(app.clock.now().getTime() / 1000);
    const form = await app.anonymous().send('POST', ORDERS, {
      body: text,
      headers: {
        'content-type': 'text/plain',
        'x-timestamp': String(ts),
        'x-signature': signHotlineBody(SECRET, ts, text),
      },
    });
    expect(form.status).toBe(415);

    const outside = await sendOrder(app, await buildOrder(app, { location: { lon: 116.4, lat: 39.9 } }));
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('LOCATION_OUTSIDE_GRID');
  });

  it('places an order with an address only when it names one known place, else 422 naming the candidates', async () => {
    const { location: _l, ...order } = await buildOrder(app, { address: '东昌府区政府' });
    const placed = await sendOrder(app, order);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const filed = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: placed.body.data.caseId } });
    // The seeded gazetteer's 东昌府区人民政府 (the county seat's real point), in its own cell.
    expect([filed.lon, filed.lat]).toEqual([115.98268, 36.434599]);
    expect(filed.gridCode).toBe(app.ctx.grids.locate(115.98268, 36.434599));
    expect(filed.address).toBe('东昌府区政府');
    // The same order again: the same case.
    expect((await sendOrder(app, order)).body.data.caseId).toBe(placed.body.data.caseId);

    // "社区" is part of hundreds of names and exactly none: refused, the first candidates named.
    const { location: _m, ...vague } = await buildOrder(app, { address: '社区' });
    const many = await sendOrder(app, vague);
    expect(many.status).toBe(422);
    expect(many.body.error.code).toBe('LOCATION_UNRESOLVED');
    expect(many.body.error.details.length).toBeGreaterThan(1);
    expect(many.body.error.details[0].message).toMatch(/^could be 聊城市 /);
    const { location: _n, ...unknown } = await buildOrder(app, { address: '火星基地一号' });
    const none = await sendOrder(app, unknown);
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('LOCATION_UNRESOLVED');
    expect(none.body.error.details).toEqual([]);
    // Neither a location nor an address: 400, the location required.
    const { location: _o, address: _a, ...bare } = await buildOrder(app);
    const missing = await sendOrder(app, bare);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.location']);
  });

  it('is not there when the secret is not configured', async () => {
    const settings = app.ctx.config.hotlinePlatform;
    const secret = settings.secret;
    settings.secret = null;
    try {
      const res = await sendOrder(app, await buildOrder(app));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    } finally {
      settings.secret = secret;
    }
  });

  it('notifies every state change in order per order, through failures and timeouts', async () => {
    await deliverAll(app);
    const troubled = await buildOrder(app);
    const smooth = await buildOrder(app);
    const troubledCase = await fileOrder(app, troubled);
    const smoothCase = await fileOrder(app, smooth);
    // The platform fails every call about one order; the other goes through meanwhile.
    receiver.setMode((n) => (n.orderId === troubled.orderId ? 'fail' : 'ok'));
    await walk(app, troubledCase);
    await walk(app, smoothCase, 3);
    const outbox = await app.ctx.db.read.outboundDelivery.findMany({
      where: { externalId: troubled.orderId },
      orderBy: { seq: 'asc' },
    });
    expect(outbox.map((d) => d.seq)).toEqual([1, 2, 3, 4, 5]);

    await deliverAll(app);
    expect(receiver.of(smooth.orderId).map((n) => n.state)).toEqual(await statesOf(app, smoothCase));
    expect(receiver.of(troubled.orderId)).toEqual([]);
    // Only the head was tried: the later changes wait behind it.
    expect(
      new Set(receiver.attempts.filter((n) => n.orderId === troubled.orderId).map((n) => n.seq)),
    ).toEqual(new Set([1]));
    let head = await app.ctx.db.read.outboundDelivery.findUniqueOrThrow({ where: { id: outbox[0]!.id } });
    expect(head).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'HTTP 500' });
    // Backing off: nothing is tried again before its time.
    expect(head.nextAttemptAt.getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect(await deliverAll(app)).toEqual({ delivered: 0, failed: 0 });

    // Then it hangs: the call times out.
    receiver.setMode('hang');
    app.clock.advance(2 * HOUR);
    expect(await deliverAll(app)).toEqual({ delivered: 0, failed: 1 });
    head = await app.ctx.db.read.outboundDelivery.findUniqueOrThrow({ where: { id: outbox[0]!.id } });
    expect(head).toMatchObject({ status: 'PENDING', attempts: 2, lastError: 'timed out after 400 ms' });

    // It recovers: everything arrives, in order, each once.
    receiver.setMode('ok');
    app.clock.advance(2 * HOUR);
    expect(await deliverAll(app)).toEqual({ delivered: 5, failed: 0 });
    const got = receiver.of(troubled.orderId);
    expect(got.map((n) => n.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(got.map((n) => n.state)).toEqual(await statesOf(app, troubledCase));
    expect(got[0]).toMatchObject({
      previousState: 'REPORTED',
      state: 'REGISTERED',
      note: '已立案，正在安排处置。',
    });
    expect(new Set(got.map((n) => n.caseCode)).size).toBe(1);
    expect(receiver.duplicates).toEqual([]);
    expect(receiver.badSignatures).toEqual([]);
  });

  it('marks a delivery FAILED after its attempts, holds the order behind it, and lets an admin retry it', async () => {
    await deliverAll(app);
    const order = await buildOrder(app);
    const caseId = await fileOrder(app, order);
    receiver.setMode((n) => (n.orderId === order.orderId ? 'fail' : 'ok'));
    await walk(app, caseId, 2);
    for (let i = 0; i < 4; i++) {
      await deliverAll(app);
      app.clock.advance(2 * HOUR);
    }
    let admin = await app.as('admin');
    const listed = await admin.get(`/api/admin/hotline-deliveries?orderId=${order.orderId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.items.map((d: { seq: number; status: string }) => [d.seq, d.status])).toEqual([
      [2, 'PENDING'],
      [1, 'FAILED'],
    ]);
    expect(listed.body.data.items[0]).toMatchObject({ waiting: true });
    const failed = listed.body.data.items[1];
    expect(failed).toMatchObject({
      attempts: 4,
      lastError: 'HTTP 500',
      nextAttemptAt: null,
      state: 'REGISTERED',
    });
    expect(listed.body.data.counts).toEqual({ PENDING: 1, DELIVERED: 0, FAILED: 1 });
    const onlyFailed = await admin.get('/api/admin/hotline-deliveries?status=FAILED&limit=1');
    expect(onlyFailed.body.data.items.every((d: { status: string }) => d.status === 'FAILED')).toBe(true);
    // Held: the FAILED one blocks its order however long we wait.
    app.clock.advance(24 * HOUR);
    await deliverAll(app);
    expect(receiver.of(order.orderId)).toEqual([]);
    admin = await app.as('admin'); // sessions last 12 hours

    // 401 → 400 → 403 → 404 → 409 → 200.
    const path = `/api/admin/hotline-deliveries/${failed.id}/retry`;
    expect((await app.anonymous().post(path)).status).toBe(401);
    expect((await admin.post('/api/admin/hotline-deliveries/not-a-uuid/retry')).status).toBe(400);
    expect(
      (await admin.get('/api/admin/hotline-deliveries?status=LOST&limit=0')).body.error.details,
    ).toHaveLength(2);
    const dispatcher = await app.as('city.dispatcher');
    expect((await dispatcher.post(path)).status).toBe(403);
    expect((await dispatcher.get('/api/admin/hotline-deliveries')).status).toBe(403);
    expect((await admin.post(`/api/admin/hotline-deliveries/${crypto.randomUUID()}/retry`)).status).toBe(404);
    const pending = listed.body.data.items[0];
    const notFailed = await admin.post(`/api/admin/hotline-deliveries/${pending.id}/retry`);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.code).toBe('DELIVERY_NOT_FAILED');

    receiver.setMode('ok');
    const retried = await admin.post(path);
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ status: 'PENDING', attempts: 0 });
    await deliverAll(app);
    expect(receiver.of(order.orderId).map((n) => n.seq)).toEqual([1, 2]);
    const after = await admin.get(`/api/admin/hotline-deliveries?orderId=${order.orderId}`);
    expect(after.body.data.counts).toEqual({ PENDING: 0, DELIVERED: 2, FAILED: 0 });
  });

  it('pages the deliveries newest first', async () => {
    const admin = await app.as('admin');
    const all = (await admin.get('/api/admin/hotline-deliveries?limit=200')).body.data.items;
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await admin.get(`/api/admin/hotline-deliveries?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).body.data;
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((d: { id: string }) => d.id));
    const code = all[0].caseCode;
    const byCase = (await admin.get(`/api/admin/hotline-deliveries?caseCode=${code}`)).body.data.items;
    expect(byCase.length).toBeGreaterThan(0);
    expect(byCase.every((d: { caseCode: string }) => d.caseCode === code)).toBe(true);
  });
});

describe('12345 platform configuration', () => {
  it('refuses a short secret, a non-URL webhook, and plain http in production', () => {
    expect(() =>
      loadConfig({ HOTLINE_PLATFORM_SECRET: 'short', HOTLINE_PLATFORM_WEBHOOK_URL: 'ftp://x' }),
    ).toThrow(
      /HOTLINE_PLATFORM_SECRET: must be at least 32[\s\S]*HOTLINE_PLATFORM_WEBHOOK_URL: must be an http/,
    );
    const production = { NODE_ENV: 'production', REGISTER_DATA_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(() =>
      loadConfig({ ...production, HOTLINE_PLATFORM_WEBHOOK_URL: 'http://12345.example/notify' }),
    ).toThrow(/must be https:\/\/ in production/);
    const on = loadConfig({
      ...production,
      HOTLINE_PLATFORM_SECRET: SECRET,
      HOTLINE_PLATFORM_WEBHOOK_URL: 'https://12345.example/notify',
    });
    expect(on.hotlinePlatform).toEqual({
      secret: SECRET,
      webhookUrl: 'https://12345.example/notify',
      timeoutMs: 10_000,
      intervalMs: 5_000,
      maxAttempts: 12,
    });
    expect(loadConfig({}).hotlinePlatform.secret).toBeNull();
  });
});

describe('12345 platform exchange across restarts and nodes', () => {
  let receiver: Receiver;
  let clockOf: TestApp | null = null;
  beforeAll(async () => {
    receiver = await startHotlineReceiver(SECRET, () => clockOf!.clock);
  });
  afterAll(() => receiver?.close());

  it('loses nothing across a restart, also with a node that died holding the lease', async () => {
    const first = await startTestApp({ env: envFor(receiver) });
    clockOf = first;
    const order = await buildOrder(first);
    const caseId = await fileOrder(first, order);
    await walk(first, caseId, 2);
    // This node delivers, keeps the lease (it runs 60 s past a run), and later dies.
    await deliverAll(first, 'node-that-died');
    expect(receiver.of(order.orderId).map((n) => n.seq)).toEqual([1, 2]);
    const u = await loginAll(first, 'township.dispatcher', 'dept.chengguan');
    let c = (await u['township.dispatcher'].get(`/api/cases/${caseId}`)).body.data;
    c = await actOk(u['township.dispatcher'], c, 'REGISTER');
    c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
    await actOk(u['dept.chengguan'], c, 'CLAIM');
    expect(await takeJobLease(first.ctx, HOTLINE_DELIVERY_LEASE, 'another-node', 1_000)).toBe(false);
    // It dies in the middle of a call: the platform got #3, the row was never marked (what the
    // node would have sent, sent here as it would have: same headers, same bytes).
    const third = await first.ctx.db.read.outboundDelivery.findFirstOrThrow({
      where: { externalId: order.orderId, seq: 3 },
    });
    const ts = Math.floor(first.clock.now().getTime() / 1000);
    const sent = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-delivery-id': third.id,
        'x-timestamp': String(ts),
        'x-signature': signHotlineBody(SECRET, ts, third.payload),
      },
      body: third.payload,
    });
    expect(sent.status).toBe(200);
    const url = first.databaseUrl;
    await first.close();

    const second = await startTestApp({ databaseUrl: url, env: envFor(receiver), now: first.clock.now() });
    clockOf = second;
    try {
      // While the dead node's lease runs, nobody delivers; then the new node takes over.
      expect(await deliverAll(second, 'node-after-restart')).toEqual({ delivered: 0, failed: 0 });
      const lease = await second.ctx.db.read.jobLease.findUniqueOrThrow({
        where: { name: HOTLINE_DELIVERY_LEASE },
      });
      expect(lease.holder).toBe('node-that-died');
      second.clock.set(new Date(lease.expiresAt.getTime() + 1));
      expect(await deliverAll(second, 'node-after-restart')).toEqual({ delivered: 3, failed: 0 });
      const got = receiver.of(order.orderId);
      expect(got.map((n) => n.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(got.map((n) => n.state)).toEqual(await statesOf(second, caseId));
      // At least once: #3 came again, under the same delivery id, and the receiver dropped it.
      expect(receiver.duplicates).toEqual([third.id]);
      receiver.duplicates.length = 0;
      // The order's case survives too: a resend after the restart answers it.
      const again = await sendOrder(second, order);
      expect([again.status, again.body.data.caseId]).toEqual([200, caseId]);
    } finally {
      await second.close();
    }
  });

  // Two API nodes share a database only on PostgreSQL (SQLite is one node; two contexts in one
  // process would block each other's event loop on SQLite's file lock).
  it.skipIf(!TEST_POSTGRES_URL)('two nodes on one PostgreSQL database never both deliver', async () => {
    const a = await startTestApp({ env: envFor(receiver) });
    clockOf = a;
    const b = await startTestApp({ databaseUrl: a.databaseUrl, env: envFor(receiver), now: a.clock.now() });
    try {
      const orders = [await buildOrder(a), await buildOrder(a), await buildOrder(a)];
      const ids = [];
      for (const o of orders) ids.push(await fileOrder(a, o));
      for (const id of ids) await walk(a, id, 4);
      // Both nodes' delivery runs at once, again and again (each node runs one at a time, as
      // runPeriodically does).
      const byNode = { a: 0, b: 0 };
      for (let i = 0; i < 4; i++) {
        const [ra, rb] = await Promise.all([
          deliverHotlineNotifications(a.ctx, 'node-a'),
          deliverHotlineNotifications(b.ctx, 'node-b'),
        ]);
        byNode.a += ra.delivered;
        byNode.b += rb.delivered;
      }
      expect(byNode.a + byNode.b).toBe(12);
      // One node holds the lease: the other delivered nothing, and nothing arrived twice.
      expect(Math.min(byNode.a, byNode.b)).toBe(0);
      await deliverAll(a, 'node-a');
      await deliverAll(b, 'node-b');
      for (const [i, o] of orders.entries()) {
        expect(receiver.of(o.orderId).map((n) => n.seq)).toEqual([1, 2, 3, 4]);
        expect(receiver.of(o.orderId).map((n) => n.state)).toEqual(await statesOf(a, ids[i]!));
      }
      expect(receiver.duplicates).toEqual([]);
      // Every call about these orders was accepted: none was a second call of the same delivery.
      const ours = new Set(orders.map((o) => o.orderId));
      expect(receiver.attempts.filter((n) => ours.has(n.orderId))).toHaveLength(12);
      const lease = await a.ctx.db.read.jobLease.findUniqueOrThrow({
        where: { name: HOTLINE_DELIVERY_LEASE },
      });
      expect(['node-a', 'node-b']).toContain(lease.holder);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
