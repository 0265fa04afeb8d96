import type { AppContext } from '../../context';
import { forbidden, notFound } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { writePersonChange } from './person-changes';
import { recountRegisterCells } from './recount-register-cells';

/** The name an anonymised record keeps (the row stays so its history and access log still resolve). */
export const ANONYMISED_NAME = '（已匿名）';

/**
 * Anonymises one person (an admin, on a request under PIPL art. 47): the name, the ciphertexts,
 * blind indexes and masked forms, the derived birth date and sex, the address and the classes
 * are destroyed in one transaction; the history (field names and non-personal values only) and
 * the access log stay. The record then no longer appears in any list or search.
 */
export async function anonymisePerson(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ id: string; anonymisedAt: Date }> {
  if (user.role !== 'ADMIN') throw forbidden('Only an administrator anonymises a register record.');
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => {
    const found = await tx.person.findUnique({
      where: { id },
      select: { anonymisedAt: true, gridCode: true },
    });
    if (!found) throw notFound('No such person.');
    if (found.anonymisedAt) return { id, anonymisedAt: found.anonymisedAt, gridCode: null };
    await tx.personTag.deleteMany({ where: { personId: id } });
    await tx.person.update({
      where: { id },
      data: {
        name: ANONYMISED_NAME,
        idNumberCipher: null,
        idNumberIndex: null,
        idNumberMasked: null,
        phoneCipher: null,
        phoneIndex: null,
        phoneMasked: null,
        sex: null,
        birthDate: null,
        placeId: null,
        visitDueDay: null,
        anonymisedAt: now,
        updatedAt: now,
        version: { increment: 1 },
      },
    });
    await writePersonChange(tx, { personId: id, at: now, userId: user.id, kind: 'ANONYMISED', changes: [] });
    await recountRegisterCells(tx, 'PERSON', [found.gridCode], ctx.clock.now());
    return { id, anonymisedAt: now, gridCode: found.gridCode };
  });
  if (done.gridCode) ctx.events.registerCountsChanged([done.gridCode]);
  return { id: done.id, anonymisedAt: done.anonymisedAt };
}
