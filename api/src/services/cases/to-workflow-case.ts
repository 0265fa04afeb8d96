import type { CaseSource } from '@wangge/shared/domain/constants';
import type { WorkflowCase } from '@wangge/shared/workflow/types';
import type { CaseWithTasks } from './action-effects';

/** The workflow's view of a stored case. */
export function toWorkflowCase(c: CaseWithTasks): WorkflowCase {
  return {
    state: c.state,
    ownerLevel: c.ownerLevel,
    ownerUnitCode: c.ownerUnitCode,
    gridCode: c.gridCode,
    source: c.source as CaseSource,
    reporterId: c.reporterId,
    extensionDays: c.extensionDays,
    handleDeadline: c.handleDeadline,
    tasks: c.tasks.map((t) => ({
      departmentId: t.departmentId,
      isLead: t.isLead,
      state: t.state,
      claimedAt: t.claimedAt,
      returnDeadline: t.returnDeadline,
    })),
    whistles: c.whistles.map((w) => ({ departmentId: w.departmentId, reportedInAt: w.reportedInAt })),
  };
}
