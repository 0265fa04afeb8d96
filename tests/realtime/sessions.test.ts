import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../support/factories';
import { listen, request } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('socket authentication, sessions, subscriptions and presence', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const refusal = (auth: object) =>
    new Promise<string>((resolve) => {
      const s = io(app.baseUrl, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
      s.on('connect', () => resolve('connected'));
      s.on('connect_error', (e) => {
        s.close();
        resolve(e.message);
      });
    });

  it('refuses a missing, unknown or expired token at connect', async () => {
    expect(await refusal({})).toBe('UNAUTHENTICATED');
    expect(await refusal({ token: 'x'.repeat(43) })).toBe('UNAUTHENTICATED');
    const expiring = await startTestApp();
    const user = await expiring.as('township.dispatcher');
    expiring.clock.advance(13 * 3_600_000); // past the 12 h session
    const s = io(expiring.baseUrl, {
      auth: { token: user.token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const message = await new Promise<string>((resolve) => s.on('connect_error', (e) => resolve(e.message)));
    expect(message).toBe('UNAUTHENTICATED');
    s.close();
    await expiring.close();
  });

  it('disconnects the sockets of a session at logout, and a revoked session at the next sweep', async () => {
    const a = await app.as('township.dispatcher');
    const socket = await listen(app, a);
    const gone = new Promise((resolve) => socket.socket.on('disconnect', resolve));
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    await gone;

    const b = await app.as('county.dispatcher');
    const other = await listen(app, b);
    const gone2 = new Promise((resolve) => other.socket.on('disconnect', resolve));
    // Revoked behind this node's back (another node, an admin): the sweep notices.
    await app.ctx.db.transaction((tx) =>
      tx.session.updateMany({ where: { userId: b.user.id }, data: { revokedAt: new Date() } }),
    );
    await app.realtime.sweepSessions();
    await gone2;

    // A live socket whose session runs out (the clock passes its expiry) goes too.
    const c = await app.as('command.city');
    const viewer = await listen(app, c);
    const gone3 = new Promise((resolve) => viewer.socket.on('disconnect', resolve));
    app.clock.advance(13 * 3_600_000);
    await app.realtime.sweepSessions();
    await gone3;
    app.clock.advance(-13 * 3_600_000);
  });

  it('lets a viewer follow a case in its jurisdiction, and refuses one outside with 404', async () => {
    const worker = await app.as('gridworker');
    const c = await buildCase(app, worker);
    const county = await listen(app, await app.as('county.dispatcher'));
    expect(await request(county, 'case:subscribe', { caseId: c.id })).toEqual({ data: { caseId: c.id } });
    const gongan = await listen(app, await app.as('dept.gongan'));
    const refused = await request(gongan, 'case:subscribe', { caseId: c.id });
    expect(refused.error.code).toBe('NOT_FOUND');
    const bad = await request(gongan, 'case:subscribe', {} as any);
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    county.close();
    gongan.close();
  });

  it('shows which grid workers and department staff are online under a unit', async () => {
    const city = await listen(app, await app.as('command.city'));
    const worker = await listen(app, await app.as('gridworker'));
    const staff = await listen(app, await app.as('dept.chengguan'));
    const online = await request(city, 'presence:list', { unitCode: '371502000000' });
    expect(online.data.map((p: any) => p.displayName).sort()).toEqual(
      ['区综合执法局 赵磊', '网格员 王芳'].sort(),
    );
    const offline = new Promise<any>((resolve) =>
      city.socket.on('presence:changed', (p) => !p.online && resolve(p)),
    );
    worker.close();
    expect(await offline).toMatchObject({ displayName: '网格员 王芳', online: false, role: 'GRID_WORKER' });
    // Department staff see their tasks, not who is online in the district.
    expect((await request(staff, 'presence:list', { unitCode: '371502000000' })).error.code).toBe(
      'NOT_FOUND',
    );
    // Another township's dispatcher may not look at this county.
    const t2 = await listen(app, await app.as('township2.dispatcher'));
    expect((await request(t2, 'presence:list', { unitCode: '371502000000' })).error.code).toBe('NOT_FOUND');
    for (const l of [city, staff, t2]) l.close();
  });
});
