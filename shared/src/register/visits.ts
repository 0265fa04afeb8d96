import { findPersonClass } from './classes';

const DAY_MS = 86_400_000;

/**
 * When a person's next home visit (入户走访) is due: each class gives a frequency, counted from
 * the last recorded visit or, before a first visit, from when the class was given; the most
 * frequent class sets the date. Null for a person without a class that asks for visits.
 * `codes` limits the classes considered (a caller's visible classes); all by default.
 */
export function nextVisitDue(
  tags: readonly { tagCode: string; since: Date }[],
  lastVisit: Date | null,
  codes?: readonly string[],
): Date | null {
  let due = Number.POSITIVE_INFINITY;
  for (const t of tags) {
    const cls = findPersonClass(t.tagCode);
    if (!cls || (codes && !codes.includes(cls.code))) continue;
    const from = Math.max(lastVisit?.getTime() ?? 0, t.since.getTime());
    due = Math.min(due, from + cls.visitEveryDays * DAY_MS);
  }
  return Number.isFinite(due) ? new Date(due) : null;
}
