import type { TCaseActionInput } from '../schemas/cases';
import type { CaseSource } from './constants';

/**
 * What each kind of case event records in its payload (the JSON column of CaseEvent): one
 * discriminated union, keyed by the event's action, for the writers (api/src/case-log/ and the
 * callers that decide an event) and the readers (case history, live map, exports).
 *
 * An action's payload is what its input carried — except `action`, `version` and `reason`,
 * which have columns of their own — plus what the workflow decided (`ActionEffectPayloads`).
 */
type ActionName = TCaseActionInput['action'];
type InputPart<A extends ActionName> = Omit<
  Extract<TCaseActionInput, { action: A }>,
  'action' | 'version' | 'reason'
>;

/** A department sent back to work: rework (核查不通过) or a dissatisfied callback. */
interface Redo {
  departmentId?: string;
  round?: number;
}

/** What the workflow adds to an action's payload (api/src/services/cases/action-effects.ts). */
export interface ActionEffectPayloads {
  ESCALATE: { fromUnitCode: string };
  DISPATCH: { leadDepartmentId: string; coDepartmentIds: string[]; handleDeadline: string };
  CLAIM: { taskId: string; departmentId: string; isLead: boolean };
  REQUEST_RETURN: { reasonCode: string; departmentId: string };
  ACCEPT_RETURN: { departmentId: string };
  REJECT_RETURN: { departmentId: string };
  REQUEST_EXTENSION: { days: number };
  APPROVE_EXTENSION: { days: number; handleDeadline: string };
  RESUME: { parkedWorkingMs: number; handleDeadline: string };
  FEEDBACK: { departmentId: string; onTime: boolean };
  CO_FEEDBACK: { taskId: string; departmentId: string };
  CHECK_FAIL: Redo;
  CALLBACK_SATISFIED: { satisfied: true; rating?: 'SATISFIED' | 'BASIC'; resolved?: boolean };
  CALLBACK_DISSATISFIED: Redo & { satisfied: false; resolved?: boolean };
  WHISTLE: { departmentIds: string[]; deadline: string };
  SUPERVISE: { days: number; deadline: string; unitCode: string | null };
  REPORT_IN: { departmentId: string | null; onTime: boolean };
}

/** Payloads of the events no person's action writes: intake and the timer sweep. */
export interface SystemEventPayloads {
  REPORT: { source: CaseSource; location: { lon: number; lat: number }; categoryCode: string };
  YELLOW_CARD: { deadline?: string };
  RED_CARD: { deadline?: string; unitCode: string };
  AUTO_ESCALATE: { fromUnitCode: string; missedDeadline?: string };
}

/** Payloads of the duplicate events (并案, docs/channels.md): attach and merge. */
export interface MergeEventPayloads {
  /** A report attached to this open case instead of a new one: its reporter now follows it. */
  ATTACH: {
    description: string;
    location: { lon: number; lat: number };
    address?: string;
    source: CaseSource;
    attachmentIds: string[];
  };
  /** This duplicate was merged into a master (state MERGED): its reporters and ids follow it. */
  MERGE: { masterId: string; masterCode: string; note?: string };
  /** A duplicate was merged into this case (state unchanged): its reporters now follow it. */
  MERGE_IN: { duplicateId: string; duplicateCode: string; followerIds: string[]; refs: number };
}

type EffectPart<A extends ActionName> = A extends keyof ActionEffectPayloads
  ? ActionEffectPayloads[A]
  : unknown;

export type CaseEventPayloads = { [A in ActionName]: InputPart<A> & EffectPart<A> } & SystemEventPayloads &
  MergeEventPayloads;
export type CaseEventAction = keyof CaseEventPayloads;

/** An event's action with its payload, narrowed together by `action`. */
export type TypedPayload = {
  [A in CaseEventAction]: { action: A; payload: CaseEventPayloads[A] };
}[CaseEventAction];

/**
 * An event's payload as the payload of `action`, or null when the event is another kind (or
 * has none): how readers narrow an event they received (a socket message, a history row).
 */
export function payloadOf<A extends CaseEventAction>(
  event: { action: string; payload: unknown },
  action: A,
): Partial<CaseEventPayloads[A]> | null {
  if (event.action !== action || typeof event.payload !== 'object' || event.payload === null) return null;
  // Events written before a field existed may lack it: readers get every field as optional.
  return event.payload as Partial<CaseEventPayloads[A]>;
}
