import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/config';
import {
  assertNoDemoPasswords,
  findDemoPasswordAccounts,
} from '../../api/src/services/auth/demo-password-check';
import { hashPassword } from '../../api/src/services/auth/password';
import { type ApiClient, apiClient } from '../support/api-client';
import { allKeys } from '../support/factories';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';

const GOOD = 'Liaocheng river walk 2026';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Runs a CLI or the server as a process; resolves with its exit code and output. */
function run(args: string[], env: Record<string, string>, stdin = '') {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('accounts: admin API, own password, sign out everywhere', () => {
  let app: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
  });
  afterAll(() => app.close());
  const login = (username: string, password: string) =>
    app.anonymous().post('/api/auth/login', { username, password });
  const bearer = (token: string) => apiClient(app.baseUrl, token);

  it('keeps the account endpoints to admins: 401, 403, 404 for unknown ids', async () => {
    const anon = app.anonymous();
    expect((await anon.get('/api/admin/users')).status).toBe(401);
    expect((await anon.post('/api/admin/users', {})).status).toBe(401);
    const hotline = await app.as('hotline');
    for (const [method, path] of [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['POST', `/api/admin/users/${UNKNOWN}/disable`],
      ['POST', `/api/admin/users/${UNKNOWN}/enable`],
      ['POST', `/api/admin/users/${UNKNOWN}/reset-password`],
    ] as const) {
      const res = method === 'GET' ? await hotline.get(path) : await hotline.post(path, { password: GOOD });
      expect(res.status, path).toBe(403);
    }
    for (const action of ['disable', 'enable']) {
      expect((await admin.post(`/api/admin/users/${UNKNOWN}/${action}`)).status).toBe(404);
    }
    expect((await admin.post(`/api/admin/users/${UNKNOWN}/reset-password`, { password: GOOD })).status).toBe(
      404,
    );
  });

  it('lists accounts by role, unit and text, paginated, without hashes', async () => {
    const depts = await admin.get('/api/admin/users?role=DEPT_STAFF');
    expect(depts.status).toBe(200);
    expect(depts.body.data.items.map((u: { username: string }) => u.username)).toEqual([
      'dept.chengguan',
      'dept.chengguan2',
      'dept.gongan',
    ]);
    expect(allKeys(depts.body).filter((k) => /pass|hash/i.test(k))).toEqual([]);
    const inTownship = await admin.get('/api/admin/users?unit=371502001000');
    const names = inTownship.body.data.items.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['township.dispatcher', 'village.operator', 'gridworker']));
    expect(names).not.toContain('township2.dispatcher');
    const q = await admin.get('/api/admin/users?q=gridworker');
    expect(q.body.data.items.map((u: { username: string }) => u.username)).toEqual([
      'gridworker',
      'gridworker2',
    ]);
    expect(q.body.data.items[0].gridCodes).toEqual(['371502001001001']);
    const p1 = await admin.get('/api/admin/users?limit=5');
    const p2 = await admin.get(`/api/admin/users?limit=5&cursor=${p1.body.data.nextCursor}`);
    const all = [...p1.body.data.items, ...p2.body.data.items].map((u: { username: string }) => u.username);
    expect(new Set(all).size).toBe(10);
    expect(all).toEqual([...all].sort());
    expect((await admin.get('/api/admin/users?role=KING&limit=999')).status).toBe(400);
  });

  it('refuses a bad account listing every problem (400), including the password policy', async () => {
    const res = await admin.post('/api/admin/users', {
      username: 'x',
      displayName: '',
      password: 'short',
      role: 'STATION_OPERATOR',
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'unitCode', 'password']));
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'password').message).toMatch(
      /至少需要 12 个字符（现有 5 个）/,
    );

    const policy = async (password: string, username = 'new.operator') =>
      (
        await admin.post('/api/admin/users', {
          username,
          displayName: '新操作员',
          password,
          role: 'STATION_OPERATOR',
          unitCode: '371502001001',
        })
      ).body.error?.details?.map((d: { message: string }) => d.message) ?? [];
    expect(await policy('qwertyuiop123')).toEqual([expect.stringMatching(/常见或已泄露/)]);
    expect(await policy('PASSWORD1234')).toEqual([expect.stringMatching(/常见或已泄露/)]);
    expect(await policy('my-new.operator-pass')).toEqual([expect.stringMatching(/不能包含用户名/)]);
    expect(await policy('短密码😀')).toEqual([expect.stringMatching(/现有 4 个/)]);
    expect(await policy('x'.repeat(129))).toEqual([expect.stringMatching(/最多 128/)]);
    // Twelve code points (CJK and emoji count once each) are enough.
    expect(await policy('聊城网格化管理系统很好😀😀')).toEqual([]);
  });

  it('checks the unit, department and cells against the role and the database', async () => {
    const res = await admin.post('/api/admin/users', {
      username: 'admin',
      displayName: '重复',
      password: GOOD,
      role: 'STATION_OPERATOR',
      unitCode: '371502001000',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'unitCode',
      'username',
    ]);
    const worker = await admin.post('/api/admin/users', {
      username: 'gw.new',
      displayName: '网格员 新',
      password: GOOD,
      role: 'GRID_WORKER',
      gridCodes: ['371502001001001', '999999999999999'],
    });
    expect(worker.status).toBe(400);
    expect(worker.body.error.details.map((d: { path: string }) => d.path)).toEqual(['gridCodes.1']);
    const mixed = await admin.post('/api/admin/users', {
      username: 'gw.new',
      displayName: '网格员 新',
      password: GOOD,
      role: 'GRID_WORKER',
      gridCodes: ['371502001001001'],
      departmentId: '371502-CHENGGUAN',
    });
    expect(mixed.body.error.details.map((d: { path: string }) => d.path)).toEqual(['departmentId']);
    const dept = await admin.post('/api/admin/users', {
      username: 'dept.none',
      displayName: '无部门',
      password: GOOD,
      role: 'DEPT_STAFF',
      departmentId: 'NOPE',
    });
    expect(dept.body.error.details.map((d: { path: string }) => d.path)).toEqual(['departmentId']);
  });

  it('creates a grid worker who can sign in, serves the cells, and is audited', async () => {
    const res = await admin.post('/api/admin/users', {
      username: 'gw.zhang',
      displayName: '网格员 张伟',
      password: GOOD,
      role: 'GRID_WORKER',
      gridCodes: ['371502001001001'],
      phone: '13800000000',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      username: 'gw.zhang',
      role: 'GRID_WORKER',
      unitCode: '371502001001',
      gridCodes: ['371502001001001'],
      isActive: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
    const signedIn = await login('gw.zhang', GOOD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.user.gridCodes).toEqual(['371502001001001']);
    const audit = await admin.get('/api/admin/auth-events?username=gw.zhang&outcome=USER_CREATED');
    expect(audit.body.data.items[0]).toMatchObject({ userId: res.body.data.id, actorId: admin.user.id });
  });

  it('disables an account ending its sessions at once, and enables it again', async () => {
    const created = await admin.post('/api/admin/users', {
      username: 'viewer.tmp',
      displayName: '临时查看',
      password: GOOD,
      role: 'VIEWER',
      unitCode: '371502000000',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const session = bearer((await login('viewer.tmp', GOOD)).body.data.token);
    expect((await session.get('/api/me')).status).toBe(200); // now cached
    const off = await admin.post(`/api/admin/users/${id}/disable`);
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ isActive: false, revokedSessions: 1 });
    expect((await session.get('/api/me')).status).toBe(401);
    expect((await login('viewer.tmp', GOOD)).status).toBe(401);
    expect((await admin.post(`/api/admin/users/${id}/enable`)).body.data.isActive).toBe(true);
    expect((await login('viewer.tmp', GOOD)).status).toBe(200);
    // An admin cannot disable themselves.
    expect((await admin.post(`/api/admin/users/${admin.user.id}/disable`)).status).toBe(422);
  });

  it('resets a password (policy applies) and ends that user’s sessions', async () => {
    const target = await app.as('township2.dispatcher');
    const id = target.user.id;
    const weak = await admin.post(`/api/admin/users/${id}/reset-password`, {
      password: 'township2.dispatcher!!',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ path: 'password', message: expect.stringMatching(/用户名/) }]);
    const ok = await admin.post(`/api/admin/users/${id}/reset-password`, { password: GOOD });
    expect(ok.status).toBe(200);
    expect(ok.body.data.revokedSessions).toBeGreaterThanOrEqual(1);
    expect((await target.get('/api/me')).status).toBe(401);
    expect((await login('township2.dispatcher', DEMO_PASSWORD)).status).toBe(401);
    expect((await login('township2.dispatcher', GOOD)).status).toBe(200);
  });

  it('changes one’s own password: others sessions end, this one stays; every problem listed', async () => {
    const here = await app.as('village2.operator');
    const there = await app.as('village2.operator');
    const bad = await here.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'short' });
    expect(bad.status).toBe(400);
    // The wrong current password, and the new one both too short and common.
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'currentPassword',
      'newPassword',
      'newPassword',
    ]);
    const ok = await here.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: GOOD });
    expect(ok.status).toBe(200);
    expect(ok.body.data.revokedSessions).toBeGreaterThanOrEqual(1);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await there.get('/api/me')).status).toBe(401);
    expect((await login('village2.operator', GOOD)).status).toBe(200);
    expect((await app.anonymous().post('/api/auth/password', {})).status).toBe(401);
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const one = await app.as('dept.chengguan');
    const two = await app.as('dept.chengguan');
    expect((await two.get('/api/me')).status).toBe(200);
    const res = await one.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect(res.body.data.revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await one.get('/api/me')).status).toBe(401);
    expect((await two.get('/api/me')).status).toBe(401);
    const audit = await admin.get(
      '/api/admin/auth-events?outcome=SIGNED_OUT_EVERYWHERE&username=dept.chengguan',
    );
    expect(audit.body.data.items).toHaveLength(1);
  });
});

/** Production needs the register's key (docs/register.md); any 32 bytes do for these tests. */
const REGISTER_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

describe('configuration and the production start', () => {
  it('defaults SEED_DEMO to false in production only; validates TRUST_PROXY', () => {
    expect(loadConfig({ NODE_ENV: 'production', REGISTER_DATA_KEY }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', REGISTER_DATA_KEY, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please, 10.0.0.0/33' })).toThrow(
      /TRUST_PROXY.*\n.*TRUST_PROXY/,
    );
  });

  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', REGISTER_DATA_KEY } });
  });
  afterAll(() => app.close());

  it('finds every active account still on the demo password, and passes once they are changed', async () => {
    const found = await findDemoPasswordAccounts(app.ctx, DEMO_PASSWORD);
    expect(found.complete).toBe(true);
    expect(found.usernames).toContain('admin');
    expect(found.usernames).toHaveLength(15);
    await expect(assertNoDemoPasswords(app.ctx)).rejects.toThrow(/admin[\s\S]*users:set-password/);
  });

  it('refuses to start in production (exit 1, the accounts and the fix named, no stack trace)', {
    timeout: 120_000,
  }, async () => {
    const env = {
      NODE_ENV: 'production',
      PASSWORD_HASH_COST: '', // the tests' cheap cost is refused in production (config.ts)
      DATABASE_URL: app.databaseUrl,
      DATA_DIR: app.ctx.config.dataDir,
      PORT: '0',
    };
    // Without the register's key it does not start at all.
    const keyless = await run(['api/src/main.ts'], env);
    expect(keyless.code).toBe(1);
    expect(keyless.err).toMatch(/REGISTER_DATA_KEY: required in production/);
    const res = await run(['api/src/main.ts'], { ...env, REGISTER_DATA_KEY });
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/Refusing to start in production: 15 active account/);
    expect(res.err).toContain('city.dispatcher');
    expect(res.err).toContain('pnpm users:set-password');
    expect(res.err).not.toMatch(/\n\s+at /);
  });

  it('creates an admin from the CLI (password on stdin, policy applied), then the production check passes', {
    timeout: 120_000,
  }, async () => {
    const env = { DATABASE_URL: app.databaseUrl, DATA_DIR: app.ctx.config.dataDir, ADMIN_PASSWORD: '' };
    const argv = await run(
      ['api/src/cli/create-admin.ts', '--username', 'ops', '--name', '运维', '--password', 'x'],
      env,
    );
    expect(argv.code).toBe(1);
    expect(argv.err).toMatch(/never pass a password on the command line/);
    const weak = await run(
      ['api/src/cli/create-admin.ts', '--username', 'ops', '--name', '运维'],
      env,
      'ops-password\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: .*不能包含用户名/);
    expect(weak.err).not.toMatch(/\n\s+at /);
    const ok = await run(
      ['api/src/cli/create-admin.ts', '--username', 'ops', '--name', '运维'],
      env,
      `${GOOD}\n`,
    );
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const created = await app.ctx.db.read.user.findUniqueOrThrow({ where: { username: 'ops' } });
    expect(created).toMatchObject({ role: 'ADMIN', unitCode: '371500000000', isActive: true });
    // Every demo account gets a new password: the production check passes.
    const passwordHash = await hashPassword(GOOD);
    await app.ctx.db.write.user.updateMany({ where: { username: { not: 'ops' } }, data: { passwordHash } });
    await expect(assertNoDemoPasswords(app.ctx)).resolves.toBeUndefined();
    const signedIn = await app.anonymous().post('/api/auth/login', { username: 'ops', password: GOOD });
    expect(signedIn.body.data.user.role).toBe('ADMIN');
  });
});
