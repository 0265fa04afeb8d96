import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** An attachment the caller may see: their own upload, or one on a case in their jurisdiction. */
export async function findAttachment(ctx: AppContext, user: AuthUser, id: string) {
  const a = await ctx.db.read.attachment.findUnique({ where: { id } });
  if (!a) throw notFound('No such attachment.');
  if (a.uploaderId === user.id) return a;
  if (!a.caseId) throw notFound('No such attachment.');
  const visible = await ctx.db.read.case.count({ where: { AND: [{ id: a.caseId }, caseScopeWhere(user)] } });
  if (visible === 0) throw notFound('No such attachment.');
  return a;
}
