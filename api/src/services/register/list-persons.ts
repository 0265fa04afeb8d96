import type { TPersonQuery } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import type { RegisterView } from '../../policies/register';
import { decodeCursor, encodeCursor } from './keyset-cursor';
import { personFilterWhere } from './person-filters';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';

/**
 * The persons a caller may see, filtered by cell, unit, class or a search, newest first and
 * keyset-paged (filters: person-filters.ts). `q` is a full ID number or mobile number (found
 * through its blind index, so nothing is decrypted) or else the start of a name.
 */
export async function listPersons(
  ctx: AppContext,
  view: RegisterView,
  q: TPersonQuery,
): Promise<{ data: PersonView[]; nextCursor: string | null }> {
  const and = personFilterWhere(ctx, view, q);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] });
  }
  const rows = await ctx.db.read.person.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
    select: PERSON_SELECT,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => presentPerson(r, view)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
