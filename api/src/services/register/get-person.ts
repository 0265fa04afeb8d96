import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { type RegisterView, seesClass } from '../../policies/register';
import type { FieldChange } from './person-changes';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';

export interface PersonHistoryEntry {
  at: Date;
  userId: string | null;
  kind: string;
  changes: FieldChange[];
}

/**
 * One person the caller may see, with their history (404 outside the caller's view). History
 * lines about classes the caller may not see are cut to the visible classes, or left out.
 */
export async function getPerson(
  ctx: AppContext,
  view: RegisterView,
  id: string,
): Promise<PersonView & { history: PersonHistoryEntry[] }> {
  const row = await ctx.db.read.person.findFirst({
    where: { AND: [view.where, { id }] },
    select: PERSON_SELECT,
  });
  if (!row) throw notFound('No such person.');
  const changes = await ctx.db.read.personChange.findMany({
    where: { personId: id },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  const history = changes.map((c) => ({
    at: c.at,
    userId: c.userId,
    kind: c.kind,
    changes: (JSON.parse(c.changes) as FieldChange[]).flatMap((line) => visibleLine(view, line)),
  }));
  return { ...presentPerson(row, view), history };
}

/** A history line as the view may see it (class lists cut to visible classes). */
function visibleLine(view: RegisterView, line: FieldChange): FieldChange[] {
  if (line.field !== 'tags') return [line];
  const cut = (v: unknown) => (Array.isArray(v) ? v.filter((c) => seesClass(view, String(c))) : v);
  const before = cut(line.before) as string[];
  const after = cut(line.after) as string[];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: 'tags', before, after }];
}
