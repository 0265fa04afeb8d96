import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { listNotifications, markNotificationsRead } from '../services/notifications/notifications';
import { removePushSubscription, savePushSubscription } from '../services/notifications/push-subscriptions';

const ZRead = z
  .object({
    upToSeq: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();
const ZSubscription = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2000),
    keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
  })
  .strip();
const ZPushKey = z.object({ publicKey: z.string().nullable() });
const ZEndpoint = z.object({ endpoint: z.string().min(1).max(2000) }).strict();

/** The bell (in-app notifications) and the Web Push subscriptions of the signed-in user. */
export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/notifications',
    describeRoute({ summary: '通知 · The bell: the caller’s notifications' }),
    async (req, res) => {
      res.json({ data: await listNotifications(ctx, currentUser(req)) });
    },
  );
  router.post(
    '/notifications/read',
    describeRoute({ summary: '标记已读 · Mark notifications read up to a sequence number', body: ZRead }),
    async (req, res) => {
      const { upToSeq } = parseOrThrow(ZRead, req.body);
      res.json({ data: await markNotificationsRead(ctx, currentUser(req), upToSeq) });
    },
  );
  router.get(
    '/notifications/push-key',
    describeRoute({ summary: '推送公钥 · The Web Push public key (null: off)', data: ZPushKey }),
    (_req, res) => {
      res.json({ data: { publicKey: ctx.push.publicKey } });
    },
  );
  router.post(
    '/notifications/push-subscriptions',
    describeRoute({
      summary: '订阅推送 · Save a Web Push subscription',
      body: ZSubscription,
      status: 201,
      errors: ['RULE_VIOLATION'],
    }),
    async (req, res) => {
      if (!ctx.push.enabled)
        throw new AppError('RULE_VIOLATION', 'Web Push is not configured on this server.');
      const body = parseOrThrow(ZSubscription, req.body);
      await savePushSubscription(ctx, currentUser(req), body);
      res.status(201).json({ data: { endpoint: body.endpoint } });
    },
  );
  router.delete(
    '/notifications/push-subscriptions',
    describeRoute({ summary: '取消推送 · Remove a Web Push subscription', body: ZEndpoint, status: 204 }),
    async (req, res) => {
      const { endpoint } = parseOrThrow(ZEndpoint, req.body);
      await removePushSubscription(ctx, currentUser(req), endpoint);
      res.status(204).end();
    },
  );
  return router;
}
