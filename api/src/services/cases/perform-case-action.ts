import type { CaseState } from '@wangge/shared/domain/constants';
import type { CaseEventPayloads } from '@wangge/shared/domain/event-payloads';
import type { TCaseActionInput } from '@wangge/shared/schemas/cases';
import { checkAction } from '@wangge/shared/workflow/evaluate';
import { stageOf } from '@wangge/shared/workflow/stages';
import { writeTransition } from '../../case-log';
import type { AppContext } from '../../context';
import { lockCase } from '../../db/locks';
import { AppError, notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { ACTION_EFFECTS, type CaseWithTasks, type Effect } from './action-effects';
import { toWorkflowCase } from './to-workflow-case';

const REFUSAL_CODE = {
  INVALID_STATE: 'INVALID_STATE',
  NOT_PARTY: 'FORBIDDEN',
  RULE: 'RULE_VIOLATION',
} as const;

/**
 * Performs one workflow action on a case: checks jurisdiction (404), the version (409), the
 * party (403), the state (409) and the rules (422), then has the case log write the case, its
 * tasks and the event in one transaction, and publishes the event after commit.
 */
export async function performCaseAction(
  ctx: AppContext,
  user: AuthUser,
  caseId: string,
  input: TCaseActionInput,
): Promise<{ seq: number; version: number }> {
  const now = ctx.clock.now();
  const { current, event, version } = await ctx.db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    const current = await tx.case.findFirst({
      where: { AND: [{ id: caseId }, caseScopeWhere(user)] },
      include: { tasks: true, whistles: true },
    });
    if (!current) throw notFound('No such case.');
    if (current.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', 'The case has changed since you loaded it; reload and retry.', [
        { path: 'version', message: `current version is ${current.version}` },
      ]);
    }
    const check = checkAction(toWorkflowCase(current), input.action, user, now);
    if (!check.ok) throw new AppError(REFUSAL_CODE[check.reason], check.message);

    const effect: Effect = await (ACTION_EFFECTS[input.action] as (a: unknown) => Promise<Effect> | Effect)({
      ctx,
      tx,
      current,
      input,
      user,
      now,
      to: check.to,
    });
    const { version: _v, action: _a, ...details } = input;
    const written = await writeTransition(tx, {
      current,
      version: input.version,
      action: input.action,
      actor: user,
      to: check.to,
      caseData: { ...effect.caseData, ...alarmReset(ctx, current, effect, check.to, now) },
      taskWrites: effect.taskWrites,
      reason: 'reason' in details ? (details.reason ?? null) : null,
      // The input's fields and the effect's: this action's payload (event-payloads.ts), which
      // TypeScript cannot correlate across the union of actions here.
      payload: { ...withoutReason(details), ...effect.payload } as CaseEventPayloads[typeof input.action],
      onTime: effect.onTime,
      callback: effect.callback,
      attachmentIds: 'attachmentIds' in input ? input.attachmentIds : undefined,
      at: now,
    });
    if (!written) throw new AppError('VERSION_CONFLICT', 'The case has changed; reload and retry.');
    const { after, event } = written;
    return { current: after, event, version: after.version };
  });
  ctx.events.publish([{ event, caseCode: current.code, actorName: user.displayName }]);
  return { seq: event.seq, version };
}

function withoutReason(details: Record<string, unknown>): Record<string, unknown> {
  const { reason: _r, ...rest } = details;
  return rest;
}

/** A new stage deadline starts a new alarm cycle: no card raised yet, the yellow card rescheduled. */
function alarmReset(ctx: AppContext, current: CaseWithTasks, effect: Effect, to: CaseState, now: Date) {
  if (!('stageDeadline' in effect.caseData)) return {};
  const deadline = effect.caseData.stageDeadline as Date | null | undefined;
  const stage = stageOf(to);
  return {
    alarmLevel: 'NONE',
    yellowAt: deadline && stage ? ctx.deadlines.yellowAt(stage, now, deadline, current) : null,
  };
}
