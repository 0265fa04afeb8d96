import type { TDashboardFrame } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import type { Period } from './metrics-query';
import { type MetricsScope, resolveMetricsScope } from './metrics-scope';

/**
 * The unit a dashboard read is about, as the access policy allows it (metrics-scope.ts: the
 * caller's subtree, clipped to the cases they may open; anything else 404). No unit: the
 * caller's home unit.
 */
export function resolveUnitScope(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
): Promise<MetricsScope> {
  return resolveMetricsScope(ctx, user, unit ? { kind: 'unit', code: unit } : { kind: 'default' });
}

/** The scope and period an answer names. */
export function frameOf(scope: MetricsScope, period: Period): TDashboardFrame {
  return { scope: { kind: scope.kind, id: scope.id, name: scope.name }, from: period.from, to: period.to };
}
