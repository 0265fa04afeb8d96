import { ZDashboardQuery } from '@wangge/shared/schemas/dashboard';
import { Router } from 'express';
import type { AppContext } from '../context';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import type { AuthUser } from '../services/auth/auth-user';
import { compareChildUnits } from '../services/metrics/compare-child-units';
import { getSummary } from '../services/metrics/get-summary';
import { getTrend } from '../services/metrics/get-trend';
import { listAlarms } from '../services/metrics/list-alarms';
import { listHotCells } from '../services/metrics/list-hot-cells';
import { listTopCategories } from '../services/metrics/list-top-categories';
import { parseDashboardQuery } from '../services/metrics/metrics-query';

/**
 * Who may read a unit's figures (policies/aggregates: grid workers and department staff count
 * only their cells, department or selves), the same roles that watch the live map.
 */
type DashboardQuery = ReturnType<typeof parseDashboardQuery>;
const DASHBOARD_ROLES = ['ADMIN', 'VIEWER', 'DISPATCHER', 'STATION_OPERATOR', 'HOTLINE'] as const;

/** 领导驾驶舱: the dashboard's reads over one unit (docs/metrics.md, "Dashboard"). */
export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Validate → authorize → (the service resolves the unit through the access policy). */
  const read = (
    path: string,
    summary: string,
    serve: (user: AuthUser, q: DashboardQuery) => Promise<unknown>,
  ) =>
    router.get(
      path,
      describeRoute({ summary, roles: DASHBOARD_ROLES, query: ZDashboardQuery }),
      async (req, res) => {
        const user = currentUser(req);
        const q = parseDashboardQuery(req.query, ctx.clock.now());
        requireRole(user, DASHBOARD_ROLES);
        res.json({ data: await serve(user, q) });
      },
    );
  read('/metrics/summary', '关键指标 · The key figures', (user, q) =>
    getSummary(ctx, user, q.unit, q.period),
  );
  read('/metrics/trend', '趋势 · Reported, closed and overdue per day', (user, q) =>
    getTrend(ctx, user, q.unit, q.period),
  );
  read('/metrics/top-categories', '高发事项 · Top 10 categories', (user, q) =>
    listTopCategories(ctx, user, q.unit, q.period),
  );
  read('/metrics/hot-cells', '高发网格 · Top 10 cells', (user, q) =>
    listHotCells(ctx, user, q.unit, q.period),
  );
  read('/metrics/units', '下级对比 · The indicators of each unit below', (user, q) =>
    compareChildUnits(ctx, user, q.unit, q.period),
  );
  read('/metrics/alarms', '预警 · Red and yellow cards, the most urgent cases', (user, q) =>
    listAlarms(ctx, user, q.unit),
  );
  return router;
}
