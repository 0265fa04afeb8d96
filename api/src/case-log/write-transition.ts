import type { CaseState, UnitLevel } from '@wangge/shared/domain/constants';
import type { CaseEventAction, CaseEventPayloads } from '@wangge/shared/domain/event-payloads';
import type { Tx } from '../db/database';
import type { Case, Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { updateCaseAtVersion } from './case-updates';
import { appendEvent, linkAttachments } from './events';
import { applyTaskWrites, type TaskWrite } from './task-writes';

/** A workflow step taken on a case, as the action decided it. */
export interface Transition<A extends CaseEventAction = CaseEventAction> {
  current: Pick<
    Case,
    'id' | 'state' | 'ownerLevel' | 'ownerUnitCode' | 'gridCode' | 'countyCode' | 'reporterId'
  >;
  /** The version the actor saw: the write happens only if the case is still at it. */
  version: number;
  action: A;
  actor: AuthUser;
  to: CaseState;
  caseData: Prisma.CaseUpdateManyMutationInput;
  taskWrites?: readonly TaskWrite[];
  reason: string | null;
  payload: CaseEventPayloads[A];
  onTime?: boolean | null;
  callback?: { rating: string; resolved: boolean } | null;
  attachmentIds?: readonly string[];
  at: Date;
}

/**
 * Writes one transition in the caller's transaction: the case (if still at `version`; null
 * otherwise, and nothing is written), its tasks and whistle calls, the event (its audience
 * from the tasks and whistles after the change) with its facts, and the attachment links.
 */
export async function writeTransition<A extends CaseEventAction>(tx: Tx, t: Transition<A>) {
  const moved = await updateCaseAtVersion(tx, t.current.id, t.version, {
    ...t.caseData,
    state: t.to,
    updatedAt: t.at,
  });
  if (!moved) return null;
  await applyTaskWrites(tx, t.taskWrites);
  const after = await tx.case.findUniqueOrThrow({
    where: { id: t.current.id },
    include: { tasks: { select: { departmentId: true } }, whistles: { select: { departmentId: true } } },
  });
  const event = await appendEvent(tx, {
    caseId: t.current.id,
    action: t.action,
    actor: t.actor,
    fromState: t.current.state,
    toState: after.state as CaseState,
    fromLevel: t.current.ownerLevel as UnitLevel,
    toLevel: after.ownerLevel as UnitLevel,
    fromUnitCode: t.current.ownerUnitCode,
    toUnitCode: after.ownerUnitCode,
    reason: t.reason,
    payload: t.payload,
    onTime: t.onTime ?? null,
    callback: t.callback ?? null,
    gridCode: t.current.gridCode,
    countyCode: t.current.countyCode,
    reporterId: t.current.reporterId,
    departmentIds: [...after.tasks, ...after.whistles].map((x) => x.departmentId),
    at: t.at,
  });
  await linkAttachments(tx, t.attachmentIds, t.actor, t.current.id, event.seq);
  return { after, event };
}
