import { availableActions } from '@wangge/shared/workflow/evaluate';
import type { AppContext } from '../../context';
import type { CaseEvent } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import type { CaseWithTasks } from './action-effects';
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
  const names = loadNames(ctx, c);
  const detail = presentCaseDetail(
    c,
    c.tasks,
    c.whistles,
    c.events,
    attachments,
    availableActions(toWorkflowCase(c), user, now),
    now,
  );
  return { ...detail, names };
}

/** Names of the units, cell and departments a case mentions, so screens show words, not codes. */
export function loadNames(
  ctx: AppContext,
  c: Pick<CaseWithTasks, 'ownerUnitCode' | 'villageCode' | 'townshipCode' | 'countyCode' | 'gridCode'> & {
    tasks: { departmentId: string }[];
    whistles: { departmentId: string }[];
    events: CaseEvent[];
  },
) {
  const unitCodes = new Set([c.ownerUnitCode, c.villageCode, c.townshipCode, c.countyCode]);
  const departmentIds = new Set([
    ...c.tasks.map((t) => t.departmentId),
    ...c.whistles.map((w) => w.departmentId),
  ]);
  for (const e of c.events) {
    unitCodes.add(e.toUnitCode);
    if (e.actorUnitCode) unitCodes.add(e.actorUnitCode);
    if (e.actorDepartmentId) departmentIds.add(e.actorDepartmentId);
  }
  const named = <T>(keys: Set<string>, lookup: (k: string) => T | undefined) =>
    Object.fromEntries(
      [...keys].flatMap((k) => {
        const v = lookup(k);
        return v === undefined ? [] : [[k, v]];
      }),
    );
  return {
    units: named(unitCodes, ctx.reference.unitName),
    departments: named(departmentIds, (id) => ctx.reference.department(id)?.name),
    grid: ctx.reference.gridName(c.gridCode) ?? c.gridCode,
  };
}
