import { type CaseState, OPEN_STATES } from '@wangge/shared/domain/constants';
import type { CaseEventPayloads } from '@wangge/shared/domain/event-payloads';
import { checkTimerAction } from '@wangge/shared/workflow/timer-rules';
import { appendEvents, claimAlarms, type EventInput, moveCases, SYSTEM_ACTOR } from '../../case-log';
import type { AppContext } from '../../context';
import type { Tx } from '../../db/open-database';
import type { Case, Prisma } from '../../generated/prisma/client';
import type { CommittedCaseEvent } from '../../realtime/case-event-bus';

/** States whose stage deadline raises alarms: the open ones, and closed cases awaiting a callback. */
const ALARMED: readonly CaseState[] = [...OPEN_STATES, 'CLOSED'];

type Fired = { yellow: number; red: number; escalated: number };

/**
 * Raises what is due now: a red card (超期) for every stage deadline that has passed — and,
 * when the owning level sat on its own step, auto-escalation one level up with reason
 * "timeout" — then a yellow card (预警) for every deadline getting close. State lives in the
 * database (Case.alarmLevel, yellowAt), so a timer due while the server was down fires on the
 * first sweep after it comes back. Returns what fired.
 *
 * Cards are written `chunk` at a time, one transaction per chunk, with a fixed number of
 * statements per chunk (+ one update per group of cases escalated to the same unit with the
 * same new deadlines): the claim is one conditional UPDATE that re-checks "still due" and
 * returns the rows it changed, so exactly one of several processes fires each alarm, and an
 * action that moved the case on in between wins. One transaction per card (4–6 Prisma queries
 * each) took 3.4–5 s for 700 due cards among 100,000 open ones; this takes 0.6–1 s
 * (bench/README.md, "Timer-sweep benchmark").
 */
export async function sweepTimers(ctx: AppContext, options: { batch?: number; chunk?: number } = {}) {
  const batch = options.batch ?? 500;
  const chunk = options.chunk ?? 100;
  const now = ctx.clock.now();
  const fired: Fired = { yellow: 0, red: 0, escalated: 0 };
  const overdue = overdueWhere(now);
  const overdueIds = await ctx.db.read.case.findMany({
    where: overdue,
    orderBy: { stageDeadline: 'asc' },
    take: batch,
    select: { id: true },
  });
  for (const ids of chunks(overdueIds, chunk)) await raiseRedCards(ctx, ids, overdue, now, fired);
  const warned = warnedWhere(now);
  const warnedIds = await ctx.db.read.case.findMany({
    where: warned,
    orderBy: { yellowAt: 'asc' },
    take: batch,
    select: { id: true },
  });
  for (const ids of chunks(warnedIds, chunk)) await raiseYellowCards(ctx, ids, warned, now, fired);
  return fired;
}

const overdueWhere = (now: Date): Prisma.CaseWhereInput => ({
  alarmLevel: { in: ['NONE', 'YELLOW'] },
  stageDeadline: { lte: now },
  state: { in: [...ALARMED] },
});

const warnedWhere = (now: Date): Prisma.CaseWhereInput => ({
  alarmLevel: 'NONE',
  yellowAt: { lte: now },
  stageDeadline: { gt: now },
  state: { in: [...ALARMED] },
});

function chunks(rows: { id: string }[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size).map((r) => r.id));
  return out;
}

/** What a card needs of its case: the event's fields, the escalation's limits. */
const CLAIMED = {
  id: true,
  code: true,
  state: true,
  ownerLevel: true,
  ownerUnitCode: true,
  gridCode: true,
  countyCode: true,
  reporterId: true,
  categoryCode: true,
  priority: true,
  isUrban: true,
  stageDeadline: true,
} as const satisfies Prisma.CaseSelect;
type Claimed = Pick<Case, keyof typeof CLAIMED>;

/**
 * Claims the alarm on the cases of `ids` that are still due (`where`): one conditional update
 * returning what it changed, oldest deadline first. A case another process claimed, or one an
 * action moved on since it was read, no longer matches.
 */
async function claimDue(
  tx: Tx,
  ids: string[],
  where: Prisma.CaseWhereInput,
  level: 'YELLOW' | 'RED',
): Promise<Claimed[]> {
  const claimed = await claimAlarms(tx, ids, where, level, CLAIMED);
  return claimed.sort(
    (a, b) => (a.stageDeadline?.getTime() ?? 0) - (b.stageDeadline?.getTime() ?? 0) || (a.id < b.id ? -1 : 1),
  );
}

/** Each case's departments (tasks and whistle calls): who the alarm goes to. */
async function audiencesOf(tx: Tx, caseIds: string[]) {
  const [tasks, whistles] = await Promise.all([
    tx.task.findMany({ where: { caseId: { in: caseIds } }, select: { caseId: true, departmentId: true } }),
    tx.whistleCall.findMany({
      where: { caseId: { in: caseIds } },
      select: { caseId: true, departmentId: true },
    }),
  ]);
  const byCase = new Map<string, string[]>();
  for (const t of [...tasks, ...whistles])
    byCase.set(t.caseId, [...(byCase.get(t.caseId) ?? []), t.departmentId]);
  return byCase;
}

function baseEvent<A extends 'YELLOW_CARD' | 'RED_CARD' | 'AUTO_ESCALATE'>(
  c: Claimed,
  action: A,
  payload: CaseEventPayloads[A],
  departmentIds: string[],
  now: Date,
): EventInput<A> {
  return {
    caseId: c.id,
    action,
    payload,
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

function publish(ctx: AppContext, claimed: Claimed[], events: CommittedCaseEvent['event'][]) {
  const codes = new Map(claimed.map((c) => [c.id, c.code]));
  ctx.events.publish(
    events.map((event) => ({ event, caseCode: codes.get(event.caseId)!, actorName: '系统' })),
  );
}

async function raiseYellowCards(
  ctx: AppContext,
  ids: string[],
  where: Prisma.CaseWhereInput,
  now: Date,
  fired: Fired,
) {
  const result = await ctx.db.transaction(async (tx) => {
    const claimed = await claimDue(tx, ids, where, 'YELLOW');
    if (claimed.length === 0) return null;
    const audiences = await audiencesOf(
      tx,
      claimed.map((c) => c.id),
    );
    const events = await appendEvents(
      tx,
      claimed.map((c) => ({
        ...baseEvent(
          c,
          'YELLOW_CARD',
          { deadline: c.stageDeadline?.toISOString() },
          audiences.get(c.id) ?? [],
          now,
        ),
      })),
    );
    return { claimed, events };
  });
  if (!result) return;
  fired.yellow += result.claimed.length;
  publish(ctx, result.claimed, result.events);
}

async function raiseRedCards(
  ctx: AppContext,
  ids: string[],
  where: Prisma.CaseWhereInput,
  now: Date,
  fired: Fired,
) {
  const result = await ctx.db.transaction(async (tx) => {
    const claimed = await claimDue(tx, ids, where, 'RED');
    if (claimed.length === 0) return null;
    const audiences = await audiencesOf(
      tx,
      claimed.map((c) => c.id),
    );
    const events: EventInput[] = [];
    // The level did not act in time: the case goes one level up (自动上报, reason "timeout").
    // Cases going to the same unit with the same new deadlines are moved by one update.
    const escalations = new Map<string, { ids: string[]; data: Prisma.CaseUpdateManyMutationInput }>();
    for (const c of claimed) {
      const departments = audiences.get(c.id) ?? [];
      events.push({
        ...baseEvent(
          c,
          'RED_CARD',
          { deadline: c.stageDeadline?.toISOString(), unitCode: c.ownerUnitCode },
          departments,
          now,
        ),
      });
      // The state machine decides, as for any actor (shared/src/workflow/timer-rules.ts).
      const step = checkTimerAction(c, 'AUTO_ESCALATE');
      if (!step.ok) continue;
      const { ownerUnitCode: upper, ownerLevel: upperLevel } = step;
      const registerBy = ctx.deadlines.deadline('REGISTER', now, c);
      const yellowAt = ctx.deadlines.yellowAt('REGISTER', now, registerBy, c);
      const key = `${upper} ${registerBy.getTime()} ${yellowAt.getTime()}`;
      const group = escalations.get(key) ?? {
        ids: [],
        data: {
          state: step.to,
          ownerUnitCode: upper,
          ownerLevel: upperLevel,
          stageDeadline: registerBy,
          yellowAt,
          alarmLevel: 'NONE',
          version: { increment: 1 },
          updatedAt: now,
        },
      };
      group.ids.push(c.id);
      escalations.set(key, group);
      events.push({
        ...baseEvent(
          c,
          'AUTO_ESCALATE',
          { fromUnitCode: c.ownerUnitCode, missedDeadline: c.stageDeadline?.toISOString() },
          departments,
          now,
        ),
        toState: step.to,
        toLevel: upperLevel,
        toUnitCode: upper,
        reason: 'timeout',
      });
    }
    for (const { ids: moved, data } of escalations.values()) await moveCases(tx, moved, data);
    const written = await appendEvents(tx, events);
    return { claimed, events: written, escalated: events.length - claimed.length };
  });
  if (!result) return;
  fired.red += result.claimed.length;
  fired.escalated += result.escalated;
  publish(ctx, result.claimed, result.events);
}
