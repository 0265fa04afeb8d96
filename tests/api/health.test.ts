import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/health (for load balancers)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers 200 while the database answers, and 503 once the node is draining', async () => {
    const ok = await app.anonymous().get('/api/health');
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'ok', database: true, provider: app.ctx.db.provider });
    app.ctx.shuttingDown = true;
    const draining = await app.anonymous().get('/api/health');
    expect(draining.status).toBe(503);
    expect(draining.body.data.status).toBe('unavailable');
    app.ctx.shuttingDown = false;
  });

  it('answers 503 when the database does not', async () => {
    const read = app.ctx.db.read;
    app.ctx.db.read = new Proxy(read, {
      get: (target, key) =>
        key === '$queryRawUnsafe'
          ? () => Promise.reject(new Error('connection refused'))
          : Reflect.get(target, key),
    });
    try {
      const down = await app.anonymous().get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body.data.database).toBe(false);
    } finally {
      app.ctx.db.read = read;
    }
  });
});
