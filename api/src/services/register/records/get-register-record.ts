import type { AppContext } from '../../../context';
import { notFound } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import { presentRecord, type RecordDescriptor } from './record-descriptor';
import { type HistoryEntry, readRegisterChanges } from './register-changes';

/** One record the caller may see, with its history (404 outside the caller's view). */
export async function getRegisterRecord(
  ctx: AppContext,
  view: RecordView,
  d: RecordDescriptor,
  id: string,
): Promise<Record<string, unknown> & { history: HistoryEntry[] }> {
  const row = await d
    .table(ctx.db.read)
    .findFirst({ where: { AND: [view.where, { id }] }, select: d.select });
  if (!row) throw notFound(`No such ${d.noun}.`);
  return { ...presentRecord(row), history: await readRegisterChanges(ctx, d.historyType, id) };
}
