import { availableActions } from '@wangge/shared/workflow/evaluate';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { caseScopeWhere } from './case-scope';
import { presentCaseDetail } from './present-case';
import { toWorkflowCase } from './to-workflow-case';

/** One case with its tasks, full event log, attachments and the caller's available actions. */
export async function getCase(ctx: AppContext, user: AuthUser, caseId: string) {
  const c = await ctx.db.read.case.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(user)] },
    include: {
      tasks: { orderBy: { dispatchedAt: 'asc' } },
      events: { orderBy: { seq: 'asc' } },
      whistles: { orderBy: { calledAt: 'asc' } },
    },
  });
  if (!c) throw notFound('No such case.');
  const attachments = await ctx.db.read.attachment.findMany({
    where: { caseId: c.id },
    orderBy: { createdAt: 'asc' },
  });
  const now = ctx.clock.now();
  return presentCaseDetail(
    c,
    c.tasks,
    c.whistles,
    c.events,
    attachments,
    availableActions(toWorkflowCase(c), user, now),
    now,
  );
}
