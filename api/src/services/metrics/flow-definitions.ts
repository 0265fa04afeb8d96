import type { FlowKey } from '@wangge/shared/schemas/dashboard';
import { Prisma } from '../../generated/prisma/client';
import { CLOSING } from './metric-definitions';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/**
 * The day-by-day figures (上报, 结案, 超期) of the command headline, the dashboard and the wall,
 * beside the indicators of metric-definitions.ts: each counts the distinct cases of the scope
 * with an event of some kinds in a period P, by event time. One table, read both as SQL (the
 * counts, flow-counts-sql.ts) and as a Prisma filter (the cases behind a count,
 * list-metric-cases.ts), so a number and its list cannot drift apart.
 * Unlike the indicators they are flows of work, not an evaluation: suspended (挂账) cases count.
 */
interface FlowSpec {
  actions: readonly string[];
  /** Leave out events raised in this state. */
  notFromState?: 'CLOSED';
}

export const FLOWS: Record<FlowKey, FlowSpec> = {
  /** 上报: the case's REPORT (one per case) lies in P. */
  reported: { actions: ['REPORT'] },
  /** 结案: a CLOSE or APPROVE_SELF_RESOLUTION lies in P (the indicators' closing events). */
  closed: { actions: CLOSING },
  /**
   * 超期: a RED_CARD (a step's deadline passed) was raised in P, except while waiting for the
   * callback (state CLOSED), as 按期结案率 reads it.
   */
  overdue: { actions: ['RED_CARD'], notFromState: 'CLOSED' },
};

const inList = (actions: readonly string[]) => Prisma.join(actions.map((a) => Prisma.sql`${a}`));

/** The condition for an event (alias e) of a figure's kinds, time aside. */
export function flowEventSql(key: FlowKey): Prisma.Sql {
  const spec = FLOWS[key];
  const action = Prisma.sql`e."action" IN (${inList(spec.actions)})`;
  // The state is a constant of this table, written as a literal: PostgreSQL compares its enum
  // column with a literal, not with a text parameter.
  return spec.notFromState
    ? Prisma.sql`(${action} AND e."fromState" <> ${Prisma.raw(`'${spec.notFromState}'`)})`
    : action;
}

/** The cases behind a figure of the scope over P, as a case filter. */
export function flowCaseWhere(key: FlowKey, scope: MetricsScope, p: Period): Prisma.CaseWhereInput {
  const spec = FLOWS[key];
  return {
    AND: [
      scope.caseWhere,
      {
        events: {
          some: {
            action: { in: [...spec.actions] },
            createdAt: { gte: p.start, lt: p.end },
            ...(spec.notFromState ? { fromState: { not: spec.notFromState } } : {}),
          },
        },
      },
    ],
  };
}
