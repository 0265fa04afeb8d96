import { ZPlaceNameListQuery } from '@wangge/shared/places/place-schemas';
import { Router } from 'express';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { sendSheet } from '../http/sheets';
import { buildGazetteerTemplate } from '../services/places/build-gazetteer-template';
import { listPlaceNames } from '../services/places/list-place-names';
import { XLSX_TYPE } from '../services/register/person-workbook';

/** The gazetteer's admin screen (地名库): its entries and the import template (the import: place-routes). */
export function gazetteerRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/admin/places',
    describeRoute({
      summary: '地名库条目 · The gazetteer’s entries (filter, pages)',
      query: ZPlaceNameListQuery,
      roles: ['ADMIN'],
    }),
    async (req, res) => {
      const query = parseOrThrow(ZPlaceNameListQuery, req.query, 'query');
      const user = currentUser(req);
      requireRole(user, ['ADMIN']);
      res.json({ data: await listPlaceNames(ctx, user, query) });
    },
  );
  router.get(
    '/admin/places/template',
    describeRoute({
      summary: '地名库导入模板 · The gazetteer import template (.xlsx)',
      roles: ['ADMIN'],
      produces: XLSX_TYPE,
      raw: true,
    }),
    async (req, res) => {
      requireRole(currentUser(req), ['ADMIN']);
      sendSheet(res, await buildGazetteerTemplate(), 'gazetteer-template.xlsx');
    },
  );
  return router;
}
