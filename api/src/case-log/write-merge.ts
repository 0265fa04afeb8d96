import type { CaseState, UnitLevel } from '@wangge/shared/domain/constants';
import type { Tx } from '../db/database';
import type { Case } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { appendEvent } from './events';
import { liveDepartments } from './write-attach';
import { writeTransition } from './write-transition';

type MergeCaseRow = Pick<
  Case,
  'id' | 'code' | 'state' | 'ownerLevel' | 'ownerUnitCode' | 'gridCode' | 'countyCode' | 'reporterId'
>;

/** A duplicate merged into a master (并案), as the desk's service decided it. */
export interface Merge {
  duplicate: MergeCaseRow;
  master: MergeCaseRow;
  /** The duplicate's version the desk saw: of two merges racing on it, one wins. */
  version: number;
  actor: AuthUser;
  note: string | null;
  at: Date;
}

/** Task states still waiting for a department: a merged duplicate's are cancelled. */
const LIVE_TASK_STATES = ['DISPATCHED', 'CLAIMED', 'RETURN_REQUESTED'];

/**
 * Writes a merge in the caller's transaction (which holds both cases' row locks): the
 * duplicate moves to MERGED at `version` (null if it changed: nothing is written), pointing at
 * the master, its live tasks cancelled; its reporter and followers follow the master; its
 * channel ids (CaseRef) and earlier merges move to the master; the master gets a MERGE_IN
 * event (state unchanged). Photos stay on the events that carried them: the master's detail
 * shows its duplicates' (get-case.ts).
 */
export async function writeMerge(tx: Tx, m: Merge) {
  const { duplicate, master, actor, at } = m;
  const moved = await writeTransition(tx, {
    current: duplicate,
    version: m.version,
    action: 'MERGE',
    actor,
    to: 'MERGED',
    caseData: {
      mergedIntoId: master.id,
      stageDeadline: null,
      yellowAt: null,
      alarmLevel: 'NONE',
      closedAt: at,
    },
    taskWrites: [
      {
        kind: 'updateTasks',
        where: { caseId: duplicate.id, state: { in: LIVE_TASK_STATES as never } },
        data: { state: 'CANCELLED', closedAt: at },
      },
    ],
    reason: null,
    payload: { masterId: master.id, masterCode: master.code, ...(m.note ? { note: m.note } : {}) },
    at,
  });
  if (!moved) return null;

  const followed = await tx.caseFollower.findMany({
    where: { caseId: duplicate.id },
    select: { userId: true },
  });
  const followerIds = [...new Set([duplicate.reporterId, ...followed.map((f) => f.userId)])].filter(
    (id) => id !== master.reporterId,
  );
  for (const userId of followerIds)
    await tx.caseFollower.upsert({
      where: { caseId_userId: { caseId: master.id, userId } },
      create: { caseId: master.id, userId, via: 'MERGE', fromCaseId: duplicate.id, at },
      update: {},
    });
  const refs = await tx.caseRef.updateMany({ where: { caseId: duplicate.id }, data: { caseId: master.id } });
  // Duplicates merged into this one before now follow the master too (no chains of merges).
  await tx.case.updateMany({ where: { mergedIntoId: duplicate.id }, data: { mergedIntoId: master.id } });

  const masterEvent = await appendEvent(tx, {
    caseId: master.id,
    action: 'MERGE_IN',
    actor,
    fromState: master.state as CaseState,
    toState: master.state as CaseState,
    fromLevel: master.ownerLevel as UnitLevel,
    toLevel: master.ownerLevel as UnitLevel,
    fromUnitCode: master.ownerUnitCode,
    toUnitCode: master.ownerUnitCode,
    payload: { duplicateId: duplicate.id, duplicateCode: duplicate.code, followerIds, refs: refs.count },
    gridCode: master.gridCode,
    countyCode: master.countyCode,
    reporterId: master.reporterId,
    departmentIds: await liveDepartments(tx, master.id),
    at,
  });
  return { duplicateEvent: moved.event, masterEvent, after: moved.after };
}
