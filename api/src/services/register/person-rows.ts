import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { describeIdNumber } from '@wangge/shared/register/id-number';
import { maskIdNumber, maskPhone } from '@wangge/shared/register/mask';
import { nextVisitDue } from '@wangge/shared/register/visits';
import type { TPersonInput } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { type FieldChange, fieldChange } from './person-changes';
import type { findCell } from './person-checks';

/**
 * A new person's row: the ID number and phone only encrypted, beside their blind indexes and
 * masked forms; sex and birth date derived from the ID number. One builder for a single
 * record and a sheet's import, so both store exactly the same thing.
 */
export function newPersonRow(
  ctx: AppContext,
  input: TPersonInput,
  cell: Awaited<ReturnType<typeof findCell>>,
  now: Date,
) {
  const cipher = ctx.registerCipher;
  const { birthDate, sex } = describeIdNumber(input.idNumber);
  // No visit yet: the classes count from now (refreshVisitDue's rule for a new person).
  const due = nextVisitDue(
    (input.tags ?? []).map((tagCode) => ({ tagCode, since: now })),
    null,
  );
  return {
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
    visitDueDay: due ? toShanghaiDate(due) : null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The history line of a new person (personal fields by name only). */
export function createdChanges(input: TPersonInput): FieldChange[] {
  return [
    fieldChange('name', null, input.name),
    fieldChange('idNumber', null, input.idNumber),
    ...(input.phone ? [fieldChange('phone', null, input.phone)] : []),
    fieldChange('gridCode', null, input.gridCode),
    fieldChange('residence', null, input.residence),
    ...(input.tags?.length ? [fieldChange('tags', [], input.tags)] : []),
    ...(input.placeId ? [fieldChange('placeId', null, input.placeId)] : []),
  ];
}
