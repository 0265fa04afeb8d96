import { findPersonClass } from '@wangge/shared/register/classes';
import { nextVisitDue } from '@wangge/shared/register/visits';
import type { AppContext } from '../../context';
import { forbidden } from '../../http/app-error';
import { classCodesOf, type RegisterView } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';

const DAY_MS = 86_400_000;

export interface DueVisit {
  personId: string;
  name: string;
  gridCode: string;
  /** The visible classes, most frequent visits first. */
  tags: string[];
  lastVisitAt: Date | null;
  dueAt: Date;
  status: 'OVERDUE' | 'DUE';
}

/**
 * A grid worker's visiting plan: the tagged persons of their cells whose next home visit
 * (入户走访) falls within `withinDays` or is overdue. Each class gives a frequency; the next
 * visit is due that many days after the last recorded HOME_VISIT work log naming the person
 * (by any worker), or after the class was given. The most frequent class sets the date.
 */
export async function listDueVisits(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  withinDays: number,
): Promise<DueVisit[]> {
  if (user.role !== 'GRID_WORKER') throw forbidden('The visiting plan is a grid worker’s.');
  const codes = classCodesOf(view.groups);
  const persons = await ctx.db.read.person.findMany({
    where: { AND: [view.where, { archivedAt: null, tags: { some: { tagCode: { in: codes } } } }] },
    select: { id: true, name: true, gridCode: true, tags: { select: { tagCode: true, since: true } } },
    take: 5000,
  });
  if (persons.length === 0) return [];
  const visits = await ctx.db.read.workLog.groupBy({
    by: ['personId'],
    where: { personId: { in: persons.map((p) => p.id) }, kind: 'HOME_VISIT' },
    _max: { createdAt: true },
  });
  const lastVisit = new Map(visits.map((v) => [v.personId, v._max.createdAt]));
  const now = ctx.clock.now().getTime();
  const horizon = now + withinDays * DAY_MS;
  const out: DueVisit[] = [];
  for (const p of persons) {
    const last = lastVisit.get(p.id) ?? null;
    const due = nextVisitDue(p.tags, last, codes);
    if (!due) continue;
    const dueAt = due.getTime();
    const tags = p.tags.flatMap((t) => {
      const c = findPersonClass(t.tagCode);
      return c && codes.includes(c.code) ? [{ code: c.code, every: c.visitEveryDays }] : [];
    });
    if (dueAt > horizon) continue;
    out.push({
      personId: p.id,
      name: p.name,
      gridCode: p.gridCode,
      tags: tags.sort((a, b) => a.every - b.every).map((t) => t.code),
      lastVisitAt: last,
      dueAt: new Date(dueAt),
      status: dueAt <= now ? 'OVERDUE' : 'DUE',
    });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
