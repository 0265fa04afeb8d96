import { ZGridCode, ZLocation, ZUnitCode } from '@wangge/shared/schemas/common';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { currentUser } from '../http/require-auth';
import { getGrid } from '../services/grids/get-grid';
import { listGrids } from '../services/grids/list-grids';
import { locateInJurisdiction } from '../services/grids/locate-in-jurisdiction';
import { getUnit } from '../services/reference/get-unit';
import { listCategories, listDepartments } from '../services/reference/list-reference';

// Query values are strings: an empty one must not coerce to 0.
const ZCoordinate = z.string().trim().min(1, 'required').pipe(z.coerce.number());
const ZLocateQuery = z.object({ lon: ZCoordinate, lat: ZCoordinate }).pipe(ZLocation);

export function referenceRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/units/:code', async (req, res) => {
    const code = parseOrThrow(z.object({ code: z.union([ZUnitCode, ZGridCode]) }), req.params, 'params').code;
    res.json({ data: await getUnit(ctx, currentUser(req), code) });
  });
  router.get('/grids/locate', async (req, res) => {
    const { lon, lat } = parseOrThrow(ZLocateQuery, req.query, 'query');
    const user = currentUser(req);
    const code = locateInJurisdiction(ctx, user, lon, lat);
    const grid = await ctx.db.read.grid.findUniqueOrThrow({ where: { code } });
    const { geometry: _g, ...cell } = grid;
    res.json({ data: cell });
  });
  router.get('/grids', async (req, res) => {
    const { unit } = parseOrThrow(z.object({ unit: ZUnitCode.optional() }), req.query, 'query');
    const collection = await listGrids(ctx, currentUser(req), unit);
    res.type('application/geo+json').send(JSON.stringify(collection));
  });
  router.get('/grids/:code', async (req, res) => {
    const { code } = parseOrThrow(z.object({ code: ZGridCode }), req.params, 'params');
    res.json({ data: await getGrid(ctx, currentUser(req), code) });
  });
  router.get('/categories', async (_req, res) => {
    res.json({ data: await listCategories(ctx) });
  });
  router.get('/departments', async (req, res) => {
    res.json({ data: await listDepartments(ctx, currentUser(req)) });
  });
  return router;
}
