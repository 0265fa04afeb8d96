import type { CaseState } from '../domain/constants';
import { CASE_ACTIONS, type CaseAction } from './actions';
import { ACTION_RULES } from './rules';
import type { WorkflowActor, WorkflowCase } from './types';

/** Why an action cannot be taken: wrong state, wrong party, or a failed business rule. */
export type ActionRefusal =
  | { ok: false; reason: 'INVALID_STATE'; message: string }
  | { ok: false; reason: 'NOT_PARTY'; message: string }
  | { ok: false; reason: 'RULE'; message: string };

/** Checks one action; on success says which state the case moves to. */
export function checkAction(
  c: WorkflowCase,
  action: CaseAction,
  actor: WorkflowActor,
  now: Date,
): { ok: true; to: CaseState } | ActionRefusal {
  const rule = ACTION_RULES[action];
  // Party first: someone who may never do this learns nothing more than "forbidden".
  if (!rule.isParty(c, actor)) {
    return { ok: false, reason: 'NOT_PARTY', message: `${actor.role} may not ${action} this case` };
  }
  if (!rule.from.includes(c.state)) {
    return { ok: false, reason: 'INVALID_STATE', message: `${action} is not possible in state ${c.state}` };
  }
  const problem = rule.guard?.(c, actor, now) ?? null;
  if (problem) {
    return {
      ok: false,
      reason: problem.kind === 'STATE' ? 'INVALID_STATE' : 'RULE',
      message: problem.message,
    };
  }
  return { ok: true, to: rule.to(c, actor) };
}

/** Whether the actor may take the action now. */
export function canPerform(c: WorkflowCase, action: CaseAction, actor: WorkflowActor, now: Date): boolean {
  return checkAction(c, action, actor, now).ok;
}

/** Every action the actor may take on the case now, in table order (drives the buttons). */
export function availableActions(c: WorkflowCase, actor: WorkflowActor, now: Date): CaseAction[] {
  return CASE_ACTIONS.filter((action) => canPerform(c, action, actor, now));
}
