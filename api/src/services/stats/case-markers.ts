import { OPEN_STATES } from '@wangge/shared/domain/constants';
import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { caseScopeWhere, findHomeUnit, unitSubtreeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** Most markers one answer carries; the map clusters them, more would only cost transfer. */
export const MARKER_CAP = 5_000;

/** One open case as a map marker. */
export interface CaseMarker {
  id: string;
  code: string;
  state: string;
  lon: number;
  lat: number;
  isOverdue: boolean;
  categoryCode: string;
  gridCode: string;
}

/**
 * Open cases under a unit as map markers, newest first, at most {@link MARKER_CAP}
 * (`isTruncated` says when more exist). Same jurisdiction rule as the grid stats: 404
 * for a unit outside the caller's home subtree.
 */
export async function listCaseMarkers(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const home = await findHomeUnit(ctx, user);
  const scope = unit ?? home;
  if (!home || !scope || !isWithin(scope, home)) throw notFound('No such unit.');
  const now = ctx.clock.now();
  const where: Prisma.CaseWhereInput = {
    AND: [unitSubtreeWhere(scope), caseScopeWhere(user), { state: { in: [...OPEN_STATES] } }],
  };
  const rows = await ctx.db.read.case.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take: MARKER_CAP + 1,
    select: {
      id: true,
      code: true,
      state: true,
      lon: true,
      lat: true,
      categoryCode: true,
      gridCode: true,
      stageDeadline: true,
    },
  });
  const markers: CaseMarker[] = rows.slice(0, MARKER_CAP).map(({ stageDeadline, ...c }) => ({
    ...c,
    isOverdue: stageDeadline !== null && stageDeadline <= now,
  }));
  return { unitCode: scope, markers, isTruncated: rows.length > MARKER_CAP, at: now.toISOString() };
}
