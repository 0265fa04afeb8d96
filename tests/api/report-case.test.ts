import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daySequence } from '../../api/src/case-log/case-codes';
import { loginAll, pointIn, TINY_PNG, uploadPhoto } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';
import { TEST_POSTGRES_URL } from '../support/test-database';

describe('POST /api/cases (reporting)', () => {
  let app: TestApp;
  let u: Record<
    'gridworker' | 'gridworker2' | 'hotline' | 'command.city' | 'dept.chengguan' | 'township.dispatcher',
    ApiClient
  >;
  let grid: string;
  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'hotline',
      'command.city',
      'dept.chengguan',
      'township.dispatcher',
    );
    grid = u.gridworker.user.gridCodes[0];
  });
  afterAll(() => app.close());

  const report = async (client: ApiClient, body: object, key: string | null = randomUUID()) =>
    client.post('/api/cases', body, key ? { 'idempotency-key': key } : {});
  const validBody = async (overrides: object = {}) => ({
    categoryCode: '0201',
    description: '早市摊贩占用人行道经营',
    location: await pointIn(app, grid),
    ...overrides,
  });
  const caseCount = () => app.ctx.db.read.case.count();

  it('creates a case: 201 with id, code, REPORTED, version 1 and the grid cell of the location', async () => {
    const res = await report(u.gridworker, await validBody());
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(res.body.data).toMatchObject({
      id: expect.any(String),
      code: expect.stringMatching(/^3715-20261123-\d{6}$/),
      state: 'REPORTED',
      version: 1,
      gridCode: grid,
      source: 'GRID_WORKER',
      ownerLevel: 'VILLAGE',
      ownerUnitCode: grid.slice(0, 12),
      title: '占道经营：早市摊贩占用人行道经营',
    });
    expect(res.body.data.events.map((e: { action: string }) => e.action)).toEqual(['REPORT']);
  });

  it('numbers the day on from the last code, past six digits (the code stored is the one answered)', async () => {
    if (app.ctx.db.provider === 'sqlite')
      await app.ctx.db.write.caseCodeCounter.upsert({
        where: { day: '20261123' },
        create: { day: '20261123', last: 999_998 },
        update: { last: 999_998 },
      });
    else {
      // PostgreSQL draws from the day's sequence (case-log/case-codes.ts).
      const sequence = daySequence('20261123');
      await app.ctx.db.write.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS "${sequence}"`);
      await app.ctx.db.write.$queryRawUnsafe(`SELECT setval('"${sequence}"', 999998)`);
    }
    const first = await report(u.gridworker, await validBody());
    const second = await report(u.gridworker, await validBody());
    expect([first.body.data.code, second.body.data.code]).toEqual([
      '3715-20261123-999999',
      '3715-20261123-1000000',
    ]);
    const stored = await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: second.body.data.id } });
    expect(stored.code).toBe('3715-20261123-1000000');
  });

  it.skipIf(!TEST_POSTGRES_URL)(
    "PostgreSQL: a day's first reports, racing, create its sequence once, after the day's counter row",
    async () => {
      // A day that already had reports through the counter row (an upgrade during the day).
      await app.ctx.db.write.caseCodeCounter.create({ data: { day: '20261125', last: 41 } });
      const before = app.clock.now();
      app.clock.set(new Date('2026-11-25T02:00:00Z'));
      try {
        const worker = await app.as('gridworker'); // signed in on that day
        const codes = await Promise.all(
          Array.from({ length: 8 }, async () => {
            const res = await report(worker, await validBody());
            expect(res.body.error ?? null).toBeNull();
            return res.body.data.code;
          }),
        );
        expect(codes.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `3715-20261125-0000${42 + i}`));
      } finally {
        app.clock.set(before);
      }
    },
  );

  it('answers 400 listing every problem at once, the header included', async () => {
    const before = await caseCount();
    const res = await report(
      u.gridworker,
      { categoryCode: 'abc', description: '  ', location: { lon: 181, lat: 36.4 } },
      null,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'categoryCode',
      'description',
      'location.lon',
      'headers.idempotency-key',
    ]);
    const badKey = await report(u.gridworker, await validBody(), 'short');
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'headers.idempotency-key',
    ]);
    expect(await caseCount()).toBe(before);
  });

  it('answers 400 for an unknown category', async () => {
    const res = await report(u.gridworker, await validBody({ categoryCode: '9999' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The request is invalid.',
      details: [{ path: 'categoryCode', message: 'no such active category' }],
    });
  });

  it('answers 422 LOCATION_OUTSIDE_GRID outside the city', async () => {
    const res = await report(u.hotline, await validBody({ location: { lon: 121.47, lat: 31.23 } }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LOCATION_OUTSIDE_GRID');
  });

  it('answers 422 LOCATION_OUTSIDE_JURISDICTION when a grid worker reports in the other township', async () => {
    const before = await caseCount();
    const elsewhere = await pointIn(app, u.gridworker2.user.gridCodes[0]);
    const res = await report(u.gridworker, await validBody({ location: elsewhere }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LOCATION_OUTSIDE_JURISDICTION');
    expect(await caseCount()).toBe(before);
  });

  it('refuses roles that take no reports with 403 (viewer, department staff)', async () => {
    for (const client of [u['command.city'], u['dept.chengguan']]) {
      const res = await report(client, await validBody());
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('records the hotline channel for a hotline report anywhere in the city', async () => {
    const res = await report(
      u.hotline,
      await validBody({ location: await pointIn(app, u.gridworker2.user.gridCodes[0]) }),
    );
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ source: 'HOTLINE', gridCode: u.gridworker2.user.gridCodes[0] });
  });

  it('lets only the hotline (and admins) choose the source; other roles report on their own channel', async () => {
    const village = await app.as('village.operator');
    const body = await validBody({ source: 'HOTLINE' });
    const byStation = await report(village, body);
    expect(byStation.status).toBe(201);
    expect(byStation.body.data.source).toBe('CITIZEN');
    const byWorker = await report(u.gridworker, body);
    expect(byWorker.body.data.source).toBe('GRID_WORKER');
    const byHotline = await report(u.hotline, await validBody({ source: 'CITIZEN' }));
    expect(byHotline.body.data.source).toBe('CITIZEN');
  });

  describe('idempotency', () => {
    it('replays the same key and body: 200, Idempotent-Replayed: true, the same case', async () => {
      const key = randomUUID();
      const body = await validBody({ description: '重复提交的上报' });
      const first = await report(u.gridworker, body, key);
      const before = await caseCount();
      const again = await report(u.gridworker, body, key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.data.id).toBe(first.body.data.id);
      expect(again.body.data.code).toBe(first.body.data.code);
      // One shape for a report, new or replayed, and the same as GET /api/cases/:id.
      const read = await u.gridworker.get(`/api/cases/${first.body.data.id}`);
      expect(Object.keys(first.body.data).sort()).toEqual(Object.keys(read.body.data).sort());
      expect(again.body.data).toEqual(read.body.data);
      expect(first.body.data).toEqual(read.body.data);
      expect(await caseCount()).toBe(before);
    });

    it('refuses the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = randomUUID();
      expect((await report(u.gridworker, await validBody(), key)).status).toBe(201);
      const before = await caseCount();
      const res = await report(u.gridworker, await validBody({ description: '另一件事' }), key);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await caseCount()).toBe(before);
    });

    it('scopes keys per user: the same key from another user is a new report', async () => {
      const key = randomUUID();
      const body = await validBody();
      const a = await report(u.gridworker, body, key);
      const b = await report(u.hotline, body, key);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.data.id).not.toBe(a.body.data.id);
    });

    it('creates exactly one case for 20 concurrent posts with one key', async () => {
      const key = randomUUID();
      const body = await validBody({ description: '网络不稳，客户端连发二十次' });
      const before = await caseCount();
      const responses = await Promise.all(Array.from({ length: 20 }, () => report(u.gridworker, body, key)));
      expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([
        ...Array<number>(19).fill(200),
        201,
      ]);
      const ids = new Set(responses.map((r) => r.body.data.id));
      expect(ids.size).toBe(1);
      expect(await caseCount()).toBe(before + 1);
      const id = [...ids][0]!;
      expect(await app.ctx.db.read.caseEvent.count({ where: { caseId: id } })).toBe(1);
      for (const r of responses.filter((x) => x.status === 200)) {
        expect(r.headers.get('idempotent-replayed')).toBe('true');
      }
    });
  });

  describe('attachments', () => {
    it('rejects an upload whose bytes do not match its declared type with 415', async () => {
      const res = await u.gridworker.send('POST', '/api/attachments', {
        body: new Uint8Array(TINY_PNG),
        headers: { 'content-type': 'image/jpeg' },
      });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 400, not 500, for a malformed X-File-Name header', async () => {
      const res = await u.gridworker.send('POST', '/api/attachments', {
        body: new Uint8Array(TINY_PNG),
        headers: { 'content-type': 'image/png', 'x-file-name': '%E0%A4%A' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['headers.x-file-name']);
      const named = await u.gridworker.send('POST', '/api/attachments', {
        body: new Uint8Array(TINY_PNG),
        headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('现场照片.png') },
      });
      expect(named.status).toBe(201);
      expect(named.body.data.fileName).toBe('现场照片.png');
    });

    it('links an uploaded photo to the REPORT event; the township can fetch it, the other cannot', async () => {
      const photo = await uploadPhoto(u.gridworker);
      const res = await report(u.gridworker, await validBody({ attachmentIds: [photo] }));
      expect(res.status).toBe(201);
      const [reportEvent] = res.body.data.events;
      expect(reportEvent.action).toBe('REPORT');
      expect(reportEvent.attachments).toEqual([
        {
          id: photo,
          mime: 'image/png',
          size: TINY_PNG.length,
          fileName: 'photo.png',
          url: `/api/attachments/${photo}`,
        },
      ]);
      const file = await fetch(`${app.baseUrl}/api/attachments/${photo}`, {
        headers: { authorization: `Bearer ${u['township.dispatcher'].token}` },
      });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer()).equals(TINY_PNG)).toBe(true);
      expect((await u.gridworker2.get(`/api/attachments/${photo}`)).status).toBe(404);

      // Once linked it cannot be reused for another report.
      const reuse = await report(u.gridworker, await validBody({ attachmentIds: [photo] }));
      expect(reuse.status).toBe(400);
      expect(reuse.body.error.details).toEqual([
        { path: 'attachmentIds.0', message: 'already attached to a case' },
      ]);
    });

    it("refuses a forged id and another user's upload with 400, writing nothing", async () => {
      const before = await caseCount();
      const events = await app.ctx.db.read.caseEvent.count();
      const othersPhoto = await uploadPhoto(u.hotline);
      const forged = await report(u.gridworker, await validBody({ attachmentIds: [randomUUID()] }));
      expect(forged.status).toBe(400);
      expect(forged.body.error.code).toBe('VALIDATION_FAILED');
      expect(forged.body.error.details).toEqual([
        { path: 'attachmentIds.0', message: 'no such upload of yours' },
      ]);
      const mine = await uploadPhoto(u.gridworker);
      const stolen = await report(u.gridworker, await validBody({ attachmentIds: [mine, othersPhoto] }));
      expect(stolen.status).toBe(400);
      expect(stolen.body.error.details).toEqual([
        { path: 'attachmentIds.1', message: 'no such upload of yours' },
      ]);
      expect(await caseCount()).toBe(before);
      expect(await app.ctx.db.read.caseEvent.count()).toBe(events);
      const rows = await app.ctx.db.read.attachment.findMany({ where: { id: { in: [mine, othersPhoto] } } });
      expect(rows.map((a) => a.caseId)).toEqual([null, null]);
    });
  });
});
