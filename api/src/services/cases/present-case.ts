import { CASE_COLUMNS } from '../../case-log/new-report';
import type { Attachment, Case, CaseEvent, Task, WhistleCall } from '../../generated/prisma/client';

/** Columns only the detail shows; a summary (lists read only these) shows every other one. */
const DETAIL_ONLY = [
  'description',
  'isUrban',
  'reporterId',
  'yellowAt',
  'alarmLevel',
  'supervisionDeadline',
  'supervisedByUnitCode',
  'suspendedAt',
  'thingId',
] as const;
type SummaryColumn = Exclude<(typeof CASE_COLUMNS)[number], (typeof DETAIL_ONLY)[number]>;
export const SUMMARY_COLUMNS = CASE_COLUMNS.filter(
  (c): c is SummaryColumn => !(DETAIL_ONLY as readonly string[]).includes(c),
);
export type CaseSummaryRow = Pick<Case, SummaryColumn>;

/** A case as lists show it. */
export function presentCaseSummary(c: CaseSummaryRow, now: Date) {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    categoryCode: c.categoryCode,
    source: c.source,
    priority: c.priority,
    state: c.state,
    ownerLevel: c.ownerLevel,
    ownerUnitCode: c.ownerUnitCode,
    gridCode: c.gridCode,
    villageCode: c.villageCode,
    townshipCode: c.townshipCode,
    countyCode: c.countyCode,
    location: { lon: c.lon, lat: c.lat },
    address: c.address,
    leadDepartmentId: c.leadDepartmentId,
    reworkCount: c.reworkCount,
    extensionDays: c.extensionDays,
    version: c.version,
    deadlines: { stage: c.stageDeadline, handle: c.handleDeadline },
    // Overdue from the deadline instant on, as the timer sweep raises the red card (lte).
    isOverdue: c.stageDeadline !== null && c.stageDeadline <= now,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    /** A merged duplicate (state MERGED): the master case it follows. */
    mergedIntoId: c.mergedIntoId,
  };
}

/** One entry of the case's event log, with the attachments added at that step. */
export function presentEvent(e: CaseEvent, attachments: Attachment[]) {
  return {
    seq: e.seq,
    action: e.action,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorUnitCode: e.actorUnitCode,
    actorDepartmentId: e.actorDepartmentId,
    fromState: e.fromState,
    toState: e.toState,
    fromLevel: e.fromLevel,
    toLevel: e.toLevel,
    fromUnitCode: e.fromUnitCode,
    toUnitCode: e.toUnitCode,
    reason: e.reason,
    payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : null,
    attachments: attachments.map(presentAttachment),
    createdAt: e.createdAt,
  };
}

export function presentAttachment(a: Attachment) {
  return { id: a.id, mime: a.mime, size: a.size, fileName: a.fileName, url: `/api/attachments/${a.id}` };
}

export function presentTask(t: Task) {
  return {
    id: t.id,
    departmentId: t.departmentId,
    isLead: t.isLead,
    state: t.state,
    round: t.round,
    dispatchedAt: t.dispatchedAt,
    claimDeadline: t.claimDeadline,
    returnDeadline: t.returnDeadline,
    handleDeadline: t.handleDeadline,
    claimedAt: t.claimedAt,
    claimedById: t.claimedById,
    returnReason: t.returnReason,
    extensionDaysRequested: t.extensionDays,
    fedBackAt: t.fedBackAt,
    closedAt: t.closedAt,
  };
}

/** A case with its tasks, full event log (each event with its attachments) and the caller's actions. */
export function presentCaseDetail(
  c: Case,
  tasks: Task[],
  whistles: WhistleCall[],
  events: CaseEvent[],
  attachments: Attachment[],
  availableActions: readonly string[],
  now: Date,
) {
  return {
    ...presentCaseSummary(c, now),
    description: c.description,
    thingId: c.thingId,
    reporterId: c.reporterId,
    suspendedAt: c.suspendedAt,
    tasks: tasks.map(presentTask),
    whistles: whistles.map((w) => ({
      departmentId: w.departmentId,
      calledAt: w.calledAt,
      deadline: w.deadline,
      reportedInAt: w.reportedInAt,
      reportedInById: w.reportedInById,
    })),
    events: events.map((e) =>
      presentEvent(
        e,
        attachments.filter((a) => a.eventSeq === e.seq),
      ),
    ),
    availableActions,
  };
}
