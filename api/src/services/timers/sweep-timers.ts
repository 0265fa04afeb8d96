import { type CaseState, OPEN_STATES } from '@wangge/shared/domain/constants';
import { levelAbove, parentCode } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import type { Case } from '../../generated/prisma/client';
import type { CommittedCaseEvent } from '../../realtime/case-event-bus';
import { appendEvent, SYSTEM_ACTOR } from '../cases/case-writes';

/** Steps the owning level itself must take: missing them loses the case one level up. */
const LEVEL_STEPS: readonly CaseState[] = ['REPORTED', 'REGISTERED', 'ESCALATED'];
/** States whose stage deadline raises alarms: the open ones, and closed cases awaiting a callback. */
const ALARMED: readonly CaseState[] = [...OPEN_STATES, 'CLOSED'];

/**
 * Raises what is due now: a red card (超期) for every stage deadline that has passed — and,
 * when the owning level sat on its own step, auto-escalation one level up with reason
 * "timeout" — then a yellow card (预警) for every deadline getting close. State lives in the
 * database (Case.alarmLevel, yellowAt), so a timer due while the server was down fires on the
 * first sweep after it comes back, and a conditional update makes exactly one of several
 * processes fire each alarm. Returns what fired.
 */
export async function sweepTimers(ctx: AppContext, options: { batch?: number } = {}) {
  const batch = options.batch ?? 500;
  const now = ctx.clock.now();
  const fired = { yellow: 0, red: 0, escalated: 0 };
  const overdue = await ctx.db.read.case.findMany({
    where: {
      alarmLevel: { in: ['NONE', 'YELLOW'] },
      stageDeadline: { lte: now },
      state: { in: [...ALARMED] },
    },
    orderBy: { stageDeadline: 'asc' },
    take: batch,
  });
  for (const c of overdue) {
    const result = await raiseRedCard(ctx, c, now);
    if (result) {
      fired.red += 1;
      if (result.escalated) fired.escalated += 1;
    }
  }
  const warned = await ctx.db.read.case.findMany({
    where: {
      alarmLevel: 'NONE',
      yellowAt: { lte: now },
      stageDeadline: { gt: now },
      state: { in: [...ALARMED] },
    },
    orderBy: { yellowAt: 'asc' },
    take: batch,
  });
  for (const c of warned) if (await raiseYellowCard(ctx, c, now)) fired.yellow += 1;
  return fired;
}

/** Claims the alarm with a conditional update: false when another process (or an action) won. */
async function claimAlarm(
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  c: Case,
  level: 'YELLOW' | 'RED',
) {
  const claimed = await tx.case.updateMany({
    where: { id: c.id, version: c.version, alarmLevel: c.alarmLevel, stageDeadline: c.stageDeadline },
    data: { alarmLevel: level },
  });
  return claimed.count === 1;
}

async function audienceOf(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], caseId: string) {
  const [tasks, whistles] = await Promise.all([
    tx.task.findMany({ where: { caseId }, select: { departmentId: true } }),
    tx.whistleCall.findMany({ where: { caseId }, select: { departmentId: true } }),
  ]);
  return [...tasks, ...whistles].map((t) => t.departmentId);
}

function baseEvent(c: Case, action: string, departmentIds: string[], now: Date) {
  return {
    caseId: c.id,
    action,
    actor: SYSTEM_ACTOR,
    fromState: c.state,
    toState: c.state,
    fromLevel: c.ownerLevel,
    toLevel: c.ownerLevel,
    fromUnitCode: c.ownerUnitCode,
    toUnitCode: c.ownerUnitCode,
    gridCode: c.gridCode,
    countyCode: c.countyCode,
    reporterId: c.reporterId,
    departmentIds,
    at: now,
  };
}

async function raiseYellowCard(ctx: AppContext, c: Case, now: Date): Promise<boolean> {
  const event = await ctx.db.transaction(async (tx) => {
    if (!(await claimAlarm(tx, c, 'YELLOW'))) return null;
    return appendEvent(tx, {
      ...baseEvent(c, 'YELLOW_CARD', await audienceOf(tx, c.id), now),
      payload: { deadline: c.stageDeadline?.toISOString() },
    });
  });
  if (event) publish(ctx, c, [event]);
  return event !== null;
}

async function raiseRedCard(ctx: AppContext, c: Case, now: Date) {
  const upper = parentCode(c.ownerUnitCode);
  const upperLevel = levelAbove(c.ownerLevel);
  const escalates = LEVEL_STEPS.includes(c.state) && upper !== undefined && upperLevel !== undefined;
  const result = await ctx.db.transaction(async (tx) => {
    if (!(await claimAlarm(tx, c, 'RED'))) return null;
    const departments = await audienceOf(tx, c.id);
    const red = await appendEvent(tx, {
      ...baseEvent(c, 'RED_CARD', departments, now),
      payload: { deadline: c.stageDeadline?.toISOString(), unitCode: c.ownerUnitCode },
    });
    if (!escalates) return { events: [red], escalated: false };
    // The level did not act in time: the case goes one level up (自动上报, reason "timeout").
    const registerBy = ctx.deadlines.deadline('REGISTER', now, c);
    await tx.case.update({
      where: { id: c.id },
      data: {
        state: 'ESCALATED',
        ownerUnitCode: upper,
        ownerLevel: upperLevel,
        stageDeadline: registerBy,
        yellowAt: ctx.deadlines.yellowAt('REGISTER', now, registerBy, c),
        alarmLevel: 'NONE',
        version: { increment: 1 },
        updatedAt: now,
      },
    });
    const escalation = await appendEvent(tx, {
      ...baseEvent(c, 'AUTO_ESCALATE', departments, now),
      toState: 'ESCALATED',
      toLevel: upperLevel,
      toUnitCode: upper,
      reason: 'timeout',
      payload: { fromUnitCode: c.ownerUnitCode, missedDeadline: c.stageDeadline?.toISOString() },
    });
    return { events: [red, escalation], escalated: true };
  });
  if (result) publish(ctx, c, result.events);
  return result;
}

function publish(ctx: AppContext, c: Case, events: CommittedCaseEvent['event'][]) {
  ctx.events.publish(events.map((event) => ({ event, caseCode: c.code, actorName: '系统' })));
}
