import type { CaseState, UnitLevel } from '../domain/constants';
import { levelAbove, parentCode } from '../domain/unit-codes';
import type { WorkflowCase } from './types';

/**
 * What the system itself does when a stage deadline passes (domain.md §4, 自动上报): the same
 * state machine as the people's actions, with the timer as the party. The sweep
 * (api/src/services/timers/sweep-timers.ts) asks here, as an action asks ACTION_RULES.
 */
export const TIMER_ACTIONS = ['AUTO_ESCALATE'] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

/** Steps the owning level itself must take: missing their deadline loses the case one level up. */
export const LEVEL_STEPS: readonly CaseState[] = ['REPORTED', 'REGISTERED', 'ESCALATED'];

export type TimerCheck =
  | { ok: true; to: CaseState; ownerUnitCode: string; ownerLevel: UnitLevel }
  | { ok: false; message: string };

type TimerCase = Pick<WorkflowCase, 'state' | 'ownerLevel' | 'ownerUnitCode'>;

const TIMER_RULES: Record<TimerAction, (c: TimerCase) => TimerCheck> = {
  AUTO_ESCALATE: (c) => {
    if (!LEVEL_STEPS.includes(c.state))
      return { ok: false, message: `${c.state} is not the owning level's step` };
    const upper = parentCode(c.ownerUnitCode);
    const level = levelAbove(c.ownerLevel);
    if (upper === undefined || level === undefined)
      return { ok: false, message: 'the city is the highest level' };
    return { ok: true, to: 'ESCALATED', ownerUnitCode: upper, ownerLevel: level };
  },
};

/** Whether the timer takes `action` on a case whose stage deadline has passed, and where it goes. */
export function checkTimerAction(c: TimerCase, action: TimerAction): TimerCheck {
  return TIMER_RULES[action](c);
}
