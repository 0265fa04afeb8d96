import { ZUnitCode } from '@wangge/shared/schemas/common';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { listCaseMarkers } from '../services/stats/case-markers';
import { getGridStats } from '../services/stats/grid-stats';

/** Roles that watch the live map (not field staff: grid workers, department staff). */
const MAP_ROLES = ['ADMIN', 'VIEWER', 'DISPATCHER', 'STATION_OPERATOR', 'HOTLINE'] as const;
const ZUnitQuery = z.object({ unit: ZUnitCode.optional() });

export function statsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/stats/grids',
    describeRoute({
      summary: '网格统计 · Open and overdue cases per cell',
      roles: MAP_ROLES,
      query: ZUnitQuery,
      errors: ['NOT_FOUND'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      requireRole(user, MAP_ROLES);
      const { unit } = parseOrThrow(ZUnitQuery, req.query, 'query');
      res.json({ data: await getGridStats(ctx, user, unit) });
    },
  );
  router.get(
    '/stats/cases',
    describeRoute({
      summary: '案件点位 · Open cases as map markers',
      roles: MAP_ROLES,
      query: ZUnitQuery,
      errors: ['NOT_FOUND'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      requireRole(user, MAP_ROLES);
      const { unit } = parseOrThrow(ZUnitQuery, req.query, 'query');
      res.json({ data: await listCaseMarkers(ctx, user, unit) });
    },
  );
  return router;
}
