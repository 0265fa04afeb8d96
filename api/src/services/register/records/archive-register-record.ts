import type { AppContext } from '../../../context';
import { AppError, forbidden, notFound } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import { recountRegisterCells } from '../recount-register-cells';
import { presentRecord, type RecordDescriptor } from './record-descriptor';
import { writeRegisterChange } from './register-changes';

/**
 * Takes a record off the live register with a reason (demolished, closed, recorded twice …):
 * it stays readable with `?archived=true`, and its history says who archived it and why.
 */
export async function archiveRegisterRecord(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  d: RecordDescriptor,
  id: string,
  reason: string,
): Promise<Record<string, unknown>> {
  const current = await d.table(ctx.db.read).findFirst({
    where: { AND: [view.where, { id }] },
    select: { gridCode: true, archivedAt: true },
  });
  if (!current) throw notFound(`No such ${d.noun}.`);
  if (!view.mayWriteIn(current.gridCode)) throw forbidden(`Your role may not archive this ${d.noun}.`);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const before = await d.table(tx).findUniqueOrThrow({ where: { id }, select: { version: true } });
    const moved = await d.table(tx).updateMany({
      where: { id, archivedAt: null, version: before.version },
      data: { archivedAt: now, archiveReason: reason, updatedAt: now, version: { increment: 1 } },
    });
    if (moved.count === 0) throw new AppError('RECORD_ARCHIVED', 'The record is archived already.');
    await writeRegisterChange(tx, {
      recordType: d.historyType,
      recordId: id,
      version: before.version + 1,
      at: now,
      userId: user.id,
      kind: 'ARCHIVED',
      changes: [{ field: 'archiveReason', before: null, after: reason }],
    });
    await recountRegisterCells(tx, d.historyType, [current.gridCode], ctx.clock.now());
    return d.table(tx).findUniqueOrThrow({ where: { id }, select: d.select });
  });
  ctx.events.registerCountsChanged([current.gridCode]);
  return presentRecord(row);
}
