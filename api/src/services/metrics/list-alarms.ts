import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { overdueWhere, yellowWhere } from './alarm-definitions';
import { resolveUnitScope } from './unit-scope';

/** How many cases the alarm wall lists (the counts cover them all). */
const WALL_LENGTH = 50;

/**
 * GET /api/metrics/alarms: the alarm wall — how many open cases of the unit are past their
 * step deadline (red) or have their yellow card due (yellow) now, and the most urgent of them,
 * the longest overdue first.
 */
export async function listAlarms(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const scope = await resolveUnitScope(ctx, user, unit);
  const now = ctx.clock.now();
  const red = { AND: [scope.caseWhere, overdueWhere(now)] };
  const yellow = { AND: [scope.caseWhere, yellowWhere(now)] };
  const select = {
    id: true,
    code: true,
    title: true,
    state: true,
    gridCode: true,
    stageDeadline: true,
  } as const;
  const [redCount, yellowCount, reds, yellows] = await Promise.all([
    ctx.db.read.case.count({ where: red }),
    ctx.db.read.case.count({ where: yellow }),
    ctx.db.read.case.findMany({ where: red, select, orderBy: { stageDeadline: 'asc' }, take: WALL_LENGTH }),
    ctx.db.read.case.findMany({
      where: yellow,
      select,
      orderBy: { stageDeadline: 'asc' },
      take: WALL_LENGTH,
    }),
  ]);
  const row = (level: 'RED' | 'YELLOW') => (c: (typeof reds)[number]) => ({
    ...c,
    level,
    gridName: ctx.reference.gridName(c.gridCode) ?? c.gridCode,
  });
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    at: now.toISOString(),
    red: redCount,
    yellow: yellowCount,
    cases: [...reds.map(row('RED')), ...yellows.map(row('YELLOW'))].slice(0, WALL_LENGTH),
  };
}
