import { ZPlaceSearchQuery } from '@wangge/shared/places/place-schemas';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { sheetOf, ZImportQuery } from '../http/sheets';
import { importGazetteer } from '../services/places/import-gazetteer';
import { searchPlaces } from '../services/places/search-places';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ZGazetteerImportQuery = ZImportQuery.extend({
  /** The uploaded file's name: the places' source when a row names none. */
  name: z.string().trim().min(1).max(100).optional(),
});

/** Place search by name and the gazetteer's import (docs/channels.md, "Place search and the gazetteer"). */
export function placeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/places/search',
    describeRoute({
      summary: '地名搜索 · Search places by name (units, cells, gazetteer)',
      query: ZPlaceSearchQuery,
    }),
    async (req, res) => {
      const query = parseOrThrow(ZPlaceSearchQuery, req.query, 'query');
      res.json({ data: await searchPlaces(ctx, currentUser(req), query) });
    },
  );
  router.post(
    '/admin/places/import',
    describeRoute({
      summary: '导入地名库 · Import gazetteer names from .xlsx or CSV (all or nothing)',
      query: ZGazetteerImportQuery,
      bodyType: `${XLSX}, text/csv`,
      roles: ['ADMIN'],
      status: 201,
    }),
    async (req, res) => {
      const { dryRun, name } = parseOrThrow(ZGazetteerImportQuery, req.query, 'query');
      requireRole(currentUser(req), ['ADMIN']);
      const file = await sheetOf(req, res);
      const options = { dryRun: dryRun === 'true' || dryRun === '1', fileName: name ?? '导入' };
      const result = await importGazetteer(ctx, file, options);
      res.status(!options.dryRun && result.created + result.replaced > 0 ? 201 : 200).json({ data: result });
    },
  );
  return router;
}
