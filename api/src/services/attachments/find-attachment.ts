import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/**
 * An attachment the caller may see: their own upload, one on a case they may open (the case
 * policy), or one on a duplicate merged into such a case.
 */
export async function findAttachment(ctx: AppContext, user: AuthUser, id: string) {
  const a = await ctx.db.read.attachment.findUnique({ where: { id } });
  if (!a) throw notFound('No such attachment.');
  if (a.uploaderId === user.id) return a;
  if (!a.caseId) throw notFound('No such attachment.');
  const visible = await ctx.db.read.case.count({ where: { AND: [{ id: a.caseId }, caseScopeWhere(user)] } });
  if (visible > 0) return a;
  // A merged duplicate's photos follow its master (并案): readable by whoever may open the master.
  const owner = await ctx.db.read.case.findUnique({
    where: { id: a.caseId },
    select: { mergedIntoId: true },
  });
  const master = owner?.mergedIntoId
    ? await ctx.db.read.case.count({ where: { AND: [{ id: owner.mergedIntoId }, caseScopeWhere(user)] } })
    : 0;
  if (master === 0) throw notFound('No such attachment.');
  return a;
}
