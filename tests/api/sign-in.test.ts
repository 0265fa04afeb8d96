import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/cluster';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs in as if from `ip` (X-Forwarded-For, honoured with TRUST_PROXY=loopback). */
const loginFrom = (baseUrl: string, ip: string, username: string, password: string, userAgent = 'vitest') =>
  apiClient(baseUrl, null).post(
    '/api/auth/login',
    { username, password },
    { 'x-forwarded-for': ip, 'user-agent': userAgent },
  );

describe('sign-in throttling per (username, address) and per address; the audit', () => {
  let app: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    admin = await app.as('admin');
  });
  afterAll(() => app.close());
  const login = (ip: string, username: string, password: string) =>
    loginFrom(app.baseUrl, ip, username, password);

  it("delays the attacker's address with growing waits while the owner signs in from another", async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i += 1)
      expect((await login(attacker, 'gridworker', `guess-${i}`)).status).toBe(401);
    const first = await login(attacker, 'gridworker', 'guess-5');
    expect(first.status).toBe(429);
    expect(first.body.error.code).toBe('RATE_LIMITED');
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.body.error.message).toMatch(/1 秒.*1 s/);
    // Even the right password waits, from that address …
    expect((await login(attacker, 'gridworker', DEMO_PASSWORD)).status).toBe(429);
    // … but the owner, elsewhere, is not locked out.
    expect((await login('198.51.100.2', 'gridworker', DEMO_PASSWORD)).status).toBe(200);
    // Each further failure doubles the wait: 1 s, 2 s, 4 s.
    await sleep(1_050);
    expect((await login(attacker, 'gridworker', 'guess-6')).status).toBe(401);
    const second = await login(attacker, 'gridworker', 'guess-7');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    await sleep(2_050);
    expect((await login(attacker, 'gridworker', 'guess-8')).status).toBe(401);
    const third = await login(attacker, 'gridworker', 'guess-9');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('4');
  });

  it('forgets the failures of a (username, address) after a successful sign-in', async () => {
    const ip = '203.0.113.20';
    for (let i = 0; i < 4; i += 1) expect((await login(ip, 'gridworker2', `x-${i}`)).status).toBe(401);
    expect((await login(ip, 'gridworker2', DEMO_PASSWORD)).status).toBe(200);
    // Counted from zero again: five more failures before any wait.
    for (let i = 0; i < 5; i += 1) expect((await login(ip, 'gridworker2', `y-${i}`)).status).toBe(401);
    expect((await login(ip, 'gridworker2', 'y-5')).status).toBe(429);
  });

  it('refuses an address after 30 failures across usernames; successes never count', {
    timeout: 120_000,
  }, async () => {
    const ip = '203.0.113.50';
    // In parallel: attempts are counted before the password check, so a burst counts in full.
    const failures = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(ip, `nobody-${i}`, 'wrong-password')),
    );
    expect(failures.map((r) => r.status)).toEqual(Array(30).fill(401));
    const refused = await login(ip, 'village.operator', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/此地址/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    // Another address is not affected.
    expect((await login('203.0.113.51', 'village.operator', DEMO_PASSWORD)).status).toBe(200);
    // Many successful sign-ins from one address (127.0.0.1 in the tests) are never throttled.
    for (let i = 0; i < 31; i += 1) {
      expect((await login('203.0.113.52', 'command.city', DEMO_PASSWORD)).status).toBe(200);
    }
  });

  it('writes every sign-in outcome to the audit, readable by admins newest first, cursor-paginated', async () => {
    const ip = '192.0.2.77';
    expect((await loginFrom(app.baseUrl, ip, 'dept.gongan', 'wrong!', 'Mozilla/5.0 test')).status).toBe(401);
    expect((await loginFrom(app.baseUrl, ip, 'dept.gongan', DEMO_PASSWORD, 'Mozilla/5.0 test')).status).toBe(
      200,
    );
    await app.ctx.db.write.user.update({ where: { username: 'dept.chengguan2' }, data: { isActive: false } });
    expect((await login(ip, 'dept.chengguan2', DEMO_PASSWORD)).status).toBe(401);
    const page = await admin.get('/api/admin/auth-events?username=dept.gongan');
    expect(page.status).toBe(200);
    const [success, failure] = page.body.data.items;
    expect(success).toMatchObject({
      outcome: 'SUCCESS',
      username: 'dept.gongan',
      ip,
      userAgent: 'Mozilla/5.0 test',
    });
    expect(success.userId).toEqual(expect.any(String));
    expect(failure).toMatchObject({ outcome: 'BAD_CREDENTIALS', username: 'dept.gongan', ip });
    expect(success.id).toBeGreaterThan(failure.id);
    const disabled = await admin.get('/api/admin/auth-events?outcome=DISABLED');
    expect(disabled.body.data.items.map((e: { username: string }) => e.username)).toContain(
      'dept.chengguan2',
    );
    const throttled = await admin.get('/api/admin/auth-events?outcome=THROTTLED&username=gridworker');
    expect(throttled.body.data.items.length).toBeGreaterThanOrEqual(3);
    expect(throttled.body.data.items[0]).toMatchObject({ ip: '203.0.113.7', userId: null });
    // Cursor pagination: pages of 2, no overlap, newest first throughout.
    const p1 = await admin.get('/api/admin/auth-events?limit=2');
    const p2 = await admin.get(`/api/admin/auth-events?limit=2&cursor=${p1.body.data.nextCursor}`);
    const ids = [...p1.body.data.items, ...p2.body.data.items].map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(4);
  });

  it('keeps the audit to admins: 401 without a token, 403 for other roles, 400 for a bad filter', async () => {
    expect((await app.anonymous().get('/api/admin/auth-events')).status).toBe(401);
    const dispatcher = await app.as('city.dispatcher');
    expect((await dispatcher.get('/api/admin/auth-events')).status).toBe(403);
    const bad = await admin.get('/api/admin/auth-events?outcome=NOPE&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.limit',
      'query.outcome',
    ]);
  });

  it('truncates what the caller typed: a long user agent is stored cut', async () => {
    await loginFrom(app.baseUrl, '192.0.2.88', 'hotline', 'nope', 'x'.repeat(2_000));
    const res = await admin.get('/api/admin/auth-events?username=hotline&limit=1');
    expect(res.body.data.items[0].userAgent).toHaveLength(256);
  });
});

describe('without TRUST_PROXY, X-Forwarded-For is ignored', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('counts a spoofed header against the real address', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await loginFrom(app.baseUrl, `10.0.0.${i}`, 'hotline', `w-${i}`)).status).toBe(401);
    }
    expect((await loginFrom(app.baseUrl, '10.0.0.99', 'hotline', 'w-5')).status).toBe(429);
  });
});

describe.skipIf(!TEST_REDIS_URL)(
  'shared through Redis (TEST_REDIS_URL): two nodes, one set of counters',
  () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const env = {
        TRUST_PROXY: 'loopback',
        REDIS_URL: TEST_REDIS_URL as string,
        REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
      };
      a = await startTestApp({ env });
      b = await startTestApp({ env, databaseUrl: a.databaseUrl });
      await Promise.all([a.realtime.ready, b.realtime.ready]);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('delays on node B what failed on node A; the owner elsewhere still gets in', async () => {
      const ip = '203.0.113.99';
      for (let i = 0; i < 5; i += 1)
        expect((await loginFrom(a.baseUrl, ip, 'hotline', `g-${i}`)).status).toBe(401);
      const onB = await loginFrom(b.baseUrl, ip, 'hotline', DEMO_PASSWORD);
      expect(onB.status).toBe(429);
      expect(onB.headers.get('retry-after')).toBe('1');
      expect((await loginFrom(b.baseUrl, '198.51.100.9', 'hotline', DEMO_PASSWORD)).status).toBe(200);
    });

    it("ends a disabled account's session on the other node too", async () => {
      const user = await loginFrom(b.baseUrl, '198.51.100.10', 'gridworker2', DEMO_PASSWORD);
      const token = user.body.data.token as string;
      const onB = apiClient(b.baseUrl, token);
      expect((await onB.get('/api/me')).status).toBe(200); // cached on B now
      const admin = await a.as('admin');
      expect((await admin.post(`/api/admin/users/${user.body.data.user.id}/disable`)).status).toBe(200);
      const end = Date.now() + 5_000;
      while ((await onB.get('/api/me')).status !== 401) {
        if (Date.now() > end) throw new Error('session still accepted on node B');
        await sleep(50);
      }
    });
  },
);
