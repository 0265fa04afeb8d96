import type { CaseState, UnitLevel } from '@wangge/shared/domain/constants';
import type { CaseEventPayloads } from '@wangge/shared/domain/event-payloads';
import type { Tx } from '../db/database';
import type { Case } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { appendEvent, linkAttachments } from './events';

/** A report attached to an existing case (并案 at intake), as the service decided it. */
export interface AttachedReport {
  current: Pick<
    Case,
    'id' | 'state' | 'ownerLevel' | 'ownerUnitCode' | 'gridCode' | 'countyCode' | 'reporterId'
  >;
  actor: AuthUser;
  payload: CaseEventPayloads['ATTACH'];
  idempotency: { key: string; requestHash: string };
  at: Date;
}

/**
 * Writes an attached report in the caller's transaction (which holds the case's row lock): the
 * reporter as a follower of the case (unless they reported it), the ATTACH event (state
 * unchanged; its audience already includes the new follower), the photos linked to that event,
 * and the Idempotency-Key, so a retry answers with this case.
 */
export async function writeAttach(tx: Tx, a: AttachedReport) {
  const { current, actor, at } = a;
  if (actor.id !== current.reporterId)
    await tx.caseFollower.upsert({
      where: { caseId_userId: { caseId: current.id, userId: actor.id } },
      create: { caseId: current.id, userId: actor.id, via: 'ATTACH', fromCaseId: null, at },
      update: {},
    });
  const event = await appendEvent(tx, {
    caseId: current.id,
    action: 'ATTACH',
    actor,
    fromState: current.state as CaseState,
    toState: current.state as CaseState,
    fromLevel: current.ownerLevel as UnitLevel,
    toLevel: current.ownerLevel as UnitLevel,
    fromUnitCode: current.ownerUnitCode,
    toUnitCode: current.ownerUnitCode,
    payload: a.payload,
    gridCode: current.gridCode,
    countyCode: current.countyCode,
    reporterId: current.reporterId,
    departmentIds: await liveDepartments(tx, current.id),
    at,
  });
  await linkAttachments(tx, a.payload.attachmentIds, actor, current.id, event.seq);
  await tx.idempotencyKey.create({
    data: {
      userId: actor.id,
      key: a.idempotency.key,
      requestHash: a.idempotency.requestHash,
      caseId: current.id,
      createdAt: at,
    },
  });
  return event;
}

/** Departments with a task or whistle call on the case: an event's audience (as writeTransition's). */
export async function liveDepartments(tx: Tx, caseId: string): Promise<string[]> {
  const [tasks, whistles] = await Promise.all([
    tx.task.findMany({ where: { caseId }, select: { departmentId: true } }),
    tx.whistleCall.findMany({ where: { caseId }, select: { departmentId: true } }),
  ]);
  return [...tasks, ...whistles].map((x) => x.departmentId);
}
