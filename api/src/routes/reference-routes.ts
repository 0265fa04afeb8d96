import { COMPACT_GRIDS_TYPE } from '@wangge/shared/geo/compact-grids';
import { ZGridCode, ZLocation, ZUnitCode } from '@wangge/shared/schemas/common';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { exportGrids } from '../services/grids/export-grids';
import { getGrid } from '../services/grids/get-grid';
import { GEOJSON_TYPE, listGrids } from '../services/grids/list-grids';
import { locateInJurisdiction } from '../services/grids/locate-in-jurisdiction';
import { getUnit } from '../services/reference/get-unit';
import { listCategories, listDepartments } from '../services/reference/list-reference';

// Query values are strings: an empty one must not coerce to 0.
const ZCoordinate = z.string().trim().min(1, 'required').pipe(z.coerce.number());
const ZLocateQuery = z.object({ lon: ZCoordinate, lat: ZCoordinate }).pipe(ZLocation);

const ZUnitParams = z.object({ code: z.union([ZUnitCode, ZGridCode]) });
const ZGridParams = z.object({ code: ZGridCode });
const ZUnitQuery = z.object({ unit: ZUnitCode.optional() });

export function referenceRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/units/:code',
    describeRoute({ summary: '区划 · A unit with its chain and visible children', params: ZUnitParams }),
    async (req, res) => {
      const code = parseOrThrow(ZUnitParams, req.params, 'params').code;
      res.json({ data: await getUnit(ctx, currentUser(req), code) });
    },
  );
  router.get(
    '/grids/locate',
    describeRoute({
      summary: '定位网格 · The cell containing a point',
      query: ZLocateQuery,
      errors: ['LOCATION_OUTSIDE_GRID', 'LOCATION_OUTSIDE_JURISDICTION'],
    }),
    async (req, res) => {
      const { lon, lat } = parseOrThrow(ZLocateQuery, req.query, 'query');
      const user = currentUser(req);
      const code = locateInJurisdiction(ctx, user, lon, lat);
      const grid = await ctx.db.read.grid.findUniqueOrThrow({ where: { code } });
      const { geometry: _g, ...cell } = grid;
      res.json({ data: cell });
    },
  );
  router.get(
    '/grids',
    describeRoute({
      summary: '网格 · The cells under a unit (GeoJSON or the compact encoding)',
      query: ZUnitQuery,
      produces: 'application/geo+json',
      errors: ['NOT_FOUND'],
    }),
    async (req, res) => {
      const { unit } = parseOrThrow(ZUnitQuery, req.query, 'query');
      // GeoJSON unless the caller asks for the compact encoding (the web client does).
      const format =
        req.accepts([GEOJSON_TYPE, COMPACT_GRIDS_TYPE]) === COMPACT_GRIDS_TYPE ? 'compact' : 'geojson';
      const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : 'identity';
      const answer = await listGrids(ctx, currentUser(req), {
        unit,
        format,
        encoding,
        ifNoneMatch: req.get('if-none-match'),
      });
      // Revalidated on every use (the ETag makes that a 304); per user, so never in shared caches.
      res.set({
        'Cache-Control': 'private, no-cache',
        Vary: 'Accept, Accept-Encoding, Authorization',
        ETag: answer.etag,
      });
      if (!answer.body) {
        res.status(304).end();
        return;
      }
      res.type(answer.contentType);
      if (answer.encoding !== 'identity') res.set('Content-Encoding', answer.encoding);
      res.set('Content-Length', String(answer.body.length)).end(answer.body);
    },
  );
  // Before /grids/:code. Admins only: the file is for the GIS office's round trip.
  router.get(
    '/grids/export',
    describeRoute({
      summary: '导出网格 · The cells as a GeoJSON file',
      roles: ['ADMIN'],
      query: ZUnitQuery,
      produces: 'application/geo+json',
      errors: ['NOT_FOUND'],
    }),
    async (req, res) => {
      const { unit } = parseOrThrow(ZUnitQuery, req.query, 'query');
      const user = currentUser(req);
      requireRole(user, ['ADMIN']);
      const { scope, body } = await exportGrids(ctx, user, unit);
      res
        .type(GEOJSON_TYPE)
        .set('Content-Disposition', `attachment; filename="grids-${scope}.geojson"`)
        .set('Cache-Control', 'no-store')
        .end(body);
    },
  );
  router.get(
    '/grids/:code',
    describeRoute({ summary: '网格详情 · One cell with its geometry and 1+N team', params: ZGridParams }),
    async (req, res) => {
      const { code } = parseOrThrow(ZGridParams, req.params, 'params');
      res.json({ data: await getGrid(ctx, currentUser(req), code) });
    },
  );
  router.get(
    '/categories',
    describeRoute({ summary: '事项分类 · The case categories' }),
    async (_req, res) => {
      res.json({ data: await listCategories(ctx) });
    },
  );
  router.get(
    '/departments',
    describeRoute({ summary: '职能部门 · The departments of the caller’s unit' }),
    async (req, res) => {
      res.json({ data: await listDepartments(ctx, currentUser(req)) });
    },
  );
  return router;
}
