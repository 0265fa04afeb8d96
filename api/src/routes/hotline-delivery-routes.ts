import { ZDeliveryQuery } from '@wangge/shared/schemas/hotline';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { forbidden, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { mayManageChannels } from '../policies';
import { listHotlineDeliveries } from '../services/hotline/list-hotline-deliveries';
import { retryHotlineDelivery } from '../services/hotline/retry-hotline-delivery';

const ZId = z.object({ id: z.uuid() });

/** The 12345 platform's notification outbox for admins: list (filters, pages) and retry. */
export function hotlineDeliveryRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/admin/hotline-deliveries',
    describeRoute({
      summary: '12345 状态推送记录 · The 12345 platform’s status deliveries',
      roles: ['ADMIN'],
      query: ZDeliveryQuery,
    }),
    async (req, res) => {
      const query = parseOrThrow(ZDeliveryQuery, req.query, 'query');
      if (!mayManageChannels(currentUser(req))) throw forbidden('Only admins see the deliveries.');
      res.json({ data: await listHotlineDeliveries(ctx, query) });
    },
  );
  router.post(
    '/admin/hotline-deliveries/:id/retry',
    describeRoute({
      summary: '重试推送 · Retry a failed delivery',
      roles: ['ADMIN'],
      params: ZId,
      errors: ['DELIVERY_NOT_FAILED'],
    }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params, 'params');
      if (!mayManageChannels(currentUser(req))) throw forbidden('Only admins retry deliveries.');
      res.json({ data: await retryHotlineDelivery(ctx, id) });
    },
  );
  return router;
}
