import express, { Router } from 'express';
import type { AppContext } from '../context';
import { currentUser, requireRole } from '../http/require-auth';
import { importGrids } from '../services/grids/import-grids';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  // Grid files for a whole county run to tens of MB.
  router.post(
    '/grids/import',
    express.json({ limit: '100mb', type: ['application/json', 'application/geo+json'] }),
    async (req, res) => {
      requireRole(currentUser(req), ['ADMIN']);
      res.json({ data: await importGrids(ctx, req.body) });
    },
  );
  return router;
}
