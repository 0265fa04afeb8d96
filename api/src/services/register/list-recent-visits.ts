import type { AppContext } from '../../context';
import type { RegisterView } from '../../policies/register';

export interface RecentVisit {
  id: string;
  at: Date;
  personId: string;
  name: string;
  /** Who visited (their display name). */
  worker: string;
}

/**
 * The last home visits (入户走访) paid in a cell, newest first: only visits to persons the
 * caller's register view shows (a visit to anyone else is left out, as the person is).
 */
export async function listRecentVisits(
  ctx: AppContext,
  view: RegisterView,
  gridCode: string,
  limit: number,
): Promise<RecentVisit[]> {
  const logs = await ctx.db.read.workLog.findMany({
    where: { gridCode, kind: 'HOME_VISIT', personId: { not: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    // Visits to persons out of view are dropped below; read a margin beyond the page.
    take: limit * 4,
    select: { id: true, createdAt: true, personId: true, userId: true },
  });
  const ids = [...new Set(logs.map((l) => l.personId as string))];
  const persons = await ctx.db.read.person.findMany({
    where: { AND: [view.where, { id: { in: ids } }] },
    select: { id: true, name: true },
  });
  const names = new Map(persons.map((p) => [p.id, p.name]));
  const users = await ctx.db.read.user.findMany({
    where: { id: { in: [...new Set(logs.map((l) => l.userId))] } },
    select: { id: true, displayName: true },
  });
  const workers = new Map(users.map((u) => [u.id, u.displayName]));
  return logs
    .filter((l) => names.has(l.personId as string))
    .slice(0, limit)
    .map((l) => ({
      id: l.id,
      at: l.createdAt,
      personId: l.personId as string,
      name: names.get(l.personId as string) ?? '',
      worker: workers.get(l.userId) ?? '',
    }));
}
