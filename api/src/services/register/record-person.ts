import { describeIdNumber } from '@wangge/shared/register/id-number';
import { maskIdNumber, maskPhone } from '@wangge/shared/register/mask';
import type { TPersonInput } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import { type RegisterView, seesClass } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { fieldChange, writePersonChange } from './person-changes';
import { checkPlace, findCell } from './person-checks';
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
  const cipher = ctx.registerCipher;
  const now = ctx.clock.now();
  const { birthDate, sex } = describeIdNumber(input.idNumber);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const person = await tx.person.create({
        data: {
          ...cell,
          name: input.name,
          idNumberCipher: cipher.encrypt('idNumber', input.idNumber),
          idNumberIndex: cipher.blindIndex('idNumber', input.idNumber),
          idNumberMasked: maskIdNumber(input.idNumber),
          phoneCipher: input.phone ? cipher.encrypt('phone', input.phone) : null,
          phoneIndex: input.phone ? cipher.blindIndex('phone', input.phone) : null,
          phoneMasked: input.phone ? maskPhone(input.phone) : null,
          sex,
          birthDate,
          residence: input.residence,
          placeId: input.placeId ?? null,
          createdAt: now,
          updatedAt: now,
          tags: { create: (input.tags ?? []).map((tagCode) => ({ tagCode, since: now })) },
        },
        select: PERSON_SELECT,
      });
      await writePersonChange(tx, {
        personId: person.id,
        at: now,
        userId: user.id,
        kind: 'CREATED',
        changes: [
          fieldChange('name', null, input.name),
          fieldChange('idNumber', null, input.idNumber),
          ...(input.phone ? [fieldChange('phone', null, input.phone)] : []),
          fieldChange('gridCode', null, input.gridCode),
          fieldChange('residence', null, input.residence),
          ...(input.tags?.length ? [fieldChange('tags', [], input.tags)] : []),
          ...(input.placeId ? [fieldChange('placeId', null, input.placeId)] : []),
        ],
      });
      await recountRegisterCells(tx, 'PERSON', [input.gridCode]);
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
