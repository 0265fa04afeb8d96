import type { CaseState, UnitLevel } from '@wangge/shared/domain/constants';
import { ancestorCode, isWithin, levelAbove, parentCode } from '@wangge/shared/domain/unit-codes';
import type { TCaseActionInput } from '@wangge/shared/schemas/cases';
import type { TaskWrite } from '../../case-log';
import type { AppContext } from '../../context';
import type { Tx } from '../../db/open-database';
import type { Case, Prisma, Task, WhistleCall } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';

export type CaseWithTasks = Case & { tasks: Task[]; whistles: WhistleCall[] };

/**
 * What an action changes besides the state: case fields, tasks and whistle calls (as data: the
 * case log writes them), and what the event records.
 */
export interface Effect {
  caseData: Prisma.CaseUpdateManyMutationInput;
  taskWrites?: TaskWrite[];
  payload?: Record<string, unknown>;
  /** FEEDBACK and REPORT_IN: whether the step met its deadline (the event's onTime column). */
  onTime?: boolean;
  /** CALLBACK_*: the callback's rating and the caller's word on the problem (event columns). */
  callback?: { rating: 'SATISFIED' | 'BASIC' | 'DISSATISFIED'; resolved: boolean };
}

interface BaseArgs {
  ctx: AppContext;
  tx: Tx;
  current: CaseWithTasks;
  user: AuthUser;
  now: Date;
  to: CaseState;
}
interface EffectArgs<A extends TCaseActionInput['action']> extends BaseArgs {
  input: Extract<TCaseActionInput, { action: A }>;
}

type EffectFn<A extends TCaseActionInput['action']> = (args: EffectArgs<A>) => Promise<Effect> | Effect;

const isLive = (t: Task) => t.state !== 'RETURNED' && t.state !== 'CANCELLED';
const leadOf = (c: CaseWithTasks) => c.tasks.find((t) => t.isLead && isLive(t));

/** The deadline of `stage` for this case from now. */
function stageDeadline(args: BaseArgs, stage: Parameters<AppContext['deadlines']['deadline']>[0]) {
  return args.ctx.deadlines.deadline(stage, args.now, args.current);
}

/** Back to the lead department with a new clock (rework, or a dissatisfied callback). */
function redo(args: BaseArgs): Effect {
  const lead = leadOf(args.current);
  const reworkCount = args.current.reworkCount + 1;
  if (!lead) {
    return { caseData: { reworkCount, closedAt: null, stageDeadline: stageDeadline(args, 'DISPATCH') } };
  }
  const claimDeadline = stageDeadline(args, 'CLAIM');
  const handleDeadline = stageDeadline(args, 'HANDLE');
  return {
    caseData: { reworkCount, closedAt: null, handleDeadline, stageDeadline: claimDeadline },
    payload: { departmentId: lead.departmentId, round: lead.round + 1 },
    taskWrites: [
      {
        kind: 'updateTask',
        id: lead.id,
        data: {
          state: 'DISPATCHED',
          round: lead.round + 1,
          dispatchedAt: args.now,
          claimedAt: null,
          claimedById: null,
          fedBackAt: null,
          closedAt: null,
          claimDeadline,
          handleDeadline,
          // No bouncing a rework: the department already accepted this case once.
          returnDeadline: args.now,
        },
      },
    ],
  };
}

/**
 * Checks departments an owner unit calls on (dispatch, whistle): each must exist, be its own,
 * below it or above it, and be named once. Throws listing every problem.
 */
async function checkReachable(
  tx: Tx,
  current: CaseWithTasks,
  named: { path: string; id: string }[],
  verb: 'dispatching' | 'calling',
) {
  const found = await tx.department.findMany({ where: { id: { in: named.map((n) => n.id) } } });
  const byId = new Map(found.map((d) => [d.id, d]));
  const details = named.flatMap(({ path, id }, i) => {
    const d = byId.get(id);
    if (!d) return [{ path, message: 'no such department' }];
    const reachable =
      isWithin(d.unitCode, current.ownerUnitCode) || isWithin(current.ownerUnitCode, d.unitCode);
    if (!reachable) return [{ path, message: `${d.name} is outside the ${verb} unit's reach` }];
    if (named.findIndex((n) => n.id === id) !== i) return [{ path, message: 'department listed twice' }];
    return [];
  });
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Some departments cannot be called on.', details);
}

/** Departments an owner unit may dispatch to: its own, those below it, and those above it. */
async function loadDispatchable(args: EffectArgs<'DISPATCH'>) {
  const { input, tx, current } = args;
  const ids = [input.leadDepartmentId, ...(input.coDepartmentIds ?? [])];
  await checkReachable(
    tx,
    current,
    ids.map((id, i) => ({ id, path: i === 0 ? 'leadDepartmentId' : `coDepartmentIds.${i - 1}` })),
    'dispatching',
  );
  return ids;
}

/** The change each action makes, beyond the state the workflow table gives. */
export const ACTION_EFFECTS: { [A in TCaseActionInput['action']]: EffectFn<A> } = {
  REGISTER: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'DISPATCH') } }),
  REJECT: (a) => ({ caseData: { stageDeadline: null, closedAt: a.now } }),
  REQUEST_VERIFY: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'VERIFY') } }),
  VERIFY_CONFIRM: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'DISPATCH') } }),
  VERIFY_REFUTE: (a) => ({ caseData: { stageDeadline: null, closedAt: a.now } }),
  SELF_RESOLVE: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'CHECK') } }),
  APPROVE_SELF_RESOLUTION: (a) => closeEffect(a),
  REJECT_SELF_RESOLUTION: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'DISPATCH') } }),
  ESCALATE: (a) => {
    const upper = parentCode(a.current.ownerUnitCode);
    const level = levelAbove(a.current.ownerLevel);
    if (!upper || !level) throw new AppError('RULE_VIOLATION', 'The city is the highest level.');
    return {
      caseData: { ownerUnitCode: upper, ownerLevel: level, stageDeadline: stageDeadline(a, 'REGISTER') },
      payload: { fromUnitCode: a.current.ownerUnitCode },
    };
  },
  DECLINE_ESCALATION: (a) => {
    const below = lowerLevel(a.current.ownerLevel);
    const unit = ancestorCode(a.current.gridCode, below);
    return {
      caseData: { ownerUnitCode: unit, ownerLevel: below, stageDeadline: stageDeadline(a, 'DISPATCH') },
    };
  },
  RESOLVE_AT_LEVEL: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'CHECK') } }),
  DISPATCH: async (a) => {
    const [lead, ...co] = await loadDispatchable(a);
    const claimDeadline = stageDeadline(a, 'CLAIM');
    const returnDeadline = stageDeadline(a, 'RETURN');
    const handleDeadline = stageDeadline(a, 'HANDLE');
    return {
      caseData: { leadDepartmentId: lead, handleDeadline, stageDeadline: claimDeadline },
      payload: { leadDepartmentId: lead, coDepartmentIds: co, handleDeadline: handleDeadline.toISOString() },
      taskWrites: [
        {
          kind: 'createTasks',
          rows: [lead, ...co].map((departmentId, i) => ({
            caseId: a.current.id,
            departmentId: departmentId!,
            isLead: i === 0,
            state: 'DISPATCHED' as const,
            dispatchedAt: a.now,
            dispatchedById: a.user.id,
            dispatchUnitCode: a.current.ownerUnitCode,
            claimDeadline,
            returnDeadline,
            handleDeadline,
          })),
        },
      ],
    };
  },
  CLAIM: (a) => {
    const own = a.current.tasks.find(
      (t) => t.departmentId === a.user.departmentId && t.state === 'DISPATCHED',
    )!;
    return {
      caseData: own.isLead ? { stageDeadline: a.current.handleDeadline } : {},
      payload: { taskId: own.id, departmentId: own.departmentId, isLead: own.isLead },
      taskWrites: [
        {
          kind: 'updateTask',
          id: own.id,
          data: { state: 'CLAIMED', claimedAt: a.now, claimedById: a.user.id },
        },
      ],
    };
  },
  REQUEST_RETURN: (a) => {
    const lead = leadOf(a.current)!;
    return {
      caseData: { stageDeadline: stageDeadline(a, 'DISPATCH') },
      payload: { reasonCode: a.input.reasonCode, departmentId: lead.departmentId },
      taskWrites: [
        {
          kind: 'updateTask',
          id: lead.id,
          data: {
            state: 'RETURN_REQUESTED',
            returnReason: `${a.input.reasonCode}: ${a.input.reason}`,
            returnRequestedAt: a.now,
          },
        },
      ],
    };
  },
  ACCEPT_RETURN: (a) => {
    const lead = leadOf(a.current)!;
    return {
      caseData: { leadDepartmentId: null, handleDeadline: null, stageDeadline: stageDeadline(a, 'DISPATCH') },
      payload: { departmentId: lead.departmentId },
      taskWrites: [
        { kind: 'updateTask', id: lead.id, data: { state: 'RETURNED', closedAt: a.now } },
        {
          kind: 'updateTasks',
          where: { caseId: a.current.id, isLead: false, state: { notIn: ['RETURNED', 'CANCELLED'] } },
          data: { state: 'CANCELLED', closedAt: a.now },
        },
      ],
    };
  },
  REJECT_RETURN: (a) => {
    const lead = leadOf(a.current)!;
    const wasClaimed = lead.claimedAt !== null;
    // The clock kept running from the original dispatch: the bounce costs the department.
    return {
      caseData: { stageDeadline: wasClaimed ? lead.handleDeadline : lead.claimDeadline },
      payload: { departmentId: lead.departmentId },
      taskWrites: [
        { kind: 'updateTask', id: lead.id, data: { state: wasClaimed ? 'CLAIMED' : 'DISPATCHED' } },
      ],
    };
  },
  REQUEST_EXTENSION: (a) => {
    const remaining = 10 - a.current.extensionDays;
    if (a.input.days > remaining) {
      throw new AppError('RULE_VIOLATION', `At most ${remaining} more working days can be requested.`, [
        { path: 'days', message: `must be at most ${remaining}` },
      ]);
    }
    const lead = leadOf(a.current)!;
    return {
      caseData: {},
      payload: { days: a.input.days },
      taskWrites: [{ kind: 'updateTask', id: lead.id, data: { extensionDays: a.input.days } }],
    };
  },
  APPROVE_EXTENSION: (a) => {
    const lead = leadOf(a.current)!;
    const days = lead.extensionDays ?? 0;
    const handleDeadline = a.ctx.deadlines.addWorkingDays(a.current.handleDeadline ?? a.now, days);
    return {
      caseData: {
        handleDeadline,
        stageDeadline: handleDeadline,
        extensionDays: a.current.extensionDays + days,
      },
      payload: { days, handleDeadline: handleDeadline.toISOString() },
      taskWrites: [{ kind: 'updateTask', id: lead.id, data: { extensionDays: null, handleDeadline } }],
    };
  },
  REJECT_EXTENSION: (a) => {
    const lead = leadOf(a.current)!;
    return {
      caseData: { stageDeadline: a.current.handleDeadline },
      taskWrites: [{ kind: 'updateTask', id: lead.id, data: { extensionDays: null } }],
    };
  },
  SUSPEND: (a) => ({ caseData: { suspendedAt: a.now, stageDeadline: null } }),
  RESUME: (a) => {
    // The handling deadline moves by the working time the case was parked.
    const parked = a.ctx.deadlines.workingMillisBetween(a.current.suspendedAt ?? a.now, a.now);
    const handleDeadline = a.ctx.deadlines.addWorkingMillis(a.current.handleDeadline ?? a.now, parked);
    const lead = leadOf(a.current);
    return {
      caseData: { suspendedAt: null, handleDeadline, stageDeadline: handleDeadline },
      payload: { parkedWorkingMs: parked, handleDeadline: handleDeadline.toISOString() },
      taskWrites: lead ? [{ kind: 'updateTask', id: lead.id, data: { handleDeadline } }] : [],
    };
  },
  FEEDBACK: (a) => {
    const lead = leadOf(a.current)!;
    const onTime = !a.current.handleDeadline || a.now <= a.current.handleDeadline;
    return {
      caseData: { stageDeadline: stageDeadline(a, 'CHECK') },
      // The payload keeps the mark too: the case history shows it.
      payload: { departmentId: lead.departmentId, onTime },
      onTime,
      taskWrites: [{ kind: 'updateTask', id: lead.id, data: { state: 'FED_BACK', fedBackAt: a.now } }],
    };
  },
  CO_FEEDBACK: (a) => {
    const own = a.current.tasks.find(
      (t) => t.departmentId === a.user.departmentId && !t.isLead && t.state === 'CLAIMED',
    )!;
    return {
      caseData: {},
      payload: { taskId: own.id, departmentId: own.departmentId },
      taskWrites: [{ kind: 'updateTask', id: own.id, data: { state: 'FED_BACK', fedBackAt: a.now } }],
    };
  },
  CHECK_PASS: (a) => ({ caseData: { stageDeadline: stageDeadline(a, 'DISPATCH') } }),
  CHECK_FAIL: (a) => redo(a),
  CLOSE: (a) => closeEffect(a),
  CALLBACK_SATISFIED: (a) => ({
    caseData: { stageDeadline: null },
    payload: { satisfied: true, rating: a.input.rating, resolved: a.input.resolved },
    callback: { rating: a.input.rating, resolved: a.input.resolved },
  }),
  // Reopened at the level that closed it (the owner does not change after CLOSE): back to its
  // lead department as rework, or registered at the level when no department handled it.
  CALLBACK_DISSATISFIED: (a) => {
    const effect = redo(a);
    return {
      ...effect,
      payload: { ...effect.payload, satisfied: false, resolved: a.input.resolved },
      callback: { rating: 'DISSATISFIED', resolved: a.input.resolved },
    };
  },
  WHISTLE: async (a) => {
    const ids = a.input.departmentIds;
    await checkReachable(
      a.tx,
      a.current,
      ids.map((id, i) => ({ id, path: `departmentIds.${i}` })),
      'calling',
    );
    const deadline = stageDeadline(a, 'REPORT_IN');
    return {
      caseData: {},
      payload: { departmentIds: ids, deadline: deadline.toISOString() },
      taskWrites: [
        {
          kind: 'createWhistles',
          rows: ids.map((departmentId) => ({
            caseId: a.current.id,
            departmentId,
            calledAt: a.now,
            calledById: a.user.id,
            deadline,
          })),
        },
      ],
    };
  },
  SUPERVISE: (a) => {
    // The order's deadline replaces a deadline that has passed, or a later one; it never
    // postpones a deadline still running (no escaping escalation or the extension cap).
    const deadline = a.ctx.deadlines.addWorkingDays(a.now, a.input.days);
    const tightens = (current: Date | null) => !current || current <= a.now || deadline < current;
    const handling = a.current.state === 'CLAIMED' || a.current.state === 'EXTENSION_REQUESTED';
    return {
      caseData: {
        supervisionDeadline: deadline,
        supervisedByUnitCode: a.user.unitCode,
        ...(tightens(a.current.stageDeadline) ? { stageDeadline: deadline } : {}),
        ...(handling && tightens(a.current.handleDeadline) ? { handleDeadline: deadline } : {}),
      },
      payload: { days: a.input.days, deadline: deadline.toISOString(), unitCode: a.user.unitCode },
    };
  },
  REPORT_IN: (a) => {
    const pending = a.current.whistles.filter(
      (w) => w.departmentId === a.user.departmentId && !w.reportedInAt,
    );
    const onTime = pending.every((w) => a.now <= w.deadline);
    return {
      caseData: {},
      payload: { departmentId: a.user.departmentId, onTime },
      onTime,
      taskWrites: [
        {
          kind: 'updateWhistles',
          ids: pending.map((w) => w.id),
          data: { reportedInAt: a.now, reportedInById: a.user.id },
        },
      ],
    };
  },
};

function closeEffect(a: BaseArgs): Effect {
  const needsCallback = a.current.source === 'HOTLINE' || a.current.source === 'CITIZEN';
  return {
    caseData: { closedAt: a.now, stageDeadline: needsCallback ? stageDeadline(a, 'CALLBACK') : null },
    taskWrites: [
      {
        kind: 'updateTasks',
        where: { caseId: a.current.id, state: { notIn: ['RETURNED', 'CANCELLED'] } },
        data: { closedAt: a.now },
      },
    ],
  };
}

function lowerLevel(level: UnitLevel): Exclude<UnitLevel, 'GRID' | 'CITY'> {
  const below: Partial<Record<UnitLevel, Exclude<UnitLevel, 'GRID' | 'CITY'>>> = {
    TOWNSHIP: 'VILLAGE',
    COUNTY: 'TOWNSHIP',
    CITY: 'COUNTY',
  };
  const result = below[level];
  if (!result) throw new AppError('RULE_VIOLATION', 'Nothing below this level can take the case.');
  return result;
}
