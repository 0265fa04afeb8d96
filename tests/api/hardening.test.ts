import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath } from '../../api/src/services/attachments/store-attachment';
import { pointIn } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('hardening found in review', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('counts parallel login guesses: a burst cannot slip past the throttle', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.anonymous().post('/api/auth/login', {
          username: 'village2.operator',
          password: i === 29 ? 'demo1234' : `x${i}`,
        }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
  });

  it('refuses a non-admin before reading a large import body', async () => {
    const worker = await app.as('gridworker');
    const res = await worker.send('POST', '/api/admin/grids/import', {
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(403);
  });

  it('answers 4xx, not 500, for malformed URLs and unsupported encodings', async () => {
    const worker = await app.as('gridworker');
    expect((await worker.get('/api/cases/%E0%A4%A')).status).toBe(400);
    const res = await app.anonymous().send('POST', '/api/auth/login', {
      body: '{}',
      headers: { 'content-type': 'application/json; charset=latin-9' },
    });
    expect(res.status).toBe(415);
  });

  it('stores identical uploads sent at once, and answers 404 when a stored file is gone', async () => {
    const worker = await app.as('gridworker');
    const uploads = await Promise.all(
      Array.from({ length: 8 }, () =>
        worker.send('POST', '/api/attachments', { body: PNG, headers: { 'content-type': 'image/png' } }),
      ),
    );
    expect(uploads.map((u) => u.status)).toEqual(Array(8).fill(201));
    const a = await app.ctx.db.read.attachment.findUniqueOrThrow({ where: { id: uploads[0]!.body.data.id } });
    await rm(attachmentPath(app.ctx.config.attachmentsDir, a.sha256));
    expect((await worker.get(`/api/attachments/${a.id}`)).status).toBe(404);
    expect((await app.anonymous().get('/api/health')).status).toBe(200); // still alive
  });

  it('does not locate points outside the caller’s jurisdiction', async () => {
    const other = (await app.as('gridworker2')).user.gridCodes[0];
    const p = await pointIn(app, other);
    const township = await app.as('township.dispatcher');
    const res = await township.get(`/api/grids/locate?lon=${p.lon}&lat=${p.lat}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LOCATION_OUTSIDE_JURISDICTION');
    const county = await app.as('county.dispatcher');
    expect((await county.get(`/api/grids/locate?lon=${p.lon}&lat=${p.lat}`)).body.data.code).toBe(other);
    void randomUUID;
  });
});
