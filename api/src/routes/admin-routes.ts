import express, { type RequestHandler, Router } from 'express';
import type { AppContext } from '../context';
import { currentUser, requireRole } from '../http/require-auth';
import { importGrids } from '../services/grids/import-grids';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  // Checked before the (large) body is read: only admins may make the server parse it.
  const adminOnly: RequestHandler = (req, _res, next) => {
    requireRole(currentUser(req), ['ADMIN']);
    next();
  };
  // Grid files for a whole county run to tens of MB.
  router.post(
    '/grids/import',
    adminOnly,
    express.json({ limit: '100mb', type: ['application/json', 'application/geo+json'] }),
    async (req, res) => {
      requireRole(currentUser(req), ['ADMIN']);
      res.json({ data: await importGrids(ctx, req.body) });
    },
  );
  return router;
}
