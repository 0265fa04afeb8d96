import type { CaseState, UnitLevel } from '@wangge/shared/domain/constants';
import type { CaseEventAction, CaseEventPayloads } from '@wangge/shared/domain/event-payloads';
import type { Tx } from '../db/database';
import type { CaseEvent } from '../generated/prisma/client';
import { assertAttachmentsUsable } from '../services/attachments/check-attachments';
import type { AuthUser } from '../services/auth/auth-user';
import { recordCaseFacts } from './case-facts';
import { queueChannelNotifications } from './channel-notifications';

/** Who an event is attributed to: a user, or the system (timers). */
export type EventActor = Pick<AuthUser, 'id' | 'unitCode' | 'departmentId'> & { role: string };

/** The timer sweep's identity in the log. */
export const SYSTEM_ACTOR: EventActor = { id: 'system', role: 'SYSTEM', unitCode: null, departmentId: null };

/**
 * One event to append. With a literal `action`, `payload` must be that action's
 * (shared/src/domain/event-payloads.ts).
 */
export interface EventInput<A extends CaseEventAction = CaseEventAction> {
  caseId: string;
  action: A;
  actor: EventActor;
  fromState: CaseState | null;
  toState: CaseState;
  fromLevel: UnitLevel | null;
  toLevel: UnitLevel;
  fromUnitCode: string | null;
  toUnitCode: string;
  reason?: string | null;
  payload?: CaseEventPayloads[A];
  /** FEEDBACK and REPORT_IN: within their deadline (the evaluation's 按期 counts read it). */
  onTime?: boolean | null;
  /** A 12345 callback: its rating and the caller's word on the problem (the hotline rates read them). */
  callback?: { rating: string; resolved: boolean } | null;
  gridCode: string;
  countyCode: string;
  reporterId: string;
  /** Departments with a task or whistle call on the case after this event. */
  departmentIds: readonly string[];
  /** The case's followers (CaseFollower) after this event; none at intake. */
  followerIds?: readonly string[];
  at: Date;
}

/** ",a,b," — so one department can be matched with LIKE '%,id,%'. */
export function encodeAudience(departmentIds: readonly string[]): string | null {
  const ids = [...new Set(departmentIds)].sort();
  return ids.length > 0 ? `,${ids.join(',')},` : null;
}

/** The log row for `e`: the one mapping every append uses (intake's raw one too). */
export function eventRow(e: EventInput): Omit<CaseEvent, 'seq'> {
  return {
    caseId: e.caseId,
    action: e.action,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    actorUnitCode: e.actor.unitCode,
    actorDepartmentId: e.actor.departmentId,
    fromState: e.fromState,
    toState: e.toState,
    fromLevel: e.fromLevel,
    toLevel: e.toLevel,
    fromUnitCode: e.fromUnitCode,
    toUnitCode: e.toUnitCode,
    reason: e.reason ?? null,
    payload: e.payload && Object.keys(e.payload).length > 0 ? JSON.stringify(e.payload) : null,
    gridCode: e.gridCode,
    countyCode: e.countyCode,
    reporterId: e.reporterId,
    audienceDepartments: encodeAudience(e.departmentIds),
    audienceUsers: encodeAudience(e.followerIds ?? []),
    onTime: e.onTime ?? null,
    callbackRating: e.callback?.rating ?? null,
    callbackResolved: e.callback?.resolved ?? null,
    createdAt: e.at,
  };
}

/**
 * Appends one immutable event to the case log and returns it (with its sequence number).
 *
 * The caller holds the case's row lock (it updated the case in this transaction, or inserted
 * it), so a case's events commit in seq order. Across cases there is no lock: on PostgreSQL
 * two appends may commit out of seq order, and catch-up reads commit order from the columns
 * the database fills (migrations/postgresql/0012_event_commit_order.sql). A state change of a
 * case a channel follows queues its notification here too (channel-notifications.ts).
 */
export async function appendEvent(tx: Tx, e: EventInput) {
  const [withAudience] = await withFollowers(tx, [e]);
  const event = await tx.caseEvent.create({ data: eventRow(withAudience!) });
  await recordCaseFacts(tx, [event]);
  await queueChannelNotifications(tx, [event]);
  return event;
}

/** Appends `events` in one statement, in order (their seq follows it); returns the rows. As appendEvent. */
export async function appendEvents(tx: Tx, events: readonly EventInput[]) {
  if (events.length === 0) return [];
  const complete = await withFollowers(tx, events);
  const rows = (await tx.caseEvent.createManyAndReturn({ data: complete.map(eventRow) })).sort(
    (a, b) => a.seq - b.seq,
  );
  await recordCaseFacts(tx, rows);
  await queueChannelNotifications(tx, rows);
  return rows;
}

/**
 * The events with their case's followers (CaseFollower) as of now, unless the caller gave
 * them: every event goes to the followers as to the reporter (docs/realtime.md), on whichever
 * path it is appended — actions, the timer sweep, attach and merge.
 */
async function withFollowers(tx: Tx, events: readonly EventInput[]): Promise<EventInput[]> {
  const missing = [...new Set(events.filter((e) => e.followerIds === undefined).map((e) => e.caseId))];
  if (missing.length === 0) return [...events];
  const rows = await tx.caseFollower.findMany({
    where: { caseId: { in: missing } },
    select: { caseId: true, userId: true },
  });
  return events.map((e) =>
    e.followerIds !== undefined
      ? e
      : { ...e, followerIds: rows.filter((r) => r.caseId === e.caseId).map((r) => r.userId) },
  );
}

/**
 * Links uploaded attachments to a case step. Each must have been uploaded by the actor and
 * not be linked yet; otherwise the whole transaction fails listing every bad id.
 */
export async function linkAttachments(
  tx: Tx,
  ids: readonly string[] | undefined,
  actor: AuthUser,
  caseId: string,
  eventSeq: number,
): Promise<void> {
  if (!ids || ids.length === 0) return;
  const unique = [...new Set(ids)];
  const found = await tx.attachment.findMany({ where: { id: { in: unique } } });
  const byId = new Map(found.map((a) => [a.id, a]));
  assertAttachmentsUsable(
    unique.map((id) => byId.get(id)),
    actor.id,
  );
  await tx.attachment.updateMany({ where: { id: { in: unique } }, data: { caseId, eventSeq } });
}
