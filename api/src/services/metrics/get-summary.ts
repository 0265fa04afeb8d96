import type { TDashboardFrame, TKeyFigures } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { getKeyFigures } from './key-figures';
import type { Period } from './metrics-query';
import { frameOf, resolveUnitScope } from './unit-scope';

/** GET /api/metrics/summary: the key figures of a unit (key-figures.ts), the command headline's. */
export async function getSummary(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & TKeyFigures> {
  const scope = await resolveUnitScope(ctx, user, unit);
  return { ...frameOf(scope, period), ...(await getKeyFigures(ctx, scope)) };
}
