import { ZUnitCode } from '@wangge/shared/schemas/common';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { currentUser, requireRole } from '../http/require-auth';
import { getGridStats } from '../services/stats/grid-stats';

export function statsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/stats/grids', async (req, res) => {
    const user = currentUser(req);
    requireRole(user, ['ADMIN', 'VIEWER', 'DISPATCHER', 'STATION_OPERATOR', 'HOTLINE']);
    const { unit } = parseOrThrow(z.object({ unit: ZUnitCode.optional() }), req.query, 'query');
    res.json({ data: await getGridStats(ctx, user, unit) });
  });
  return router;
}
