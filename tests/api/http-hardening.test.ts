import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath } from '../../api/src/services/attachments/store-attachment';
import { sweepUnlinkedAttachments } from '../../api/src/services/attachments/sweep-attachments';
import { pointIn, TINY_PNG, uploadPhoto } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const upload = (client: ApiClient, bytes: Buffer, type: string, name: string) =>
  client.send('POST', '/api/attachments', {
    body: new Uint8Array(bytes),
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });

describe('HTTP hardening: headers, attachments as downloads, upload quota, unlinked sweep', () => {
  let app: TestApp;
  let worker: ApiClient;
  beforeAll(async () => {
    // A quota of 1 KB: a handful of tiny files fit, a larger one does not.
    app = await startTestApp({ env: { UPLOAD_QUOTA_MB: String(1 / 1024) } });
    worker = await app.as('gridworker');
  });
  afterAll(() => app?.close());

  it('sends the security headers on API answers, errors included', async () => {
    for (const res of [
      await worker.get('/api/me'),
      await app.anonymous().get('/api/cases'),
      await app.anonymous().get('/api/nope'),
    ]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Plain HTTP here: no HSTS (it would pin a deployment without TLS to https).
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('sends HSTS when the request came over TLS through a trusted proxy', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const res = await proxied
        .anonymous()
        .send('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });

  it('serves a PDF only as a download, a photo inline', async () => {
    const pdf = await upload(worker, PDF, 'application/pdf', '现场说明.pdf');
    expect(pdf.status).toBe(201);
    const got = await worker.send('GET', `/api/attachments/${pdf.body.data.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('现场说明.pdf')}`,
    );
    const photo = await uploadPhoto(worker);
    const img = await worker.send('GET', `/api/attachments/${photo}`);
    expect(img.headers.get('content-disposition')).toBeNull();
    expect(img.headers.get('content-type')).toBe('image/png');
  });

  it('refuses an upload past the daily quota (422, saying how much), and keeps nothing of it', async () => {
    const before = await app.ctx.db.read.attachment.count({ where: { uploaderId: worker.user.id } });
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(1200, 1)]);
    const res = await upload(worker, big, 'image/png', 'big.png');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATION');
    expect(res.body.error.details[0].message).toMatch(/quota/);
    expect(await app.ctx.db.read.attachment.count({ where: { uploaderId: worker.user.id } })).toBe(before);
    // Another user's quota is their own.
    expect((await upload(await app.as('gridworker2'), TINY_PNG, 'image/png', 'p.png')).status).toBe(201);
  });

  it('sweeps uploads never linked to a case after a day, and keeps linked ones and their files', async () => {
    const other = await app.as('village.operator');
    const linkedId = await uploadPhoto(worker, Buffer.concat([TINY_PNG, Buffer.from('linked')]));
    const reported = await worker.post(
      '/api/cases',
      {
        categoryCode: '0201',
        description: '带照片的上报',
        location: await pointIn(app, worker.user.gridCodes[0]),
        attachmentIds: [linkedId],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(reported.status).toBe(201);
    const c = reported.body.data;
    const orphanBytes = Buffer.concat([TINY_PNG, Buffer.from('orphan')]);
    const orphan = await upload(other, orphanBytes, 'image/png', 'orphan.png');
    expect(orphan.status).toBe(201);
    const orphanRow = await app.ctx.db.read.attachment.findUniqueOrThrow({
      where: { id: orphan.body.data.id },
    });
    const file = attachmentPath(app.ctx.config.attachmentsDir, orphanRow.sha256);
    expect(existsSync(file)).toBe(true);

    // Not yet a day: nothing goes.
    app.clock.advance(23 * 3_600_000);
    await sweepUnlinkedAttachments(app.ctx);
    expect(await app.ctx.db.read.attachment.count({ where: { id: orphanRow.id } })).toBe(1);

    // A day later, with the file's own age past the day too (the clock is manual; the file's is not).
    app.clock.advance(2 * 3_600_000);
    const { utimes } = await import('node:fs/promises');
    const old = new Date(app.clock.now().getTime() - 26 * 3_600_000);
    await utimes(file, old, old);
    const swept = await sweepUnlinkedAttachments(app.ctx);
    expect(swept.rows).toBeGreaterThanOrEqual(1);
    expect(await app.ctx.db.read.attachment.count({ where: { id: orphanRow.id } })).toBe(0);
    expect(existsSync(file)).toBe(false);
    const linked = await app.ctx.db.read.attachment.findUniqueOrThrow({ where: { id: linkedId } });
    expect(linked.caseId).toBe(c.id);
    expect(existsSync(attachmentPath(app.ctx.config.attachmentsDir, linked.sha256))).toBe(true);
  });
});
