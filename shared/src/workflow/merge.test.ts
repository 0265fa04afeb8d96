import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState } from '../domain/constants';
import { canMergeAway, MASTER_STATES, MERGEABLE_STATES, type MergeSide, mergeProblems } from './merge';
import type { WorkflowActor } from './types';

const VILLAGE = '371502001001';
const side = (state: CaseState, extra: Partial<MergeSide> = {}): MergeSide => ({
  id: 'dup',
  state,
  ownerUnitCode: VILLAGE,
  gridCode: `${VILLAGE}001`,
  mergedIntoId: null,
  ...extra,
});
const desk: WorkflowActor = {
  id: 'u',
  role: 'STATION_OPERATOR',
  unitCode: VILLAGE,
  departmentId: null,
  gridCodes: [],
};

describe('the merge rule (并案)', () => {
  it.each(CASE_STATES.map((s) => [s]))('a duplicate in %s: mergeable only while open or parked', (state) => {
    const master = side('REGISTERED', { id: 'master' });
    const problems = mergeProblems(side(state), master, desk);
    expect(problems.length === 0).toBe(MERGEABLE_STATES.includes(state));
    expect(canMergeAway(side(state), desk)).toBe(MERGEABLE_STATES.includes(state));
  });

  it.each(CASE_STATES.map((s) => [s]))('a master in %s: only one still being handled', (state) => {
    const problems = mergeProblems(side('REPORTED'), side(state, { id: 'master' }), desk);
    expect(problems.length === 0).toBe(MASTER_STATES.includes(state) && state !== 'MERGED');
  });

  it('only the owning desk is a party; others cannot merge it away', () => {
    const c = side('REPORTED');
    for (const a of [
      { ...desk, role: 'GRID_WORKER' as const },
      { ...desk, unitCode: '371502001002' },
      { ...desk, role: 'HOTLINE' as const },
      { ...desk, role: 'DISPATCHER' as const, unitCode: '371502001000' },
    ])
      expect(canMergeAway(c, a)).toBe(false);
    expect(canMergeAway(c, { ...desk, role: 'DISPATCHER' })).toBe(true);
  });

  it('lists every problem at once', () => {
    const master = side('ARCHIVED', { id: 'dup', gridCode: '371502001002001' });
    expect(mergeProblems(side('CLOSED'), master, desk)).toEqual([
      { path: 'id', message: 'a case in state CLOSED cannot be merged' },
      { path: 'masterId', message: 'a case cannot be merged into itself' },
      { path: 'masterId', message: 'the master is ARCHIVED: merge into a case still being handled' },
      { path: 'masterId', message: "the master lies outside your unit's jurisdiction" },
    ]);
    expect(mergeProblems(side('REPORTED'), null, desk)).toEqual([
      { path: 'masterId', message: 'no such case' },
    ]);
    expect(mergeProblems(side('REPORTED'), side('REGISTERED', { id: 'm', mergedIntoId: 'x' }), desk)).toEqual(
      [{ path: 'masterId', message: 'the master is itself merged into another case' }],
    );
  });
});
