import type { AppContext } from '../../context';
import { forbidden, notFound } from '../../http/app-error';
import { caseScopeWhere, mayRevealCaller } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { findCaseCallers } from './find-case-caller';

/**
 * A 12345 caller's full phone, for a stated purpose, to the hotline or the owning level
 * (mayRevealCaller). Logged in the register's access log (action REVEAL_CALLER, the case named)
 * and committed before anything is decrypted: no reveal goes unlogged. A case the user may not
 * read, or one without a caller's phone, is 404; a reader who may not reveal, 403.
 */
export async function revealCaller(
  ctx: AppContext,
  user: AuthUser,
  caseId: string,
  purpose: string,
): Promise<{ phone: string }> {
  const c = await ctx.db.read.case.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(user)] },
    select: { id: true, ownerUnitCode: true },
  });
  if (!c) throw notFound('No such case.');
  const caller = (await findCaseCallers(ctx, [caseId])).get(caseId);
  if (!caller?.phoneCipher) throw notFound('This case has no caller phone.');
  if (!mayRevealCaller(user, c))
    throw forbidden("Only the hotline and the case's owning level may reveal a caller's phone.");
  await ctx.db.transaction((tx) =>
    tx.registerAccess.create({
      data: {
        at: ctx.clock.now(),
        userId: user.id,
        username: user.username,
        role: user.role,
        action: 'REVEAL_CALLER',
        caseId,
        fields: 'callerPhone',
        purpose,
      },
    }),
  );
  return { phone: ctx.registerCipher.decrypt('phone', caller.phoneCipher) };
}
