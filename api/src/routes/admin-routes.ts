import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { importGrids, withGridImportLock } from '../services/grids/import-grids';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  // Checked before the (large) body is read: only admins may make the server parse it.
  const adminOnly: RequestHandler = (req, _res, next) => {
    requireRole(currentUser(req), ['ADMIN']);
    next();
  };
  // Grid files for a whole county run to tens of MB: read as bytes (limit GRID_IMPORT_MAX_MB),
  // parsed and checked in a worker thread, one import at a time per node (409 meanwhile, before
  // the body is read).
  const limitMb = Math.round((ctx.config.gridImportMaxBytes / 2 ** 20) * 100) / 100;
  const readGridFile = express.raw({
    limit: ctx.config.gridImportMaxBytes,
    type: ['application/json', 'application/geo+json'],
  });
  const readBody = (req: Request, res: Response) =>
    new Promise<Buffer>((resolve, reject) => {
      readGridFile(req, res, (error?: unknown) => {
        if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
          reject(
            new AppError(
              'PAYLOAD_TOO_LARGE',
              `The grid file is larger than the limit of ${limitMb} MB (GRID_IMPORT_MAX_MB); split it by county or township.`,
            ),
          );
        } else if (error) reject(error);
        else if (!Buffer.isBuffer(req.body)) {
          reject(
            new AppError(
              'UNSUPPORTED_MEDIA_TYPE',
              'Send the grid file as application/json or application/geo+json.',
            ),
          );
        } else resolve(req.body);
      });
    });
  const ZImportQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });
  router.post(
    '/grids/import',
    describeRoute({
      summary: '导入网格 · Import grid cells (GeoJSON; dry run writes nothing)',
      roles: ['ADMIN'],
      query: ZImportQuery,
      bodyType: 'application/geo+json, application/json',
      errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'INVALID_STATE'],
    }),
    adminOnly,
    async (req, res) => {
      const { dryRun } = parseOrThrow(ZImportQuery, req.query, 'query');
      const options = { dryRun: dryRun === 'true' || dryRun === '1' };
      const result = await withGridImportLock(ctx, async () =>
        importGrids(ctx, await readBody(req, res), options),
      );
      res.json({ data: result });
    },
  );
  return router;
}
