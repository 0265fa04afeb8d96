import { startOfShanghaiDay } from '@wangge/shared/calendar/index';
import { Prisma } from '../../generated/prisma/client';
import type { RunSql } from './flow-counts-sql';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/** One month's duplicate share (重复件占比): duplicates merged ÷ cases reported. */
export interface DuplicateShareRow {
  /** YYYY-MM (Shanghai). */
  month: string;
  /** The part of the month inside the period, `to` inclusive. */
  from: string;
  to: string;
  /** Distinct cases whose REPORT event falls in it. */
  reported: number;
  /** Distinct cases merged (MERGE event) in it: duplicates, each counted in its master. */
  merged: number;
  /** merged ÷ reported, null when nothing was reported. */
  share: number | null;
}

/** The months of P, each clipped to P. */
function monthsOf(p: Period): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let from = p.from;
  while (from <= p.to) {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    out.push({ month: from.slice(0, 7), from, to: [last, p.to].sort()[0]! });
    from = next;
  }
  return out;
}

/**
 * The duplicate share per Shanghai month of P (docs/metrics.md "Duplicates"), read from the
 * event log in one statement: REPORT and MERGE events of the scope in P, each put in its month
 * by a CASE on the bound month boundaries (portable, as the trend's days), distinct cases per
 * kind and month. A merged case leaves every indicator (UNCOUNTED); here it is what is counted.
 */
export async function countDuplicateShare(
  run: RunSql,
  scope: MetricsScope,
  p: Period,
): Promise<DuplicateShareRow[]> {
  const months = monthsOf(p);
  const bounds = months
    .slice(1)
    .map(
      (m, i) => Prisma.sql`WHEN e."createdAt" < ${startOfShanghaiDay(m.from)} THEN ${Prisma.raw(String(i))}`,
    );
  const month =
    bounds.length > 0
      ? Prisma.sql`CASE ${Prisma.join(bounds, ' ')} ELSE ${Prisma.raw(String(months.length - 1))} END`
      : Prisma.sql`0`;
  const rows =
    await run(Prisma.sql`SELECT e."action" AS "action", ${month} AS "month", COUNT(DISTINCT e."caseId") AS "n"
FROM "CaseEvent" e WHERE e."action" IN ('REPORT', 'MERGE') AND e."createdAt" >= ${p.start} AND e."createdAt" < ${p.end} AND ${scope.eventSql}
GROUP BY 1, 2`);
  return months.map((m, i) => {
    const count = (action: string) =>
      Number(rows.find((r) => r.action === action && Number(r.month) === i)?.n ?? 0);
    const reported = count('REPORT');
    const merged = count('MERGE');
    return { ...m, reported, merged, share: reported > 0 ? merged / reported : null };
  });
}
