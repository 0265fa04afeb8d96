import { OPEN_STATES } from '@wangge/shared/domain/constants';
import {
  boxAround,
  duplicateRadius,
  metresBetween,
  type DuplicateSuggestion as SharedSuggestion,
} from '@wangge/shared/domain/duplicates';
import type { TDuplicatesQuery } from '@wangge/shared/schemas/cases';
import type { AppContext } from '../../context';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** A suggestion as the service builds it (its time a Date until it is answered). */
export type DuplicateSuggestion = Omit<SharedSuggestion, 'createdAt'> & { createdAt: Date };

/**
 * Open cases of the same category within the category's radius of a point, nearest first,
 * among the cases the caller may see (the case policy): what a reporter or a desk is shown
 * before a new report, to attach to an existing case instead (并案). Read through the
 * (categoryCode, lat) index: a box around the point, then the exact distance.
 */
export async function findDuplicates(
  ctx: AppContext,
  user: AuthUser,
  q: TDuplicatesQuery,
): Promise<{ radiusMeters: number; data: DuplicateSuggestion[] }> {
  const radiusMeters = duplicateRadius(q.categoryCode);
  const box = boxAround(q, radiusMeters);
  const rows = await ctx.db.read.case.findMany({
    where: {
      AND: [
        caseScopeWhere(user),
        {
          categoryCode: q.categoryCode,
          lat: { gte: box.south, lte: box.north },
          lon: { gte: box.west, lte: box.east },
          state: { in: [...OPEN_STATES] },
        },
      ],
    },
    select: {
      id: true,
      code: true,
      title: true,
      state: true,
      categoryCode: true,
      address: true,
      createdAt: true,
      lon: true,
      lat: true,
    },
    take: 500, // a box holds a handful; a flood of reports at one spot is still bounded
  });
  const near = rows
    .map((r) => ({ row: r, distanceMeters: metresBetween(q, r) }))
    .filter((r) => r.distanceMeters <= radiusMeters)
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.row.id.localeCompare(b.row.id))
    .slice(0, q.limit);
  const photos = near.length
    ? await ctx.db.read.attachment.findMany({
        where: { caseId: { in: near.map((n) => n.row.id) }, mime: { startsWith: 'image/' } },
        select: { id: true, caseId: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })
    : [];
  return {
    radiusMeters,
    data: near.map(({ row: { lon: _lon, lat: _lat, ...row }, distanceMeters }) => ({
      ...row,
      distanceMeters: Math.round(distanceMeters),
      photoIds: photos
        .filter((p) => p.caseId === row.id)
        .slice(0, 3)
        .map((p) => p.id),
    })),
  };
}
