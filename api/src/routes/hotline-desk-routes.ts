import { ZCallbackQuery, ZRevealCaller } from '@wangge/shared/schemas/hotline';
import { Router } from 'express';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { currentUser } from '../http/require-auth';
import { listCallbacks } from '../services/hotline/list-callbacks';
import { revealCaller } from '../services/hotline/reveal-caller';

/** The 12345 desk (docs/channels.md): the 回访 queue and the logged reveal of a caller's phone. */
export function hotlineDeskRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/hotline/callbacks', async (req, res) => {
    const query = parseOrThrow(ZCallbackQuery, req.query, 'query');
    res.json(await listCallbacks(ctx, currentUser(req), query));
  });
  router.post('/cases/:id/caller/reveal', async (req, res) => {
    const { purpose } = parseOrThrow(ZRevealCaller, req.body);
    res.json({ data: await revealCaller(ctx, currentUser(req), req.params.id, purpose) });
  });
  return router;
}
