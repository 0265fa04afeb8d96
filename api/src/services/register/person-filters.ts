import { normaliseIdNumber, normalisePhone } from '@wangge/shared/register/id-number';
import type { TPersonFilters } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { personSubtreeWhere, type RegisterView, seesClass } from '../../policies/register';

/**
 * The persons a caller may see that match the filters (cell, unit, class, search, archived),
 * for the list and the export alike. A class the caller may not see finds nobody: its members
 * are not told apart from the other residents.
 */
export function personFilterWhere(
  ctx: AppContext,
  view: RegisterView,
  q: TPersonFilters,
): Prisma.PersonWhereInput[] {
  const and: Prisma.PersonWhereInput[] = [view.where];
  and.push(q.archived === 'true' ? { archivedAt: { not: null } } : { archivedAt: null });
  if (q.grid) and.push({ gridCode: q.grid });
  if (q.unit) and.push(personSubtreeWhere(q.unit));
  if (q.tag) and.push(seesClass(view, q.tag) ? { tags: { some: { tagCode: q.tag } } } : { id: '' });
  if (q.q) and.push(searchWhere(ctx, q.q));
  return and;
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
