import type { TRecordQuery } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import { subtreeColumns } from '../../../policies/cases';
import type { RecordView } from '../../../policies/register';
import type { RecordDescriptor } from './record-descriptor';

/** The conditions of the list's filters (cell, unit, kind, search, archived) inside the caller's view. */
export function recordFilterWhere(
  ctx: AppContext,
  view: RecordView,
  d: RecordDescriptor,
  q: Pick<TRecordQuery, 'grid' | 'unit' | 'kind' | 'q' | 'archived'>,
): object[] {
  const and: object[] = [view.where];
  and.push(q.archived === 'true' ? { archivedAt: { not: null } } : { archivedAt: null });
  if (q.grid) and.push({ gridCode: q.grid });
  if (q.unit) and.push(subtreeColumns(q.unit));
  if (q.kind) and.push({ [d.kindColumn]: q.kind });
  if (q.q) and.push(d.search(ctx, q.q));
  return and;
}
