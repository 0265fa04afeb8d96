import type { TPersonInput } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import { type RegisterView, seesClass } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { writePersonChange } from './person-changes';
import { checkPlace, findCell } from './person-checks';
import { createdChanges, newPersonRow } from './person-rows';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';
import { recountRegisterCells } from './recount-register-cells';

/**
 * Records a person on the register in a cell of the caller's jurisdiction. The ID number and
 * phone are stored encrypted beside their blind indexes and masked forms; the unique index on
 * the ID number's blind index makes a duplicate (also a racing one) a 409 PERSON_EXISTS. The
 * cell's layer counts are recounted in the same transaction and announced after commit.
 */
export async function recordPerson(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  input: TPersonInput,
): Promise<PersonView> {
  if (!view.writes) throw forbidden('Your role does not record persons on the register.');
  if (!view.mayWriteIn(input.gridCode)) {
    throw new AppError('VALIDATION_FAILED', 'The person is invalid.', [
      { path: 'gridCode', message: 'must be a cell of your jurisdiction' },
    ]);
  }
  const hidden = (input.tags ?? []).filter((t) => !seesClass(view, t));
  if (hidden.length > 0) throw forbidden(`Your role may not assign the classes ${hidden.join(', ')}.`);
  const cell = await findCell(ctx, input.gridCode);
  if (input.placeId) await checkPlace(ctx, input.placeId, input.gridCode);
  const now = ctx.clock.now();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const person = await tx.person.create({
        data: {
          ...newPersonRow(ctx, input, cell, now),
          tags: { create: (input.tags ?? []).map((tagCode) => ({ tagCode, since: now })) },
        },
        select: PERSON_SELECT,
      });
      await writePersonChange(tx, {
        personId: person.id,
        at: now,
        userId: user.id,
        kind: 'CREATED',
        changes: createdChanges(input),
      });
      await recountRegisterCells(tx, 'PERSON', [input.gridCode], ctx.clock.now());
      return person;
    });
    ctx.events.registerCountsChanged([input.gridCode]);
    return presentPerson(row, view);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002')
      throw new AppError('PERSON_EXISTS', 'The register already holds a person with this ID number.');
    throw error;
  }
}
