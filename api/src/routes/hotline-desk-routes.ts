import { ZCallbackQuery, ZRevealCaller } from '@wangge/shared/schemas/hotline';
import { Router } from 'express';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { listCallbacks } from '../services/hotline/list-callbacks';
import { revealCaller } from '../services/hotline/reveal-caller';

/** The 12345 desk (docs/channels.md): the 回访 queue and the logged reveal of a caller's phone. */
export function hotlineDeskRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/hotline/callbacks',
    describeRoute({
      summary: '回访队列 · Closed hotline cases awaiting or given a callback',
      query: ZCallbackQuery,
      raw: true,
    }),
    async (req, res) => {
      const query = parseOrThrow(ZCallbackQuery, req.query, 'query');
      res.json(await listCallbacks(ctx, currentUser(req), query));
    },
  );
  router.post(
    '/cases/:id/caller/reveal',
    describeRoute({
      summary: '查看来电号码 · Reveal a caller’s phone (logged)',
      body: ZRevealCaller,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const { purpose } = parseOrThrow(ZRevealCaller, req.body);
      res.json({ data: await revealCaller(ctx, currentUser(req), req.params.id, purpose) });
    },
  );
  return router;
}
