import type { AppContext } from '../../context';
import { AppError, forbidden, notFound } from '../../http/app-error';
import type { RegisterView } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { writePersonChange } from './person-changes';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';
import { recountRegisterCells } from './recount-register-cells';

/**
 * Takes a person off the live register with a reason (moved away, deceased, recorded twice …).
 * The record stays readable, marked archived, until the retention purge deletes it.
 */
export async function archivePerson(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  id: string,
  reason: string,
): Promise<PersonView> {
  const current = await ctx.db.read.person.findFirst({
    where: { AND: [view.where, { id }] },
    select: { gridCode: true, archivedAt: true },
  });
  if (!current) throw notFound('No such person.');
  if (!view.mayWriteIn(current.gridCode)) throw forbidden('Your role may not archive this record.');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const moved = await tx.person.updateMany({
      where: { id, archivedAt: null },
      data: { archivedAt: now, archiveReason: reason, updatedAt: now, version: { increment: 1 } },
    });
    if (moved.count === 0) throw new AppError('RECORD_ARCHIVED', 'The record is archived already.');
    await writePersonChange(tx, {
      personId: id,
      at: now,
      userId: user.id,
      kind: 'ARCHIVED',
      changes: [{ field: 'archivedAt', before: null, after: now.toISOString() }],
    });
    await recountRegisterCells(tx, 'PERSON', [current.gridCode], ctx.clock.now());
    return tx.person.findUniqueOrThrow({ where: { id }, select: PERSON_SELECT });
  });
  ctx.events.registerCountsChanged([current.gridCode]);
  return presentPerson(row, view);
}
