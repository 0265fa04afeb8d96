import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { nextVisitDue } from '@wangge/shared/register/visits';
import type { Tx } from '../../db/open-database';

/** Ids per statement: under the drivers' parameter limits (SQLite through Prisma refused 2,000). */
const BATCH = 500;

/**
 * Sets `Person.visitDueDay` — the Shanghai day the next home visit is due — of some persons
 * (every tagged person when `personIds` is null: the rebuild after a bulk load), inside the
 * writer's transaction, before it recounts their cells. Called by every writer of tags and of
 * home visits; the same rule as the visiting plan (`nextVisitDue`). Returns the cells whose
 * persons changed.
 */
export async function refreshVisitDue(tx: Tx, personIds: readonly string[] | null): Promise<string[]> {
  const cells = new Set<string>();
  if (personIds === null) {
    // Tagged persons in id order, a batch at a time; then those that lost their classes.
    let after = '';
    for (;;) {
      const batch = await tx.personTag.findMany({
        where: { personId: { gt: after } },
        distinct: ['personId'],
        orderBy: { personId: 'asc' },
        select: { personId: true },
        take: BATCH,
      });
      if (batch.length === 0) break;
      after = batch.at(-1)!.personId;
      for (const c of await refreshSome(
        tx,
        batch.map((b) => b.personId),
      ))
        cells.add(c);
    }
    await tx.person.updateMany({
      where: { visitDueDay: { not: null }, tags: { none: {} } },
      data: { visitDueDay: null },
    });
    return [...cells];
  }
  for (let i = 0; i < personIds.length; i += BATCH)
    for (const c of await refreshSome(tx, personIds.slice(i, i + BATCH))) cells.add(c);
  return [...cells];
}

async function refreshSome(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const persons = await tx.person.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, gridCode: true, visitDueDay: true, tags: { select: { tagCode: true, since: true } } },
  });
  const visits = await tx.workLog.groupBy({
    by: ['personId'],
    where: { personId: { in: [...ids] }, kind: 'HOME_VISIT' },
    _max: { createdAt: true },
  });
  const last = new Map(visits.map((v) => [v.personId, v._max.createdAt]));
  const changed: string[] = [];
  for (const p of persons) {
    const due = nextVisitDue(p.tags, last.get(p.id) ?? null);
    const day = due ? toShanghaiDate(due) : null;
    if (day === p.visitDueDay) continue;
    await tx.person.update({ where: { id: p.id }, data: { visitDueDay: day } });
    changed.push(p.gridCode);
  }
  return changed;
}
