import type { AppContext } from '../../../context';
import { AppError, forbidden, notFound } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import { findCell } from '../person-checks';
import { recountRegisterCells } from '../recount-register-cells';
import { throwProblems, uniqueConflict } from './record-checks';
import { presentRecord, type RecordDescriptor } from './record-descriptor';
import { diffFields, mergedFields } from './record-fields';
import { writeRegisterChange } from './register-changes';

/**
 * Changes a record at the version the caller read (409 RECORD_CHANGED otherwise), a history
 * line per changed field. Moving it to another cell needs that cell in the caller's
 * jurisdiction, and its references and position are checked against the new cell.
 */
export async function updateRegisterRecord(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  d: RecordDescriptor,
  id: string,
  patch: Record<string, unknown> & { version: number; gridCode?: string },
): Promise<Record<string, unknown>> {
  const current = await d.table(ctx.db.read).findFirst({
    where: { AND: [view.where, { id }] },
    select: { ...d.select, ...d.secretSelect },
  });
  if (!current) throw notFound(`No such ${d.noun}.`);
  if (!view.mayWriteIn(current.gridCode)) throw forbidden(`Your role may not change this ${d.noun}.`);
  if (current.archivedAt) throw new AppError('RECORD_ARCHIVED', 'The record is archived.');
  const gridCode = patch.gridCode ?? current.gridCode;
  if (!view.mayWriteIn(gridCode))
    throwProblems(d, [{ path: 'gridCode', message: 'must be a cell of your jurisdiction' }]);
  const cell = gridCode !== current.gridCode ? await findCell(ctx, gridCode) : null;
  throwProblems(d, await d.check(ctx, mergedFields(ctx, d, current, patch), gridCode));

  const now = ctx.clock.now();
  const { data, changes } = diffFields(ctx, d, patch, current);
  if (cell) changes.unshift({ field: 'gridCode', before: current.gridCode, after: gridCode });
  // A kind, class, state or cell may have changed: the layers of the cells left and entered.
  const counted = [...new Set([current.gridCode, gridCode])];
  const row = await ctx.db
    .transaction(async (tx) => {
      const moved = await d.table(tx).updateMany({
        where: { id, version: patch.version, archivedAt: null },
        data: { ...data, ...cell, version: { increment: 1 }, updatedAt: now },
      });
      if (moved.count === 0)
        throw new AppError(
          'RECORD_CHANGED',
          'The record changed since you read it; reload it and try again.',
        );
      if (changes.length > 0)
        await writeRegisterChange(tx, {
          recordType: d.historyType,
          recordId: id,
          version: patch.version + 1,
          at: now,
          userId: user.id,
          kind: 'UPDATED',
          changes,
        });
      await recountRegisterCells(tx, d.historyType, counted, ctx.clock.now());
      return d.table(tx).findUniqueOrThrow({ where: { id }, select: d.select });
    })
    .catch(uniqueConflict);
  ctx.events.registerCountsChanged(counted);
  return presentRecord(row);
}
