import type { AppContext } from '../../context';
import { forbidden, notFound } from '../../http/app-error';
import type { RegisterView } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';

/**
 * The full ID number and phone of a person the caller sees, for a stated purpose. The access
 * log row is committed before anything is decrypted and answered: no reveal goes unlogged.
 */
export async function revealPerson(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  id: string,
  purpose: string,
): Promise<{ idNumber: string | null; phone: string | null }> {
  const row = await ctx.db.read.person.findFirst({
    where: { AND: [view.where, { id }] },
    select: { idNumberCipher: true, phoneCipher: true },
  });
  if (!row) throw notFound('No such person.');
  if (!view.mayReveal) throw forbidden('Your role may not reveal ID numbers or phones.');
  const fields = [...(row.idNumberCipher ? ['idNumber'] : []), ...(row.phoneCipher ? ['phone'] : [])];
  await ctx.db.transaction((tx) =>
    tx.registerAccess.create({
      data: {
        at: ctx.clock.now(),
        userId: user.id,
        username: user.username,
        role: user.role,
        action: 'REVEAL',
        personId: id,
        fields: fields.join(','),
        purpose,
      },
    }),
  );
  const cipher = ctx.registerCipher;
  return {
    idNumber: row.idNumberCipher ? cipher.decrypt('idNumber', row.idNumberCipher) : null,
    phone: row.phoneCipher ? cipher.decrypt('phone', row.phoneCipher) : null,
  };
}
