import type { Prisma } from '../../generated/prisma/client';

/**
 * The evaluation indicators (综合评价, domain.md §5), each a numerator over a denominator, both
 * read from the append-only event log (`CaseEvent`) for a period P = [start, end) of Shanghai
 * calendar days and a scope of cases. Rules shared by all of them:
 * - a case with a SUSPEND (挂账) or MERGE (并案: a duplicate, counted in its master) event
 *   before the end of P is left out of every count (UNCOUNTED);
 * - "registered" (立案) means the case's first REGISTER, VERIFY_CONFIRM or SELF_RESOLVE event
 *   (a self-resolved report enters the loop without a separate registration);
 * - case counts count distinct cases, event counts count events (so 返工率 may pass 100 %).
 * docs/metrics.md holds the same definitions with examples.
 */
export const METRIC_KEYS = [
  'handle',
  'handleOnTime',
  'close',
  'closeOnTime',
  'rework',
  'return',
  'extension',
  'registerOnTime',
  'checkOnTime',
  'satisfaction',
  'dispatchAccuracy',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** The building blocks: a set of cases, a set of events, or the raw on-time-check query. */
export type PartSpec =
  | { kind: 'cases'; where: (p: PartArgs) => Prisma.CaseWhereInput }
  | { kind: 'events'; where: (p: PartArgs) => Prisma.CaseEventWhereInput }
  | { kind: 'checksOnTime' };

export interface PartArgs {
  start: Date;
  end: Date;
  /** The scope's cases, suspended ones already removed. */
  base: Prisma.CaseWhereInput;
}

/**
 * Events after which a case counts nowhere: suspended (挂账), or merged into a master (并案,
 * the master counts once for both). CaseFacts.suspendedAt keeps the earliest of either.
 */
export const UNCOUNTED = ['SUSPEND', 'MERGE'];
export const INTAKE = ['REGISTER', 'VERIFY_CONFIRM', 'SELF_RESOLVE'];
export const CLOSING = ['CLOSE', 'APPROVE_SELF_RESOLUTION'];
export const REWORK = ['CHECK_FAIL', 'CALLBACK_DISSATISFIED'];
export const CHECKS = ['CHECK_PASS', 'CHECK_FAIL'];
export const CALLBACKS = ['CALLBACK_SATISFIED', 'CALLBACK_DISSATISFIED'];

/** A FEEDBACK that was not on time (its onTime column false, or unknown). */
const LATE = { OR: [{ onTime: false }, { onTime: null }] };
/** The same on an event aliased `x` in SQL (metric-sql.ts, metric-counts-sql.ts). */
export const LATE_SQL = 'NOT COALESCE(x."onTime", FALSE)';

const inPeriod = (p: PartArgs) => ({ gte: p.start, lt: p.end });

/** Cases dispatched (DISPATCH event) in P: 应处置. */
const toHandle = (p: PartArgs): Prisma.CaseWhereInput => ({
  AND: [p.base, { events: { some: { action: 'DISPATCH', createdAt: inPeriod(p) } } }],
});
/** Of those, fed back (FEEDBACK, only the lead department may) by the end of P: 已处置. */
const handled = (p: PartArgs): Prisma.CaseWhereInput => ({
  AND: [toHandle(p), { events: { some: { action: 'FEEDBACK', createdAt: inPeriod(p) } } }],
});
/** Cases whose first registration (立案) falls in P: 应结案. */
const registered = (p: PartArgs): Prisma.CaseWhereInput => ({
  AND: [
    p.base,
    { events: { some: { action: { in: INTAKE }, createdAt: inPeriod(p) } } },
    { events: { none: { action: { in: INTAKE }, createdAt: { lt: p.start } } } },
  ],
});
/** Of those, closed (CLOSE or APPROVE_SELF_RESOLUTION) by the end of P: 已结案. */
const closed = (p: PartArgs): Prisma.CaseWhereInput => ({
  AND: [registered(p), { events: { some: { action: { in: CLOSING }, createdAt: { lt: p.end } } } }],
});
const eventsIn = (actions: string[]) => (p: PartArgs) => ({
  action: { in: actions },
  createdAt: inPeriod(p),
  case: p.base,
});

export const PARTS = {
  toHandle: { kind: 'cases', where: toHandle },
  handled: { kind: 'cases', where: handled },
  /** Handled, and every FEEDBACK in P was on time (the event's onTime, set by the API from the handling deadline). */
  handledOnTime: {
    kind: 'cases',
    where: (p) => ({
      AND: [
        handled(p),
        {
          events: {
            none: { action: 'FEEDBACK', createdAt: inPeriod(p), ...LATE },
          },
        },
      ],
    }),
  },
  registered: { kind: 'cases', where: registered },
  closed: { kind: 'cases', where: closed },
  /**
   * Closed, and no step before closing ran out of time: no late FEEDBACK (onTime false)
   * and no RED_CARD before the end of P, except one during the callback wait (state CLOSED).
   */
  closedOnTime: {
    kind: 'cases',
    where: (p) => ({
      AND: [
        closed(p),
        {
          events: {
            none: { action: 'FEEDBACK', createdAt: { lt: p.end }, ...LATE },
          },
        },
        { events: { none: { action: 'RED_CARD', createdAt: { lt: p.end }, fromState: { not: 'CLOSED' } } } },
      ],
    }),
  },
  /** Registered, and no RED_CARD was raised while the report waited (state REPORTED). */
  registeredOnTime: {
    kind: 'cases',
    where: (p) => ({
      AND: [
        registered(p),
        { events: { none: { action: 'RED_CARD', fromState: 'REPORTED', createdAt: { lt: p.end } } } },
      ],
    }),
  },
  /** To-handle cases with an APPROVE_EXTENSION event in P. */
  extended: {
    kind: 'cases',
    where: (p) => ({
      AND: [toHandle(p), { events: { some: { action: 'APPROVE_EXTENSION', createdAt: inPeriod(p) } } }],
    }),
  },
  /**
   * To-handle cases with no ACCEPT_RETURN in P: every dispatch of the case in P stood (a case
   * sent to the wrong department and returned is not accurately dispatched, even when its next
   * dispatch was right). GB/T 30428.4's 准确派遣.
   */
  accuratelyDispatched: {
    kind: 'cases',
    where: (p) => ({
      AND: [toHandle(p), { events: { none: { action: 'ACCEPT_RETURN', createdAt: inPeriod(p) } } }],
    }),
  },
  /** CHECK_FAIL and CALLBACK_DISSATISFIED events in P (a dissatisfied callback counts as rework). */
  reworks: { kind: 'events', where: eventsIn(REWORK) },
  dispatches: { kind: 'events', where: eventsIn(['DISPATCH']) },
  /** ACCEPT_RETURN events in P: returns the dispatcher let stand. */
  returns: { kind: 'events', where: eventsIn(['ACCEPT_RETURN']) },
  checks: { kind: 'events', where: eventsIn(CHECKS) },
  /** Checks in P with no RED_CARD raised in the CHECKING episode that the check ended. */
  checksOnTime: { kind: 'checksOnTime' },
  callbacks: { kind: 'events', where: eventsIn(CALLBACKS) },
  satisfied: { kind: 'events', where: eventsIn(['CALLBACK_SATISFIED']) },
} satisfies Record<string, PartSpec>;
export type PartName = keyof typeof PARTS;

export interface MetricSpec {
  key: MetricKey;
  name: string;
  numerator: PartName;
  denominator: PartName;
}

/** The indicators in the order they are shown. */
export const METRICS: readonly MetricSpec[] = [
  { key: 'handle', name: '处置率', numerator: 'handled', denominator: 'toHandle' },
  { key: 'handleOnTime', name: '按期处置率', numerator: 'handledOnTime', denominator: 'toHandle' },
  { key: 'close', name: '结案率', numerator: 'closed', denominator: 'registered' },
  { key: 'closeOnTime', name: '按期结案率', numerator: 'closedOnTime', denominator: 'registered' },
  { key: 'rework', name: '返工率', numerator: 'reworks', denominator: 'registered' },
  { key: 'return', name: '回退率', numerator: 'returns', denominator: 'dispatches' },
  { key: 'extension', name: '延期率', numerator: 'extended', denominator: 'toHandle' },
  { key: 'registerOnTime', name: '按时立案率', numerator: 'registeredOnTime', denominator: 'registered' },
  { key: 'checkOnTime', name: '按期核查率', numerator: 'checksOnTime', denominator: 'checks' },
  { key: 'satisfaction', name: '满意率', numerator: 'satisfied', denominator: 'callbacks' },
  { key: 'dispatchAccuracy', name: '准确派遣率', numerator: 'accuratelyDispatched', denominator: 'toHandle' },
];
