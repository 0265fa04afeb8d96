import { startOfShanghaiDay, toShanghaiDate } from '@wangge/shared/calendar/index';
import { OPEN_STATES } from '@wangge/shared/domain/constants';
import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { caseScopeWhere, findHomeUnit, unitSubtreeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/**
 * What the live map colours: open and overdue cases per grid cell under a unit, plus the
 * headline figures (reported and closed today, open, overdue, on-time closing over 30 days).
 */
export async function getGridStats(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const home = await findHomeUnit(ctx, user);
  const scope = unit ?? home;
  if (!home || !scope || !isWithin(scope, home)) throw notFound('No such unit.');
  const now = ctx.clock.now();
  const inScope: Prisma.CaseWhereInput = { AND: [unitSubtreeWhere(scope), caseScopeWhere(user)] };
  const open: Prisma.CaseWhereInput = { AND: [inScope, { state: { in: [...OPEN_STATES] } }] };
  const today = startOfShanghaiDay(toShanghaiDate(now));
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const [openByGrid, overdueByGrid, reportedToday, closedToday, closedRecently] = await Promise.all([
    ctx.db.read.case.groupBy({ by: ['gridCode'], where: open, _count: { _all: true } }),
    ctx.db.read.case.groupBy({
      by: ['gridCode'],
      // Overdue from the deadline instant on, as the timer sweep raises the red card.
      where: { AND: [open, { stageDeadline: { lte: now } }] },
      _count: { _all: true },
    }),
    ctx.db.read.case.count({ where: { AND: [inScope, { createdAt: { gte: today } }] } }),
    ctx.db.read.case.count({
      where: { AND: [inScope, { closedAt: { gte: today } }, { state: { in: ['CLOSED', 'ARCHIVED'] } }] },
    }),
    ctx.db.read.case.findMany({
      where: { AND: [inScope, { closedAt: { gte: monthAgo } }, { state: { in: ['CLOSED', 'ARCHIVED'] } }] },
      select: { closedAt: true, handleDeadline: true },
    }),
  ]);
  const overdue = new Map(overdueByGrid.map((g) => [g.gridCode, g._count._all]));
  const onTime = closedRecently.filter(
    (c) => !c.handleDeadline || (c.closedAt && c.closedAt <= c.handleDeadline),
  ).length;
  return {
    unitCode: scope,
    cells: openByGrid.map((g) => ({
      gridCode: g.gridCode,
      open: g._count._all,
      overdue: overdue.get(g.gridCode) ?? 0,
    })),
    totals: {
      reportedToday,
      closedToday,
      open: openByGrid.reduce((n, g) => n + g._count._all, 0),
      overdue: overdueByGrid.reduce((n, g) => n + g._count._all, 0),
      onTimeRate: closedRecently.length > 0 ? onTime / closedRecently.length : null,
    },
    at: now.toISOString(),
  };
}
