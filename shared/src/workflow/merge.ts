import { type CaseState, OPEN_STATES } from '../domain/constants';
import { isWithin } from '../domain/unit-codes';
import type { WorkflowActor } from './types';

/** The parts of a case the merge rule decides on (duplicate or master). */
export interface MergeSide {
  id: string;
  state: CaseState;
  ownerUnitCode: string;
  gridCode: string;
  mergedIntoId: string | null;
}

/** One reason a merge is refused, on the request field it concerns. */
export interface MergeProblem {
  path: 'id' | 'masterId';
  message: string;
}

/**
 * States a duplicate may be merged from (并案): while it is still being worked on, or parked.
 * A merged case is final (MERGED): nothing more happens to it, its reporters follow the master.
 */
export const MERGEABLE_STATES: readonly CaseState[] = [...OPEN_STATES, 'SUSPENDED'];

/** States a master may be in: it is still being worked on (its reporters will see the rest). */
export const MASTER_STATES: readonly CaseState[] = [...OPEN_STATES, 'SUSPENDED'];

/**
 * Whether `a` is the desk that may merge `c` away: the station operator or dispatcher of the
 * level that owns it — the same party that registers or rejects it.
 */
export function isMergeParty(c: Pick<MergeSide, 'ownerUnitCode'>, a: WorkflowActor): boolean {
  return (a.role === 'STATION_OPERATOR' || a.role === 'DISPATCHER') && a.unitCode === c.ownerUnitCode;
}

/** Whether the desk may merge this case now (drives the 合并 button). */
export function canMergeAway(c: MergeSide, a: WorkflowActor): boolean {
  return isMergeParty(c, a) && MERGEABLE_STATES.includes(c.state);
}

/**
 * Every reason `duplicate` cannot be merged into `master` by `a` (empty: it can). `master`
 * is null when the caller cannot see such a case. The party check comes first and alone
 * (a stranger learns nothing more): callers answer it with 403 before asking this.
 */
export function mergeProblems(
  duplicate: MergeSide,
  master: MergeSide | null,
  a: WorkflowActor,
): MergeProblem[] {
  const problems: MergeProblem[] = [];
  if (!MERGEABLE_STATES.includes(duplicate.state))
    problems.push({ path: 'id', message: `a case in state ${duplicate.state} cannot be merged` });
  if (!master) {
    problems.push({ path: 'masterId', message: 'no such case' });
    return problems;
  }
  if (master.id === duplicate.id)
    problems.push({ path: 'masterId', message: 'a case cannot be merged into itself' });
  if (master.state === 'MERGED' || master.mergedIntoId)
    problems.push({ path: 'masterId', message: 'the master is itself merged into another case' });
  else if (!MASTER_STATES.includes(master.state))
    problems.push({
      path: 'masterId',
      message: `the master is ${master.state}: merge into a case still being handled`,
    });
  // Both cases lie in one jurisdiction the desk acts in: its own unit's subtree.
  if (!a.unitCode || !isWithin(master.gridCode, a.unitCode))
    problems.push({ path: 'masterId', message: "the master lies outside your unit's jurisdiction" });
  return problems;
}
