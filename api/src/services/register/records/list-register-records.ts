import type { TRecordQuery } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import type { RecordView } from '../../../policies/register';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { presentRecord, type RecordDescriptor } from './record-descriptor';
import { recordFilterWhere } from './record-filters';

/**
 * The records of a type the caller may see, filtered by cell, unit, kind or a search, newest
 * first and keyset-paged like persons. Contact phones are only ever shown masked.
 */
export async function listRegisterRecords(
  ctx: AppContext,
  view: RecordView,
  d: RecordDescriptor,
  q: TRecordQuery,
): Promise<{ data: Record<string, unknown>[]; nextCursor: string | null }> {
  const and = recordFilterWhere(ctx, view, d, q);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] });
  }
  const rows = await d.table(ctx.db.read).findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
    select: d.select,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentRecord),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
