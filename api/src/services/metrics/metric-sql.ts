import { Prisma } from '../../generated/prisma/client';
import { LATE_SQL, type PartName, UNCOUNTED } from './metric-definitions';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/**
 * The counts of metric-definitions.ts as SQL straight from the event log, one statement per
 * part: each starts from the events of one action in the period (an index range on
 * CaseEvent(action, createdAt, gridCode)), joins the case only for the scope, and checks the
 * rest with EXISTS on the case's own events (CaseEvent(caseId, seq)). Portable: quoted
 * identifiers, bound parameters, COUNT / EXISTS / LIKE only.
 *
 * The reference the API's counts (metric-counts-sql.ts, from CaseFacts) are checked against
 * (tests/api/metrics-facts.test.ts, bench/metrics.ts); at a million cases it takes seconds for
 * a city-month, as every part probes the log of each case it counts. The drill-down uses it
 * for the cases behind 按期核查; the Prisma filters in metric-definitions.ts say the same for
 * the other lists.
 */
const list = (actions: readonly string[]) => Prisma.raw(actions.map((a) => `'${a}'`).join(', '));
const INTAKE = list(['REGISTER', 'VERIFY_CONFIRM', 'SELF_RESOLVE']);
const CLOSING = list(['CLOSE', 'APPROVE_SELF_RESOLUTION']);
/** ` AND a AND b …` (nothing for no conditions: Prisma.join refuses an empty list). */
const and = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.sql` AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;

/** The count of one part as `n`; `project` replaces the COUNT (e.g. to list the case ids). */
export function partSql(name: PartName, scope: MetricsScope, p: Period, project?: string): Prisma.Sql {
  const ofCase = (action: Prisma.Sql, extra: Prisma.Sql = Prisma.empty) =>
    Prisma.sql`SELECT 1 FROM "CaseEvent" x WHERE x."caseId" = e."caseId" AND x.action IN (${action}) ${extra}`;
  const inP = Prisma.sql`AND x."createdAt" >= ${p.start} AND x."createdAt" < ${p.end}`;
  const beforeEnd = Prisma.sql`AND x."createdAt" < ${p.end}`;
  const lateFeedback = Prisma.raw(`AND ${LATE_SQL}`);
  /** Events of `actions` in P on the scope's unsuspended cases, with extra conditions. */
  const driving = (select: string, actions: Prisma.Sql, ...conditions: Prisma.Sql[]) =>
    Prisma.sql`SELECT ${Prisma.raw(project ?? select)} AS n FROM "CaseEvent" e${scope.joinCase ? Prisma.sql` JOIN "Case" c ON c.id = e."caseId"` : Prisma.empty}
WHERE e.action IN (${actions}) AND e."createdAt" >= ${p.start} AND e."createdAt" < ${p.end} AND ${scope.caseSql}
  AND NOT EXISTS (${ofCase(list(UNCOUNTED), beforeEnd)})${and(conditions)}`;
  const cases = (actions: Prisma.Sql, ...conditions: Prisma.Sql[]) =>
    driving('COUNT(DISTINCT e."caseId")', actions, ...conditions);
  const events = (actions: readonly string[]) => driving('COUNT(*)', list(actions));
  const dispatch = list(['DISPATCH']);
  const fedBack = Prisma.sql`EXISTS (${ofCase(list(['FEEDBACK']), inP)})`;
  const firstIntake = Prisma.sql`NOT EXISTS (${ofCase(INTAKE, Prisma.sql`AND x."createdAt" < ${p.start}`)})`;
  const closed = Prisma.sql`EXISTS (${ofCase(CLOSING, beforeEnd)})`;
  const red = (state: Prisma.Sql) =>
    Prisma.sql`NOT EXISTS (${ofCase(list(['RED_CARD']), Prisma.sql`${beforeEnd} AND ${state}`)})`;
  switch (name) {
    case 'toHandle':
      return cases(dispatch);
    case 'handled':
      return cases(dispatch, fedBack);
    case 'handledOnTime':
      return cases(
        dispatch,
        fedBack,
        Prisma.sql`NOT EXISTS (${ofCase(list(['FEEDBACK']), Prisma.sql`${inP} ${lateFeedback}`)})`,
      );
    case 'registered':
      return cases(INTAKE, firstIntake);
    case 'closed':
      return cases(INTAKE, firstIntake, closed);
    case 'closedOnTime':
      return cases(
        INTAKE,
        firstIntake,
        closed,
        Prisma.sql`NOT EXISTS (${ofCase(list(['FEEDBACK']), Prisma.sql`${beforeEnd} ${lateFeedback}`)})`,
        red(Prisma.sql`x."fromState" <> 'CLOSED'`),
      );
    case 'registeredOnTime':
      return cases(INTAKE, firstIntake, red(Prisma.sql`x."fromState" = 'REPORTED'`));
    case 'extended':
      return cases(dispatch, Prisma.sql`EXISTS (${ofCase(list(['APPROVE_EXTENSION']), inP)})`);
    case 'accuratelyDispatched':
      return cases(dispatch, Prisma.sql`NOT EXISTS (${ofCase(list(['ACCEPT_RETURN']), inP)})`);
    case 'reworks':
      return events(['CHECK_FAIL', 'CALLBACK_DISSATISFIED']);
    case 'dispatches':
      return events(['DISPATCH']);
    case 'returns':
      return events(['ACCEPT_RETURN']);
    case 'checks':
      return events(['CHECK_PASS', 'CHECK_FAIL']);
    case 'callbacks':
      return events(['CALLBACK_SATISFIED', 'CALLBACK_DISSATISFIED']);
    case 'satisfied':
      return events(['CALLBACK_SATISFIED']);
    case 'checksOnTime':
      // A check is late when a RED_CARD was raised while CHECKING since the case's previous check.
      return driving(
        'COUNT(*)',
        list(['CHECK_PASS', 'CHECK_FAIL']),
        Prisma.sql`NOT EXISTS (SELECT 1 FROM "CaseEvent" r WHERE r."caseId" = e."caseId" AND r.action = 'RED_CARD' AND r."fromState" = 'CHECKING' AND r.seq < e.seq
    AND NOT EXISTS (SELECT 1 FROM "CaseEvent" y WHERE y."caseId" = e."caseId" AND y.action IN ('CHECK_PASS', 'CHECK_FAIL') AND y.seq > r.seq AND y.seq < e.seq))`,
      );
  }
}
