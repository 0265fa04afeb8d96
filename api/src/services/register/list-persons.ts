import { normaliseIdNumber, normalisePhone } from '@wangge/shared/register/id-number';
import type { TPersonQuery } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { personSubtreeWhere, type RegisterView, seesClass } from '../../policies/register';
import { decodeCursor, encodeCursor } from './keyset-cursor';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';

/**
 * The persons a caller may see, filtered by cell, unit, class or a search, newest first and
 * keyset-paged. `q` is a full ID number or mobile number (found through its blind index, so
 * nothing is decrypted) or else the start of a name. A class the caller may not see finds
 * nobody: its members are not told apart from the other residents.
 */
export async function listPersons(
  ctx: AppContext,
  view: RegisterView,
  q: TPersonQuery,
): Promise<{ data: PersonView[]; nextCursor: string | null }> {
  const and: Prisma.PersonWhereInput[] = [view.where];
  and.push(q.archived === 'true' ? { archivedAt: { not: null } } : { archivedAt: null });
  if (q.grid) and.push({ gridCode: q.grid });
  if (q.unit) and.push(personSubtreeWhere(q.unit));
  if (q.tag) and.push(seesClass(view, q.tag) ? { tags: { some: { tagCode: q.tag } } } : { id: '' });
  if (q.q) and.push(searchWhere(ctx, q.q));
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

/** A search: a full ID number or phone by blind index, otherwise a name prefix. */
function searchWhere(ctx: AppContext, text: string): Prisma.PersonWhereInput {
  const id = normaliseIdNumber(text);
  if (/^\d{17}[\dX]$/.test(id)) return { idNumberIndex: ctx.registerCipher.blindIndex('idNumber', id) };
  const phone = normalisePhone(text);
  if (/^1\d{10}$/.test(phone)) return { phoneIndex: ctx.registerCipher.blindIndex('phone', phone) };
  // SQLite's LIKE (Prisma's startsWith) ignores case and so never uses the name index: at city
  // scale that scanned every person. A range on the binary-ordered name uses it; startsWith
  // stays to keep the match exact. PostgreSQL keeps the plain prefix (a collation-aware range
  // could skip matches).
  if (ctx.db.provider === 'sqlite') return { name: { gte: text, lt: `${text}\u{10FFFF}`, startsWith: text } };
  return { name: { startsWith: text } };
}
