import { MAX_EXTENSION_WORKING_DAYS } from '../calendar/time-limits';
import { type CaseState, CITIZEN_SOURCES } from '../domain/constants';
import { isWithin, levelOfCode } from '../domain/unit-codes';
import type { CaseAction } from './actions';
import type { WorkflowActor, WorkflowCase, WorkflowTask } from './types';

/** Why a guard refuses. */
export interface GuardFailure {
  kind: 'STATE' | 'RULE';
  message: string;
}

const rule = (message: string): GuardFailure => ({ kind: 'RULE', message });

/** One row of the transition table. */
export interface ActionRule {
  from: readonly CaseState[];
  /** Whether this actor is the party that may take the action on this case. */
  isParty: (c: WorkflowCase, a: WorkflowActor) => boolean;
  /** The state the case moves to (for this actor: a co-handler's claim moves nothing). */
  to: (c: WorkflowCase, a: WorkflowActor) => CaseState;
  /**
   * A check beyond state and party; returns why it fails, or null. `STATE` failures are
   * conflicts with the case as it is now (409); `RULE` failures break a business rule (422).
   */
  guard?: (c: WorkflowCase, a: WorkflowActor, now: Date) => GuardFailure | null;
}

/** The lead task that is still live (not returned or cancelled). */
export function findActiveLeadTask(c: WorkflowCase): WorkflowTask | undefined {
  return c.tasks.find((t) => t.isLead && t.state !== 'RETURNED' && t.state !== 'CANCELLED');
}

/** The operator of the level that owns the case: village station or a centre's dispatcher. */
function isOwnerOperator(c: WorkflowCase, a: WorkflowActor): boolean {
  return (a.role === 'STATION_OPERATOR' || a.role === 'DISPATCHER') && a.unitCode === c.ownerUnitCode;
}

function isOwnerDispatcher(c: WorkflowCase, a: WorkflowActor): boolean {
  return a.role === 'DISPATCHER' && a.unitCode === c.ownerUnitCode;
}

function isCellWorker(c: WorkflowCase, a: WorkflowActor): boolean {
  return a.role === 'GRID_WORKER' && a.gridCodes.includes(c.gridCode);
}

function isLeadDepartment(c: WorkflowCase, a: WorkflowActor): boolean {
  const lead = findActiveLeadTask(c);
  return a.role === 'DEPT_STAFF' && lead !== undefined && lead.departmentId === a.departmentId;
}

/** The live task of the actor's department on the case (lead or co-handler). */
function findOwnTask(c: WorkflowCase, a: WorkflowActor): WorkflowTask | undefined {
  if (a.role !== 'DEPT_STAFF') return undefined;
  return c.tasks.find(
    (t) => t.departmentId === a.departmentId && t.state !== 'RETURNED' && t.state !== 'CANCELLED',
  );
}

/** County or city centre above the case: only they approve suspension (挂账). */
function isSuspendingCentre(c: WorkflowCase, a: WorkflowActor): boolean {
  if (a.role !== 'DISPATCHER' || !a.unitCode) return false;
  const level = levelOfCode(a.unitCode);
  return (level === 'COUNTY' || level === 'CITY') && isWithin(c.gridCode, a.unitCode);
}

/** A centre strictly above the level that owns the case (督办 comes from above). */
function isUpperCentre(c: WorkflowCase, a: WorkflowActor): boolean {
  return (
    a.role === 'DISPATCHER' &&
    a.unitCode !== null &&
    a.unitCode !== c.ownerUnitCode &&
    isWithin(c.ownerUnitCode, a.unitCode)
  );
}

function isCallbackOperator(c: WorkflowCase, a: WorkflowActor): boolean {
  return a.role === 'HOTLINE' && CITIZEN_SOURCES.includes(c.source);
}

/** Back to the lead department if there is one, else back to the owning level. */
function toRedo(c: WorkflowCase): CaseState {
  return findActiveLeadTask(c) ? 'DISPATCHED' : 'REGISTERED';
}

/** States in which a centre may whistle departments: the case is live at its level. */
const WHISTLE_STATES: CaseState[] = [
  'REGISTERED',
  'DISPATCHED',
  'CLAIMED',
  'EXTENSION_REQUESTED',
  'RETURN_REQUESTED',
];

/** The transition table of domain.md §4 (see docs/workflow.md for the diagram). */
export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  REGISTER: { from: ['REPORTED', 'ESCALATED'], isParty: isOwnerOperator, to: () => 'REGISTERED' },
  REJECT: { from: ['REPORTED'], isParty: isOwnerOperator, to: () => 'REJECTED' },
  REQUEST_VERIFY: { from: ['REPORTED'], isParty: isOwnerOperator, to: () => 'VERIFYING' },
  VERIFY_CONFIRM: { from: ['VERIFYING'], isParty: isCellWorker, to: () => 'REGISTERED' },
  VERIFY_REFUTE: { from: ['VERIFYING'], isParty: isCellWorker, to: () => 'REJECTED' },
  SELF_RESOLVE: { from: ['REPORTED'], isParty: isCellWorker, to: () => 'SELF_RESOLVED' },
  APPROVE_SELF_RESOLUTION: {
    from: ['SELF_RESOLVED'],
    isParty: isOwnerOperator,
    to: () => 'CLOSED',
  },
  REJECT_SELF_RESOLUTION: {
    from: ['SELF_RESOLVED'],
    isParty: isOwnerOperator,
    to: () => 'REGISTERED',
  },
  ESCALATE: {
    from: ['REGISTERED'],
    isParty: isOwnerOperator,
    to: () => 'ESCALATED',
    guard: (c) => (c.ownerLevel === 'CITY' ? rule('the city is the highest level') : null),
  },
  DECLINE_ESCALATION: {
    from: ['ESCALATED'],
    isParty: isOwnerOperator,
    to: () => 'REGISTERED',
  },
  RESOLVE_AT_LEVEL: { from: ['REGISTERED'], isParty: isOwnerOperator, to: () => 'CHECKING' },
  DISPATCH: { from: ['REGISTERED'], isParty: isOwnerDispatcher, to: () => 'DISPATCHED' },
  CLAIM: {
    from: ['DISPATCHED', 'CLAIMED', 'EXTENSION_REQUESTED'],
    isParty: (c, a) => findOwnTask(c, a) !== undefined,
    // Whoever claims the lead task moves the case; a co-handler's claim leaves it as it is.
    to: (c, a) => (c.state === 'DISPATCHED' && findOwnTask(c, a)?.isLead ? 'CLAIMED' : c.state),
    guard: (c, a) => {
      const own = findOwnTask(c, a);
      if (own?.state !== 'DISPATCHED')
        return { kind: 'STATE', message: 'your department has already claimed this task' };
      if (own.isLead && c.state !== 'DISPATCHED') return { kind: 'STATE', message: `the case is ${c.state}` };
      return null;
    },
  },
  REQUEST_RETURN: {
    from: ['DISPATCHED', 'CLAIMED'],
    isParty: isLeadDepartment,
    to: () => 'RETURN_REQUESTED',
    guard: (c, _a, now) => {
      const lead = findActiveLeadTask(c);
      return lead && now > lead.returnDeadline
        ? rule('the return window (2 working days from dispatch) has passed')
        : null;
    },
  },
  ACCEPT_RETURN: { from: ['RETURN_REQUESTED'], isParty: isOwnerDispatcher, to: () => 'REGISTERED' },
  REJECT_RETURN: {
    from: ['RETURN_REQUESTED'],
    isParty: isOwnerDispatcher,
    to: (c) => (findActiveLeadTask(c)?.claimedAt ? 'CLAIMED' : 'DISPATCHED'),
  },
  REQUEST_EXTENSION: {
    from: ['CLAIMED'],
    isParty: isLeadDepartment,
    to: () => 'EXTENSION_REQUESTED',
    guard: (c, _a, now) => {
      if (c.extensionDays >= MAX_EXTENSION_WORKING_DAYS) {
        return rule(`extensions are limited to ${MAX_EXTENSION_WORKING_DAYS} working days in total`);
      }
      if (c.handleDeadline && now > c.handleDeadline) {
        return rule('an extension must be requested before the deadline');
      }
      return null;
    },
  },
  APPROVE_EXTENSION: {
    from: ['EXTENSION_REQUESTED'],
    isParty: isOwnerDispatcher,
    to: () => 'CLAIMED',
  },
  REJECT_EXTENSION: {
    from: ['EXTENSION_REQUESTED'],
    isParty: isOwnerDispatcher,
    to: () => 'CLAIMED',
  },
  SUSPEND: { from: ['CLAIMED'], isParty: isSuspendingCentre, to: () => 'SUSPENDED' },
  RESUME: { from: ['SUSPENDED'], isParty: isSuspendingCentre, to: () => 'CLAIMED' },
  FEEDBACK: { from: ['CLAIMED'], isParty: isLeadDepartment, to: () => 'CHECKING' },
  CO_FEEDBACK: {
    from: ['CLAIMED', 'EXTENSION_REQUESTED', 'RETURN_REQUESTED'],
    isParty: (c, a) => findOwnTask(c, a)?.isLead === false,
    to: (c) => c.state,
    guard: (c, a) =>
      findOwnTask(c, a)?.state === 'CLAIMED'
        ? null
        : { kind: 'STATE', message: 'your department must claim its task first, and feeds back once' },
  },
  CHECK_PASS: {
    from: ['CHECKING'],
    isParty: (c, a) => isCellWorker(c, a) || isOwnerOperator(c, a),
    to: () => 'CHECKED',
  },
  CHECK_FAIL: {
    from: ['CHECKING'],
    isParty: (c, a) => isCellWorker(c, a) || isOwnerOperator(c, a),
    to: toRedo,
  },
  CLOSE: { from: ['CHECKED'], isParty: isOwnerOperator, to: () => 'CLOSED' },
  CALLBACK_SATISFIED: { from: ['CLOSED'], isParty: isCallbackOperator, to: () => 'ARCHIVED' },
  CALLBACK_DISSATISFIED: { from: ['CLOSED'], isParty: isCallbackOperator, to: toRedo },
  WHISTLE: { from: WHISTLE_STATES, isParty: isOwnerDispatcher, to: (c) => c.state },
  SUPERVISE: {
    from: [
      'REPORTED',
      'REGISTERED',
      'ESCALATED',
      'DISPATCHED',
      'CLAIMED',
      'EXTENSION_REQUESTED',
      'RETURN_REQUESTED',
    ],
    isParty: isUpperCentre,
    to: (c) => c.state,
  },
  REPORT_IN: {
    from: [...WHISTLE_STATES, 'SUSPENDED', 'CHECKING', 'CHECKED', 'ESCALATED'],
    isParty: (c, a) =>
      a.role === 'DEPT_STAFF' && c.whistles.some((w) => w.departmentId === a.departmentId && !w.reportedInAt),
    to: (c) => c.state,
  },
};
