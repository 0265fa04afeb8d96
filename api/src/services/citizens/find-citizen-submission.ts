import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { citizenSubmissionScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** A submission the caller's desk may see (the citizens' policy), or 404. */
export async function findCitizenSubmission(ctx: AppContext, user: AuthUser, id: string) {
  const found = await ctx.db.write.citizenSubmission.findFirst({
    where: { AND: [{ id }, citizenSubmissionScopeWhere(user)] },
  });
  if (!found) throw notFound('No such citizen submission.');
  return found;
}
