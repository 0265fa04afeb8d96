import type { AppContext } from '../../../context';
import { forbidden } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import { findCell } from '../person-checks';
import { recountRegisterCells } from '../recount-register-cells';
import { throwProblems, uniqueConflict } from './record-checks';
import { presentRecord, type RecordDescriptor } from './record-descriptor';
import { diffFields } from './record-fields';
import { writeRegisterChange } from './register-changes';

/**
 * Records a place, thing, organisation or 民情日志 entry in a cell of the caller's
 * jurisdiction, with its first history line (who, when, the fields; personal ones by name).
 */
export async function recordRegisterRecord(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  d: RecordDescriptor,
  input: Record<string, unknown> & { gridCode: string },
): Promise<Record<string, unknown>> {
  if (!view.writes) throw forbidden(`Your role does not record ${d.type} on the register.`);
  if (!view.mayWriteIn(input.gridCode))
    throwProblems(d, [{ path: 'gridCode', message: 'must be a cell of your jurisdiction' }]);
  const cell = await findCell(ctx, input.gridCode);
  throwProblems(d, await d.check(ctx, input, input.gridCode));
  const now = ctx.clock.now();
  const { data, changes } = diffFields(ctx, d, input, null);
  const row = await ctx.db
    .transaction(async (tx) => {
      const created = await d.table(tx).create({
        data: { ...data, ...cell, ...d.onCreate?.(user.id), createdAt: now, updatedAt: now },
        select: d.select,
      });
      await writeRegisterChange(tx, {
        recordType: d.historyType,
        recordId: created.id,
        version: 1,
        at: now,
        userId: user.id,
        kind: 'CREATED',
        changes: [{ field: 'gridCode', before: null, after: input.gridCode }, ...changes],
      });
      await recountRegisterCells(tx, d.historyType, [input.gridCode], ctx.clock.now());
      return created;
    })
    .catch(uniqueConflict);
  ctx.events.registerCountsChanged([input.gridCode]);
  return presentRecord(row);
}
