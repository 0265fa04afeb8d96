import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allKeys } from '../support/factories';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('auth: login, /api/me, logout, expiry, throttling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const login = (username: unknown, password: unknown) =>
    app.anonymous().post('/api/auth/login', { username, password });
  const me = (token: string) =>
    app.anonymous().send('GET', '/api/me', { headers: { authorization: `Bearer ${token}` } });

  it('logs in with 200: a token, its expiry and the user, with no password or hash anywhere', async () => {
    const res = await login('township.dispatcher', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.data.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Tokens live 12 hours from the (manual) clock.
    expect(res.body.data.expiresAt).toBe(new Date(app.clock.now().getTime() + 12 * HOUR).toISOString());
    expect(res.body.data.user).toEqual({
      id: expect.any(String),
      username: 'township.dispatcher',
      displayName: '街道中心派遣员',
      role: 'DISPATCHER',
      unitCode: '371502001000',
      gridCodes: [],
      departmentId: null,
    });
    expect(allKeys(res.body).filter((k) => /pass|hash|secret/i.test(k))).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS, same message', async () => {
    const wrong = await login('village.operator', 'not-the-password');
    const unknown = await login('nobody.at.all', DEMO_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('lists every problem of a bad body at once', async () => {
    const res = await app.anonymous().post('/api/auth/login', {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['username', 'password']);

    const wrongTypes = await login(42, '');
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.details).toHaveLength(2);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await app.anonymous().send('POST', '/api/auth/login', {
      body: '{"username": "admin", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The body is not valid JSON.',
        details: [{ path: '(body)', message: 'malformed JSON' }],
      },
    });
  });

  it('refuses /api/me without a token and with a garbage token', async () => {
    const none = await app.anonymous().get('/api/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const malformed = await me('not a token');
    expect(malformed.status).toBe(401);
    const wellFormedButUnknown = await me('A'.repeat(43));
    expect(wellFormedButUnknown.status).toBe(401);
    expect(wellFormedButUnknown.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('revokes the token on logout', async () => {
    const { token } = (await login('county.dispatcher', DEMO_PASSWORD)).body.data;
    expect((await me(token)).status).toBe(200);
    const out = await app
      .anonymous()
      .send('POST', '/api/auth/logout', { headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    // Another session of the same user is untouched.
    const other = (await login('county.dispatcher', DEMO_PASSWORD)).body.data.token;
    expect((await me(other)).status).toBe(200);
  });

  it('expires a token 12 hours after login', async () => {
    const { token } = (await login('city.dispatcher', DEMO_PASSWORD)).body.data;
    app.clock.advance(12 * HOUR - 60_000);
    expect((await me(token)).status).toBe(200);
    app.clock.advance(60_000 + 1);
    const expired = await me(token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('shows a grid worker their cells and department staff their department on /api/me', async () => {
    const cell = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { townshipCode: '371502001000' },
      orderBy: { code: 'asc' },
    });
    const worker = await app.as('gridworker');
    const meWorker = await worker.get('/api/me');
    expect(meWorker.status).toBe(200);
    expect(meWorker.body.data).toMatchObject({
      role: 'GRID_WORKER',
      gridCodes: [cell.code],
      unitCode: cell.villageCode,
      departmentId: null,
    });
    const dept = await app.as('dept.chengguan');
    const meDept = await dept.get('/api/me');
    expect(meDept.body.data).toMatchObject({
      role: 'DEPT_STAFF',
      departmentId: '371502-CHENGGUAN',
      gridCodes: [],
    });
    expect(allKeys(meDept.body).filter((k) => /pass|hash/i.test(k))).toEqual([]);
  });

  it('shuts out a disabled account: its live token and new logins get 401', async () => {
    const { token } = (await login('village2.operator', DEMO_PASSWORD)).body.data;
    await app.ctx.db.write.user.update({
      where: { username: 'village2.operator' },
      data: { isActive: false },
    });
    expect((await me(token)).status).toBe(401);
    const again = await login('village2.operator', DEMO_PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('delays an account from one address after 5 failed logins: 429 with Retry-After, others unaffected', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await login('hotline', `wrong-${i}`);
      expect(res.status).toBe(401);
    }
    // From this address the account now waits, even with the right password …
    const blocked = await login('hotline', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(blocked.headers.get('retry-after')).toBe('1');
    // … other accounts do not (tests/api/sign-in.test.ts: other addresses, growing delays).
    expect((await login('admin', DEMO_PASSWORD)).status).toBe(200);
    // The delay passes: the account may try again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await login('hotline', DEMO_PASSWORD)).status).toBe(200);
  });
});
