import { ancestorCode, CITY_CODE } from '@wangge/shared/domain/unit-codes';
import type { RankingKind } from '@wangge/shared/schemas/evaluation';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { runPeriodically } from '../run-periodically';
import { monthOf, monthPeriod, previousMonth } from './month';
import { computeRanking } from './rankings';

/** Every ranking a month freezes: counties in the city, townships per county, departments per
 * unit that has any, grid workers per township that has any. */
async function rankingsOfMonth(ctx: AppContext): Promise<{ kind: RankingKind; unitCode: string }[]> {
  const [counties, departmentUnits, members] = await Promise.all([
    ctx.db.read.unit.findMany({
      where: { level: 'COUNTY' },
      select: { code: true },
      orderBy: { code: 'asc' },
    }),
    ctx.db.read.department.findMany({
      distinct: ['unitCode'],
      select: { unitCode: true },
      orderBy: { unitCode: 'asc' },
    }),
    ctx.db.read.gridMember.findMany({
      where: { user: { role: 'GRID_WORKER', isActive: true } },
      select: { gridCode: true },
    }),
  ]);
  const townships = [...new Set(members.map((m) => ancestorCode(m.gridCode, 'TOWNSHIP')))].sort();
  return [
    { kind: 'COUNTY', unitCode: CITY_CODE },
    ...counties.map((c) => ({ kind: 'TOWNSHIP' as const, unitCode: c.code })),
    ...departmentUnits.map((d) => ({ kind: 'DEPARTMENT' as const, unitCode: d.unitCode })),
    ...townships.map((t) => ({ kind: 'GRID_WORKER' as const, unitCode: t })),
  ];
}

/** Rankings are frozen an hour after their month ends, once the timer sweeps have raised its last alarms. */
const FREEZE_GRACE_MS = 3_600_000;

/**
 * Freezes a finished month's rankings (一月一排名). Each (month, kind, unit) is written once:
 * what is already frozen is kept as it was (the table refuses updates), so a second call, or
 * two nodes freezing at once, changes nothing. Refuses a month that is not over yet.
 */
export async function freezeMonth(ctx: AppContext, month: string, byUserId: string | null) {
  const m = monthPeriod(month);
  const now = ctx.clock.now();
  if (now.getTime() < m.end.getTime() + FREEZE_GRACE_MS)
    throw new AppError(
      'RULE_VIOLATION',
      `${month} cannot be frozen yet: rankings are frozen from an hour after the month ends (the last alarms of the month are raised by then).`,
    );
  const wanted = await rankingsOfMonth(ctx);
  const done = new Set(
    (
      await ctx.db.read.rankingSnapshot.findMany({ where: { month }, select: { kind: true, unitCode: true } })
    ).map((s) => `${s.kind}/${s.unitCode}`),
  );
  const todo = wanted.filter((w) => !done.has(`${w.kind}/${w.unitCode}`));
  let frozen = 0;
  for (const w of todo) {
    // Another node may be freezing the same month: skip what it froze meanwhile.
    const taken = await ctx.db.read.rankingSnapshot.findUnique({
      where: { month_kind_unitCode: { month, kind: w.kind, unitCode: w.unitCode } },
      select: { id: true },
    });
    if (taken) continue;
    const rows = await computeRanking(ctx, w.kind, w.unitCode, m);
    try {
      await ctx.db.transaction((tx) =>
        tx.rankingSnapshot.create({
          data: {
            month,
            kind: w.kind,
            unitCode: w.unitCode,
            rows: JSON.stringify(rows),
            frozenAt: now,
            frozenById: byUserId,
          },
        }),
      );
      frozen += 1;
    } catch (error) {
      // Another node froze this one first: theirs stands.
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
  }
  // Those frozen before, and those another node froze while this one computed them.
  return { month, frozen, alreadyFrozen: wanted.length - frozen };
}

/** After a month ends (plus an hour for the last timer sweeps), freeze it once; checks hourly. */
export function startRankingFreezes(ctx: AppContext, intervalMs = 3_600_000): () => void {
  return runPeriodically(ctx, 'ranking freeze', intervalMs, async () => {
    const now = ctx.clock.now();
    const last = previousMonth(monthOf(now));
    // Freezing skips what is frozen, so an interrupted freeze completes on the next tick.
    if (now.getTime() >= monthPeriod(last).end.getTime() + FREEZE_GRACE_MS) {
      const result = await freezeMonth(ctx, last, null);
      if (result.frozen > 0) ctx.log(`froze ${result.frozen} rankings of ${last}`);
    }
  });
}
