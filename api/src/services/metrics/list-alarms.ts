import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { overdueWhere, yellowWhere } from './alarm-definitions';
import { countLive } from './count-live';
import { resolveUnitScope } from './unit-scope';

/** How many cases the alarm wall lists (the counts cover them all). */
const WALL_LENGTH = 50;

/**
 * GET /api/metrics/alarms: the alarm wall — how many open cases of the unit are past their
 * step deadline (red) or have their yellow card due (yellow) now (the key figures' own counts,
 * count-live.ts), and the most urgent of them, the longest overdue first: a red case's deadline
 * has passed, a yellow one's has not, so one list by deadline puts the reds first.
 */
export async function listAlarms(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const scope = await resolveUnitScope(ctx, user, unit);
  const now = ctx.clock.now();
  const [[counts], cases] = await Promise.all([
    countLive(ctx, scope, now, false),
    ctx.db.read.case.findMany({
      where: { AND: [scope.caseWhere, { OR: [overdueWhere(now), yellowWhere(now)] }] },
      select: { id: true, code: true, title: true, state: true, gridCode: true, stageDeadline: true },
      orderBy: { stageDeadline: 'asc' },
      take: WALL_LENGTH,
    }),
  ]);
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    at: now.toISOString(),
    red: counts?.overdue ?? 0,
    yellow: counts?.yellow ?? 0,
    cases: cases.map((c) => ({
      ...c,
      level: c.stageDeadline && c.stageDeadline <= now ? ('RED' as const) : ('YELLOW' as const),
      gridName: ctx.reference.gridName(c.gridCode) ?? c.gridCode,
    })),
  };
}
