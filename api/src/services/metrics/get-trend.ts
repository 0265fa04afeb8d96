import type { TDashboardFrame, TTrendDay } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { countFlowsByDay } from './flow-counts-sql';
import type { Period } from './metrics-query';
import { frameOf, resolveUnitScope } from './unit-scope';

/** GET /api/metrics/trend: reported, closed and newly overdue cases per day of the period. */
export async function getTrend(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & { days: TTrendDay[] }> {
  const scope = await resolveUnitScope(ctx, user, unit);
  const days = await countFlowsByDay((sql) => ctx.db.read.$queryRaw(sql), scope, period);
  return { ...frameOf(scope, period), days };
}
