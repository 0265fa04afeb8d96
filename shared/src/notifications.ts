import { type CaseSource, CITIZEN_SOURCES } from './domain/constants';

/**
 * What a person is told about without the screen open (the bell, Web Push). A notification is
 * not a separate record: it is a case event read for one person, so it is never lost, never
 * duplicated, and kept for as long as the log (the person only keeps a read mark).
 */
export const NOTIFICATION_KINDS = [
  /** My report moved (registered, dispatched, closed, sent back …). */
  'REPORT_MOVED',
  /** A task offered to my department (派遣) or my department whistled (吹哨). */
  'TASK_OFFERED',
  /** A deadline of a case my desk or my department holds turned yellow. */
  'DEADLINE_YELLOW',
  /** … or passed (red). */
  'DEADLINE_RED',
  /** A supervision order (督办) on a case my desk or my department holds. */
  'SUPERVISED',
  /** A hotline or citizen case closed: the 12345 desk calls back (回访). */
  'CALLBACK_DUE',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification as GET /api/notifications lists it. */
export interface Notification {
  seq: number;
  kind: NotificationKind;
  caseId: string;
  caseCode: string;
  caseTitle: string;
  action: string;
  toState: string;
  actorName: string;
  createdAt: string;
  read: boolean;
}

/** The case event fields that decide who is told. */
export interface NotifiableEvent {
  action: string;
  actorId: string;
  toUnitCode: string;
  reporterId: string;
  /** Departments with a task or a whistle call on the case when the event was appended. */
  departmentIds: readonly string[];
  source: CaseSource | string;
}

export interface Recipient {
  id: string;
  role: string;
  unitCode: string | null;
  departmentId: string | null;
}

/** Actions that can notify anyone: the server reads only these, clients refresh only on these. */
export const NOTIFYING_ACTIONS: readonly string[] = [
  'REGISTER',
  'REJECT',
  'REQUEST_VERIFY',
  'VERIFY_CONFIRM',
  'VERIFY_REFUTE',
  'APPROVE_SELF_RESOLUTION',
  'REJECT_SELF_RESOLUTION',
  'ESCALATE',
  'AUTO_ESCALATE',
  'DECLINE_ESCALATION',
  'RESOLVE_AT_LEVEL',
  'DISPATCH',
  'ACCEPT_RETURN',
  'FEEDBACK',
  'CHECK_PASS',
  'CHECK_FAIL',
  'CLOSE',
  'WHISTLE',
  'YELLOW_CARD',
  'RED_CARD',
  'SUPERVISE',
];

/** Desks that own cases at their unit (立案, 派遣, 结案). */
const DESKS = ['DISPATCHER', 'STATION_OPERATOR'];
/** People who report and want to know what became of it. */
const REPORTERS = ['GRID_WORKER', 'HOTLINE'];

/** Whether the case is on this person's desk or with their department. */
function holds(e: NotifiableEvent, u: Recipient): boolean {
  if (DESKS.includes(u.role)) return u.unitCode === e.toUnitCode;
  if (u.role === 'DEPT_STAFF') return u.departmentId !== null && e.departmentIds.includes(u.departmentId);
  return false;
}

/** What `e` means for `u`, or null when it is none of their business (or their own doing). */
export function notificationFor(e: NotifiableEvent, u: Recipient): NotificationKind | null {
  if (e.actorId === u.id || !NOTIFYING_ACTIONS.includes(e.action)) return null;
  if (e.action === 'DISPATCH' || e.action === 'WHISTLE') {
    if (u.role === 'DEPT_STAFF' && u.departmentId && e.departmentIds.includes(u.departmentId))
      return 'TASK_OFFERED';
  }
  if (e.action === 'YELLOW_CARD' || e.action === 'RED_CARD') {
    return holds(e, u) ? (e.action === 'YELLOW_CARD' ? 'DEADLINE_YELLOW' : 'DEADLINE_RED') : null;
  }
  if (e.action === 'SUPERVISE') return holds(e, u) ? 'SUPERVISED' : null;
  if (e.action === 'CLOSE' && u.role === 'HOTLINE' && CITIZEN_SOURCES.includes(e.source as CaseSource))
    return 'CALLBACK_DUE';
  if (e.reporterId === u.id && REPORTERS.includes(u.role)) return 'REPORT_MOVED';
  return null;
}

/**
 * Whether an event as the socket carries it (no reporter, no departments) may concern `u`: a
 * bell refreshes only then. Permissive where the message cannot tell (reporters, departments),
 * exact for desks, and never for roles the rule never tells (command centres, admins), whose
 * screens receive every event of their jurisdiction.
 */
export function mayConcern(
  e: Pick<NotifiableEvent, 'action' | 'actorId' | 'toUnitCode'>,
  u: Recipient,
): boolean {
  if (e.actorId === u.id || !NOTIFYING_ACTIONS.includes(e.action)) return false;
  if (REPORTERS.includes(u.role) || u.role === 'DEPT_STAFF') return true;
  return DESKS.includes(u.role) && u.unitCode === e.toUnitCode;
}
