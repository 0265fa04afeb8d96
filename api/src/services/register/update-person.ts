import { maskPhone } from '@wangge/shared/register/mask';
import type { TPersonPatch } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, forbidden, notFound } from '../../http/app-error';
import { type RegisterView, seesClass } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { type FieldChange, fieldChange, writePersonChange } from './person-changes';
import { checkPlace, findCell } from './person-checks';
import { PERSON_SELECT, type PersonView, presentPerson } from './present-person';
import { recountRegisterCells } from './recount-register-cells';
import { refreshVisitDue } from './refresh-visit-due';

/**
 * Changes a person at the version the caller read (409 RECORD_CHANGED otherwise), keeping a
 * history line per changed field. `tags` replaces the classes the caller may see; classes
 * they may not see stay as they were. The ID number never changes (a wrong one: archive the
 * record and record the person anew).
 */
export async function updatePerson(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  id: string,
  patch: TPersonPatch,
): Promise<PersonView> {
  const current = await ctx.db.read.person.findFirst({
    where: { AND: [view.where, { id }] },
    select: { ...PERSON_SELECT, phoneCipher: true },
  });
  if (!current) throw notFound('No such person.');
  if (!view.mayWriteIn(current.gridCode)) throw forbidden('Your role may not change this record.');
  if (current.archivedAt) throw new AppError('RECORD_ARCHIVED', 'The record is archived.');
  if (patch.gridCode && !view.mayWriteIn(patch.gridCode))
    throw new AppError('VALIDATION_FAILED', 'The change is invalid.', [
      { path: 'gridCode', message: 'must be a cell of your jurisdiction' },
    ]);
  const cell =
    patch.gridCode && patch.gridCode !== current.gridCode ? await findCell(ctx, patch.gridCode) : null;
  const gridCode = cell?.gridCode ?? current.gridCode;
  if (patch.placeId) await checkPlace(ctx, patch.placeId, gridCode);
  const hidden = (patch.tags ?? []).filter((t) => !seesClass(view, t));
  if (hidden.length > 0) throw forbidden(`Your role may not assign the classes ${hidden.join(', ')}.`);

  const now = ctx.clock.now();
  const changes: FieldChange[] = [];
  const data: Record<string, unknown> = {};
  if (patch.name !== undefined && patch.name !== current.name) {
    changes.push(fieldChange('name', current.name, patch.name));
    data.name = patch.name;
  }
  if (patch.phone !== undefined) {
    const cipher = ctx.registerCipher;
    const before = current.phoneCipher ? cipher.decrypt('phone', current.phoneCipher) : null;
    if (before !== patch.phone) {
      changes.push(fieldChange('phone', before, patch.phone));
      data.phoneCipher = patch.phone ? cipher.encrypt('phone', patch.phone) : null;
      data.phoneIndex = patch.phone ? cipher.blindIndex('phone', patch.phone) : null;
      data.phoneMasked = patch.phone ? maskPhone(patch.phone) : null;
    }
  }
  if (cell) {
    changes.push(fieldChange('gridCode', current.gridCode, cell.gridCode));
    Object.assign(data, cell);
  }
  if (patch.residence !== undefined && patch.residence !== current.residence) {
    changes.push(fieldChange('residence', current.residence, patch.residence));
    data.residence = patch.residence;
  }
  if (patch.placeId !== undefined && patch.placeId !== current.placeId) {
    changes.push(fieldChange('placeId', current.placeId, patch.placeId));
    data.placeId = patch.placeId;
  }
  const visibleBefore = current.tags.map((t) => t.tagCode).filter((c) => seesClass(view, c));
  const added = (patch.tags ?? []).filter((t) => !visibleBefore.includes(t));
  const wanted: readonly string[] = patch.tags ?? [];
  const removed = patch.tags ? visibleBefore.filter((t) => !wanted.includes(t)) : [];
  if (added.length + removed.length > 0)
    changes.push(fieldChange('tags', visibleBefore, [...patch.tags!].sort()));

  // A new cell or other classes change the layers of the cells left and entered.
  const counted = cell || added.length + removed.length > 0 ? [current.gridCode, gridCode] : [];
  const row = await ctx.db.transaction(async (tx) => {
    const moved = await tx.person.updateMany({
      where: { id, version: patch.version, archivedAt: null },
      data: { ...data, version: { increment: 1 }, updatedAt: now },
    });
    if (moved.count === 0)
      throw new AppError('RECORD_CHANGED', 'The record changed since you read it; reload it and try again.');
    if (removed.length > 0)
      await tx.personTag.deleteMany({ where: { personId: id, tagCode: { in: removed } } });
    if (added.length > 0)
      await tx.personTag.createMany({
        data: added.map((tagCode) => ({ personId: id, tagCode, since: now })),
      });
    if (changes.length > 0)
      await writePersonChange(tx, { personId: id, at: now, userId: user.id, kind: 'UPDATED', changes });
    if (added.length + removed.length > 0) await refreshVisitDue(tx, [id]);
    await recountRegisterCells(tx, 'PERSON', counted, ctx.clock.now());
    return tx.person.findUniqueOrThrow({ where: { id }, select: PERSON_SELECT });
  });
  ctx.events.registerCountsChanged(counted);
  return presentPerson(row, view);
}
