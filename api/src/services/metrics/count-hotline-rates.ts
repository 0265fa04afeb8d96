import { Prisma } from '../../generated/prisma/client';
import type { RateRow } from './compute-metrics';
import type { RunSql } from './flow-counts-sql';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/** A person's step that answers a 12345 order: the owning level takes it up (or turns it down). */
const RESPONSES = ['REGISTER', 'REQUEST_VERIFY', 'REJECT', 'SELF_RESOLVE'];

const inList = (xs: readonly string[]) => Prisma.join(xs.map((x) => Prisma.sql`${x}`));
const n = (v: unknown) => Number(v ?? 0);
const row = (key: string, name: string, numerator: number, denominator: number): RateRow => ({
  key,
  name,
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
});

/**
 * The three 12345 rates of 接诉即办 (docs/metrics.md "Hotline rates") for a scope and period,
 * over the cases that came in by the 12345 hotline (source HOTLINE: the desk and the platform's
 * orders), suspended (挂账) and merged (并案) cases left out as everywhere:
 * - 响应率 `hotlineResponse`: orders received in P (the case's report) that the owning level took
 *   up or turned down (REGISTER, REQUEST_VERIFY, REJECT, SELF_RESOLVE from REPORTED) before the
 *   end of P with no red card while REPORTED — answered within its limit — ÷ orders received in P;
 * - 解决率 `hotlineResolution`: callbacks in P in which the caller said the problem is solved ÷
 *   callbacks in P (the evaluated orders);
 * - 满意率 `hotlineSatisfaction`: callbacks in P rated 满意 or 基本满意 ÷ callbacks in P.
 * Two statements on the case, its facts row and its events.
 */
export async function countHotlineRates(run: RunSql, scope: MetricsScope, p: Period): Promise<RateRow[]> {
  const counted = Prisma.sql`(f."suspendedAt" IS NULL OR f."suspendedAt" >= ${p.end})`;
  const [orders] = await run(Prisma.sql`SELECT COUNT(*) AS "orders",
  SUM(CASE WHEN f."reportedRedCardAt" IS NULL AND EXISTS (SELECT 1 FROM "CaseEvent" r WHERE r."caseId" = c."id"
    AND r."action" IN (${inList(RESPONSES)}) AND r."createdAt" < ${p.end}) THEN 1 ELSE 0 END) AS "responded"
FROM "Case" c JOIN "CaseFacts" f ON f."caseId" = c."id"
WHERE c."source" = 'HOTLINE' AND c."createdAt" >= ${p.start} AND c."createdAt" < ${p.end} AND ${counted} AND ${scope.caseSql}`);
  const [callbacks] = await run(Prisma.sql`SELECT COUNT(*) AS "evaluated",
  SUM(CASE WHEN e."callbackResolved" = ${true} OR (e."callbackResolved" IS NULL AND e."action" = 'CALLBACK_SATISFIED') THEN 1 ELSE 0 END) AS "resolved",
  SUM(CASE WHEN e."action" = 'CALLBACK_SATISFIED' THEN 1 ELSE 0 END) AS "satisfied"
FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId" JOIN "CaseFacts" f ON f."caseId" = e."caseId"
WHERE e."action" IN ('CALLBACK_SATISFIED', 'CALLBACK_DISSATISFIED') AND e."createdAt" >= ${p.start} AND e."createdAt" < ${p.end}
  AND c."source" = 'HOTLINE' AND ${counted} AND ${scope.eventSql}`);
  const evaluated = n(callbacks?.evaluated);
  return [
    row('hotlineResponse', '12345 响应率', n(orders?.responded), n(orders?.orders)),
    row('hotlineResolution', '12345 解决率', n(callbacks?.resolved), evaluated),
    row('hotlineSatisfaction', '12345 满意率', n(callbacks?.satisfied), evaluated),
  ];
}
