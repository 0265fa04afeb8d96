import { createECDH, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { actOk, dispatchedCase, loginAll } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const kinds = (res: { body: any }) => res.body.data.items.map((n: any) => `${n.kind}:${n.action}`);

describe('notifications (the bell)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('tells the reporter, the offered department and nobody else; read marks only move forward', async () => {
    const p = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.gongan',
      'township2.dispatcher',
    );
    const parties = {
      worker: p.gridworker,
      village: p['village.operator'],
      township: p['township.dispatcher'],
    };
    const c = await dispatchedCase(app, parties, '371502-CHENGGUAN');

    // The worker: each step of their report after the report itself, newest first, unread.
    const worker = await p.gridworker.get('/api/notifications');
    expect(worker.status).toBe(200);
    expect(kinds(worker)).toEqual([
      'REPORT_MOVED:DISPATCH',
      'REPORT_MOVED:REGISTER',
      'REPORT_MOVED:ESCALATE',
      'REPORT_MOVED:REGISTER',
    ]);
    expect(worker.body.data.unread).toBe(4);
    expect(worker.body.data.items[0]).toMatchObject({
      caseId: c.id,
      caseCode: c.code,
      toState: 'DISPATCHED',
    });
    expect(worker.body.data.items[0].actorName).not.toBe('');

    // The department the task went to; not another department, not another township.
    expect(kinds(await p['dept.chengguan'].get('/api/notifications'))).toEqual(['TASK_OFFERED:DISPATCH']);
    expect(kinds(await p['dept.gongan'].get('/api/notifications'))).toEqual([]);
    expect(kinds(await p['township2.dispatcher'].get('/api/notifications'))).toEqual([]);
    // Nobody is told of their own doing.
    expect(kinds(await p['township.dispatcher'].get('/api/notifications'))).toEqual([]);

    const newest = worker.body.data.items[0].seq;
    const read = await p.gridworker.post('/api/notifications/read', { upToSeq: newest });
    expect(read.body.data.lastReadSeq).toBe(newest);
    const after = await p.gridworker.get('/api/notifications');
    expect(after.body.data.unread).toBe(0);
    expect(after.body.data.items.every((n: any) => n.read)).toBe(true);
    // A late request from another tab cannot make them unread again.
    await p.gridworker.post('/api/notifications/read', { upToSeq: 1 });
    expect((await p.gridworker.get('/api/notifications')).body.data.unread).toBe(0);

    // The department claims and feeds back: the reporter hears of the feedback.
    let d = await actOk(p['dept.chengguan'], c, 'CLAIM');
    d = await actOk(p['dept.chengguan'], d, 'FEEDBACK', { note: '已处理' });
    const later = await p.gridworker.get('/api/notifications');
    expect(kinds(later)[0]).toBe('REPORT_MOVED:FEEDBACK');
    expect(later.body.data.unread).toBe(1);
  });

  it('refuses a bad read mark with every problem listed', async () => {
    const worker = await app.as('gridworker');
    const bad = await worker.post('/api/notifications/read', { upToSeq: -1, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['(root)', 'upToSeq']);
  });

  it('says there is no Web Push without keys, and refuses a subscription', async () => {
    const worker = await app.as('gridworker');
    expect((await worker.get('/api/notifications/push-key')).body.data.publicKey).toBeNull();
    const res = await worker.post('/api/notifications/push-subscriptions', {
      endpoint: 'https://push.example/abc',
      keys: { p256dh: 'x'.repeat(40), auth: 'y'.repeat(16) },
    });
    expect(res.status).toBe(422);
  });
});

describe('Web Push (web-push, VAPID, to a real local push service)', () => {
  let app: TestApp;
  const received: { path: string; headers: IncomingMessage['headers']; bytes: number }[] = [];
  let answer = 201;
  // web-push speaks only HTTPS: a local push service with a self-signed certificate, trusted
  // through the sender's agent (verification stays on).
  const tls = (f: string) => readFileSync(new URL(`../support/tls/${f}`, import.meta.url));
  const service = createServer(
    { key: tls('localhost-key.pem'), cert: tls('localhost-cert.pem') },
    (req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, bytes });
        res.writeHead(answer).end();
      });
    },
  );
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(service.address() as AddressInfo).port}`;
    const keys = webpush.generateVAPIDKeys();
    app = await startTestApp({
      pushAgent: new Agent({ ca: tls('localhost-cert.pem') }),
      env: {
        WEB_PUSH_PUBLIC_KEY: keys.publicKey,
        WEB_PUSH_PRIVATE_KEY: keys.privateKey,
        WEB_PUSH_SUBJECT: 'mailto:ops@example.gov.cn',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    service.close();
  });

  /** A browser's subscription: a P-256 key pair and an auth secret, as PushManager makes them. */
  const subscription = (path: string) => ({
    endpoint: `${base}${path}`,
    keys: {
      p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('sends one encrypted message to the subscribed person an event concerns, and drops a gone subscription', async () => {
    const p = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'dept.gongan',
    );
    expect((await p.gridworker.get('/api/notifications/push-key')).body.data.publicKey).toMatch(
      /^[A-Za-z0-9_-]{80,}$/,
    );
    expect(
      (await p['dept.chengguan'].post('/api/notifications/push-subscriptions', subscription('/push/cg')))
        .status,
    ).toBe(201);
    expect(
      (await p['dept.gongan'].post('/api/notifications/push-subscriptions', subscription('/push/ga'))).status,
    ).toBe(201);

    const parties = {
      worker: p.gridworker,
      village: p['village.operator'],
      township: p['township.dispatcher'],
    };
    await dispatchedCase(app, parties, '371502-CHENGGUAN');
    await until(() => received.length > 0);
    await new Promise((r) => setTimeout(r, 200)); // nothing more should come
    expect(received.map((r) => r.path)).toEqual(['/push/cg']);
    const [msg] = received;
    expect(msg!.headers['content-encoding']).toBe('aes128gcm');
    expect(msg!.headers.authorization).toMatch(/^vapid t=.+, k=/);
    expect(Number(msg!.headers.ttl)).toBeGreaterThan(0);
    expect(msg!.bytes).toBeGreaterThan(100); // encrypted, never the plain JSON

    // The push service says the browser dropped it (410): the subscription goes.
    answer = 410;
    received.length = 0;
    await dispatchedCase(app, parties, '371502-CHENGGUAN');
    await until(() => received.length > 0);
    for (let i = 0; i < 50; i++) {
      if ((await app.ctx.db.read.pushSubscription.count({ where: { endpoint: `${base}/push/cg` } })) === 0)
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await app.ctx.db.read.pushSubscription.count({ where: { endpoint: `${base}/push/cg` } })).toBe(0);
    expect(await app.ctx.db.read.pushSubscription.count({ where: { endpoint: `${base}/push/ga` } })).toBe(1);
  });

  it('fails quietly when no push service answers: the action succeeds', async () => {
    const p = await loginAll(app, 'gridworker', 'village.operator', 'township.dispatcher', 'dept.chengguan');
    await p['dept.chengguan'].post('/api/notifications/push-subscriptions', {
      ...subscription('/x'),
      endpoint: 'http://127.0.0.1:1/unreachable',
    });
    const parties = {
      worker: p.gridworker,
      village: p['village.operator'],
      township: p['township.dispatcher'],
    };
    const c = await dispatchedCase(app, parties, '371502-CHENGGUAN');
    expect(c.state).toBe('DISPATCHED');
  });
});
