import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState, type Role } from '../domain/constants';
import { CASE_ACTIONS, type CaseAction } from './actions';
import { availableActions, checkAction } from './evaluate';
import type { WorkflowActor, WorkflowCase, WorkflowTask } from './types';

// A case owned by village 371502001001, in cell 371502001001001, dispatched to 城管 (lead) and
// 公安 (co-handler). Each party below is defined relative to it.
const VILLAGE = '371502001001';
const GRID = '371502001001001';
const NOW = new Date('2026-11-23T02:00:00Z');
const LATER = new Date('2026-12-23T02:00:00Z');

const actor = (role: Role, extra: Partial<WorkflowActor> = {}): WorkflowActor => ({
  id: `u-${role}`,
  role,
  unitCode: null,
  departmentId: null,
  gridCodes: [],
  ...extra,
});

const PARTIES = {
  owner: actor('STATION_OPERATOR', { unitCode: VILLAGE }),
  ownerDispatcher: actor('DISPATCHER', { unitCode: VILLAGE }),
  otherVillage: actor('STATION_OPERATOR', { unitCode: '371502001002' }),
  cellWorker: actor('GRID_WORKER', { gridCodes: [GRID] }),
  otherWorker: actor('GRID_WORKER', { gridCodes: ['371502001001002'] }),
  leadDept: actor('DEPT_STAFF', { departmentId: 'CG' }),
  coDept: actor('DEPT_STAFF', { departmentId: 'GA' }),
  otherDept: actor('DEPT_STAFF', { departmentId: 'SW' }),
  county: actor('DISPATCHER', { unitCode: '371502000000' }),
  otherCounty: actor('DISPATCHER', { unitCode: '371503000000' }),
  hotline: actor('HOTLINE', { unitCode: '371500000000' }),
  viewer: actor('VIEWER', { unitCode: '371500000000' }),
  admin: actor('ADMIN', { unitCode: '371500000000' }),
} as const;
type Party = keyof typeof PARTIES;

/**
 * The expected table, written out independently of rules.ts: for each action, the states it
 * leaves from, who may take it, and where it goes (for a case with a claimed lead task where
 * relevant). `ownerDispatcher` is a DISPATCHER sitting at the owning unit.
 */
const EXPECTED: Record<
  CaseAction,
  { from: CaseState[]; parties: Party[]; to: CaseState | 'same' | 'unchanged' }
> = {
  REGISTER: { from: ['REPORTED', 'ESCALATED'], parties: ['owner', 'ownerDispatcher'], to: 'REGISTERED' },
  REJECT: { from: ['REPORTED'], parties: ['owner', 'ownerDispatcher'], to: 'REJECTED' },
  REQUEST_VERIFY: { from: ['REPORTED'], parties: ['owner', 'ownerDispatcher'], to: 'VERIFYING' },
  VERIFY_CONFIRM: { from: ['VERIFYING'], parties: ['cellWorker'], to: 'REGISTERED' },
  VERIFY_REFUTE: { from: ['VERIFYING'], parties: ['cellWorker'], to: 'REJECTED' },
  SELF_RESOLVE: { from: ['REPORTED'], parties: ['cellWorker'], to: 'SELF_RESOLVED' },
  APPROVE_SELF_RESOLUTION: { from: ['SELF_RESOLVED'], parties: ['owner', 'ownerDispatcher'], to: 'CLOSED' },
  REJECT_SELF_RESOLUTION: {
    from: ['SELF_RESOLVED'],
    parties: ['owner', 'ownerDispatcher'],
    to: 'REGISTERED',
  },
  ESCALATE: { from: ['REGISTERED'], parties: ['owner', 'ownerDispatcher'], to: 'ESCALATED' },
  DECLINE_ESCALATION: { from: ['ESCALATED'], parties: ['owner', 'ownerDispatcher'], to: 'REGISTERED' },
  RESOLVE_AT_LEVEL: { from: ['REGISTERED'], parties: ['owner', 'ownerDispatcher'], to: 'CHECKING' },
  DISPATCH: { from: ['REGISTERED'], parties: ['ownerDispatcher'], to: 'DISPATCHED' },
  CLAIM: { from: ['DISPATCHED'], parties: ['leadDept', 'coDept'], to: 'CLAIMED' },
  REQUEST_RETURN: { from: ['DISPATCHED', 'CLAIMED'], parties: ['leadDept'], to: 'RETURN_REQUESTED' },
  ACCEPT_RETURN: { from: ['RETURN_REQUESTED'], parties: ['ownerDispatcher'], to: 'REGISTERED' },
  REJECT_RETURN: { from: ['RETURN_REQUESTED'], parties: ['ownerDispatcher'], to: 'same' },
  REQUEST_EXTENSION: { from: ['CLAIMED'], parties: ['leadDept'], to: 'EXTENSION_REQUESTED' },
  APPROVE_EXTENSION: { from: ['EXTENSION_REQUESTED'], parties: ['ownerDispatcher'], to: 'CLAIMED' },
  REJECT_EXTENSION: { from: ['EXTENSION_REQUESTED'], parties: ['ownerDispatcher'], to: 'CLAIMED' },
  SUSPEND: { from: ['CLAIMED'], parties: ['county'], to: 'SUSPENDED' },
  RESUME: { from: ['SUSPENDED'], parties: ['county'], to: 'CLAIMED' },
  FEEDBACK: { from: ['CLAIMED'], parties: ['leadDept'], to: 'CHECKING' },
  CO_FEEDBACK: {
    from: ['CLAIMED', 'EXTENSION_REQUESTED', 'RETURN_REQUESTED'],
    parties: ['coDept'],
    to: 'unchanged',
  },
  CHECK_PASS: { from: ['CHECKING'], parties: ['cellWorker', 'owner', 'ownerDispatcher'], to: 'CHECKED' },
  CHECK_FAIL: { from: ['CHECKING'], parties: ['cellWorker', 'owner', 'ownerDispatcher'], to: 'DISPATCHED' },
  CLOSE: { from: ['CHECKED'], parties: ['owner', 'ownerDispatcher'], to: 'CLOSED' },
  CALLBACK_SATISFIED: { from: ['CLOSED'], parties: ['hotline'], to: 'ARCHIVED' },
  CALLBACK_DISSATISFIED: { from: ['CLOSED'], parties: ['hotline'], to: 'DISPATCHED' },
  WHISTLE: {
    from: ['REGISTERED', 'DISPATCHED', 'CLAIMED', 'EXTENSION_REQUESTED', 'RETURN_REQUESTED'],
    parties: ['ownerDispatcher'],
    to: 'unchanged',
  },
  // Only a department with an open whistle call reports in; the fixture has none (see below).
  REPORT_IN: { from: [], parties: [], to: 'unchanged' },
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
    parties: ['county'],
    to: 'unchanged',
  },
};

/** A hotline case in `state`; tasks are unclaimed while DISPATCHED, claimed afterwards. */
function caseIn(state: CaseState): WorkflowCase {
  const hasTasks = ![
    'REPORTED',
    'VERIFYING',
    'SELF_RESOLVED',
    'REJECTED',
    'REGISTERED',
    'ESCALATED',
  ].includes(state);
  const claimed = state !== 'DISPATCHED';
  const task = (departmentId: string, isLead: boolean): WorkflowTask => ({
    departmentId,
    isLead,
    state: claimed ? 'CLAIMED' : 'DISPATCHED',
    claimedAt: claimed ? NOW : null,
    returnDeadline: LATER,
  });
  return {
    state,
    ownerLevel: 'VILLAGE',
    ownerUnitCode: VILLAGE,
    gridCode: GRID,
    source: 'HOTLINE',
    reporterId: 'u-HOTLINE',
    extensionDays: 0,
    handleDeadline: LATER,
    tasks: hasTasks ? [task('CG', true), task('GA', false)] : [],
    whistles: [],
  };
}

describe('workflow table: every (state, action, party)', () => {
  const rows = CASE_STATES.flatMap((state) =>
    CASE_ACTIONS.flatMap((action) =>
      (Object.keys(PARTIES) as Party[]).map((party) => ({ state, action, party })),
    ),
  );

  it.each(rows)('$action in $state by $party', ({ state, action, party }) => {
    const expected = EXPECTED[action];
    const c = caseIn(state);
    const result = checkAction(c, action, PARTIES[party], NOW);
    // A department is a party only once the case has been dispatched to it.
    const hasNoTask = PARTIES[party].role === 'DEPT_STAFF' && c.tasks.length === 0;
    const isParty = expected.parties.includes(party) && !hasNoTask;
    if (!isParty) {
      // A non-party is refused, and never told more than "forbidden" — unless it is a
      // department whose live task makes it a party to CLAIM (handled in the CLAIM tests).
      if (result.ok) throw new Error(`${party} must not ${action} in ${state}`);
      if (!(action === 'CLAIM' && (party === 'leadDept' || party === 'coDept'))) {
        expect(result.reason).toBe('NOT_PARTY');
      }
      return;
    }
    if (!expected.from.includes(state)) {
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.reason).toBe('INVALID_STATE');
      return;
    }
    // A co-handler's claim leaves the case state alone; only the lead's moves it.
    const to = action === 'CLAIM' && party === 'coDept' ? state : expected.to;
    expect(result).toEqual({ ok: true, to: to === 'unchanged' ? state : to === 'same' ? 'CLAIMED' : to });
  });

  it('covers every action and state', () => {
    expect(rows.length).toBe(CASE_STATES.length * CASE_ACTIONS.length * Object.keys(PARTIES).length);
  });
});

describe('guards and special cases', () => {
  it('a co-handler claim leaves the case state alone', () => {
    const c = {
      ...caseIn('DISPATCHED'),
      tasks: [
        { ...caseIn('DISPATCHED').tasks[0]!, state: 'CLAIMED' as const, claimedAt: NOW },
        caseIn('DISPATCHED').tasks[1]!,
      ],
      state: 'CLAIMED' as const,
    };
    expect(checkAction(c, 'CLAIM', PARTIES.coDept, NOW)).toEqual({ ok: true, to: 'CLAIMED' });
    expect(checkAction(c, 'CLAIM', PARTIES.leadDept, NOW)).toMatchObject({
      ok: false,
      reason: 'INVALID_STATE',
    });
  });

  it('returns are refused after the return window', () => {
    const c = caseIn('DISPATCHED');
    const after = new Date(LATER.getTime() + 1);
    expect(checkAction(c, 'REQUEST_RETURN', PARTIES.leadDept, after)).toMatchObject({
      ok: false,
      reason: 'RULE',
    });
  });

  it('extensions stop at 10 working days in total and after the deadline', () => {
    expect(
      checkAction({ ...caseIn('CLAIMED'), extensionDays: 10 }, 'REQUEST_EXTENSION', PARTIES.leadDept, NOW),
    ).toMatchObject({ ok: false, reason: 'RULE' });
    expect(
      checkAction(caseIn('CLAIMED'), 'REQUEST_EXTENSION', PARTIES.leadDept, new Date(LATER.getTime() + 1)),
    ).toMatchObject({ ok: false, reason: 'RULE' });
  });

  it('the city cannot escalate', () => {
    const c = { ...caseIn('REGISTERED'), ownerLevel: 'CITY' as const, ownerUnitCode: '371500000000' };
    const city = actor('DISPATCHER', { unitCode: '371500000000' });
    expect(checkAction(c, 'ESCALATE', city, NOW)).toMatchObject({ ok: false, reason: 'RULE' });
  });

  it('a case without a lead department goes back to its level on a failed check', () => {
    expect(checkAction(caseIn('REGISTERED'), 'RESOLVE_AT_LEVEL', PARTIES.owner, NOW)).toEqual({
      ok: true,
      to: 'CHECKING',
    });
    expect(checkAction({ ...caseIn('CHECKING'), tasks: [] }, 'CHECK_FAIL', PARTIES.cellWorker, NOW)).toEqual({
      ok: true,
      to: 'REGISTERED',
    });
  });

  it('callbacks only apply to citizen cases', () => {
    expect(
      checkAction({ ...caseIn('CLOSED'), source: 'GRID_WORKER' }, 'CALLBACK_SATISFIED', PARTIES.hotline, NOW),
    ).toMatchObject({ ok: false, reason: 'NOT_PARTY' });
  });

  it('availableActions lists exactly the permitted actions', () => {
    expect(availableActions(caseIn('REPORTED'), PARTIES.owner, NOW)).toEqual([
      'REGISTER',
      'REJECT',
      'REQUEST_VERIFY',
    ]);
    expect(availableActions(caseIn('REPORTED'), PARTIES.cellWorker, NOW)).toEqual(['SELF_RESOLVE']);
    expect(availableActions(caseIn('CLAIMED'), PARTIES.leadDept, NOW)).toEqual([
      'REQUEST_RETURN',
      'REQUEST_EXTENSION',
      'FEEDBACK',
    ]);
    expect(availableActions(caseIn('CLAIMED'), PARTIES.viewer, NOW)).toEqual([]);
    expect(availableActions(caseIn('CLAIMED'), PARTIES.otherCounty, NOW)).toEqual([]);
  });
});

describe('whistle calls (吹哨报到)', () => {
  it('lets a whistled department report in once, in any live state', () => {
    const c = { ...caseIn('REGISTERED'), whistles: [{ departmentId: 'SW', reportedInAt: null }] };
    expect(checkAction(c, 'REPORT_IN', PARTIES.otherDept, NOW)).toEqual({ ok: true, to: 'REGISTERED' });
    expect(checkAction(c, 'REPORT_IN', PARTIES.leadDept, NOW)).toMatchObject({
      ok: false,
      reason: 'NOT_PARTY',
    });
    const done = { ...c, whistles: [{ departmentId: 'SW', reportedInAt: NOW }] };
    expect(checkAction(done, 'REPORT_IN', PARTIES.otherDept, NOW)).toMatchObject({
      ok: false,
      reason: 'NOT_PARTY',
    });
    const closed = { ...c, state: 'CLOSED' as const };
    expect(checkAction(closed, 'REPORT_IN', PARTIES.otherDept, NOW)).toMatchObject({
      ok: false,
      reason: 'INVALID_STATE',
    });
  });
});
