import type { CaseEventMessage, EventAudience } from '@wangge/shared/realtime/index';
import type { CaseEvent } from '../generated/prisma/client';

/** The pushed form of a log row (live or replayed). */
export function toCaseEventMessage(
  e: CaseEvent,
  caseCode: string,
  actorName: string,
  replayed: boolean,
): CaseEventMessage {
  return {
    seq: e.seq,
    caseId: e.caseId,
    caseCode,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    fromLevel: e.fromLevel,
    toLevel: e.toLevel,
    toUnitCode: e.toUnitCode,
    gridCode: e.gridCode,
    actor: {
      id: e.actorId,
      role: e.actorRole as CaseEventMessage['actor']['role'],
      unitCode: e.actorUnitCode,
      departmentId: e.actorDepartmentId,
      name: actorName,
    },
    reason: e.reason,
    payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : null,
    createdAt: e.createdAt.toISOString(),
    replayed,
  };
}

/** Who a log row goes to, from the audience columns fixed when it was appended. */
export function audienceOf(
  e: Pick<CaseEvent, 'caseId' | 'gridCode' | 'reporterId' | 'audienceDepartments'> &
    Partial<Pick<CaseEvent, 'audienceUsers'>>,
): EventAudience {
  return {
    caseId: e.caseId,
    gridCode: e.gridCode,
    reporterId: e.reporterId,
    departmentIds: e.audienceDepartments ? e.audienceDepartments.split(',').filter(Boolean) : [],
    followerIds: e.audienceUsers ? e.audienceUsers.split(',').filter(Boolean) : [],
  };
}
