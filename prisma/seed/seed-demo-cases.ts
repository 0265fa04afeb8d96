import { createManualClock } from '../../api/src/clock';
import type { AppContext } from '../../api/src/context';
import type { AuthUser } from '../../api/src/services/auth/auth-user';
import { performCaseAction } from '../../api/src/services/cases/perform-case-action';
import { reportCase } from '../../api/src/services/cases/report-case';
import { createRandom } from '../../shared/src/random';
import type { TCaseActionInput } from '../../shared/src/schemas/cases';
import type { DemoPlaces } from './seed-users';

/** Deterministic choices (mulberry32) so every fresh demo database looks the same. */
function createChooser(seed: number) {
  const next = createRandom(seed);
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const DESCRIPTIONS: Record<string, string[]> = {
  '0101': ['小区东门垃圾桶满溢，周边散落生活垃圾', '路口绿化带内有大量暴露垃圾'],
  '0201': ['早市摊贩占用人行道经营，影响通行', '学校门口流动摊贩占道'],
  '0204': ['消防通道被私家车长期占用', '人行道上乱停机动车'],
  '0301': ['夜间22点后工地仍在施工，噪音扰民', '周末工地施工噪音大'],
  '0402': ['路面有水涌出，疑似供水管道破裂', '小区内自来水管爆裂'],
  '0501': ['邻居因楼道堆物发生争吵，需要调解', '两户村民因宅基地边界起纠纷'],
  '0702': ['楼道内堆放杂物堵塞消防通道', '商铺后门消防通道被封堵'],
  '0802': ['主干道路灯连续三盏不亮', '小区内路灯损坏，夜间无照明'],
  '0803': ['人行道井盖缺失，存在安全隐患', '路口雨水井盖破损'],
  '0901': ['田间有焚烧秸秆现象，烟雾较大', '村外空地焚烧垃圾'],
  '1001': ['早餐店卫生条件差，无健康证', '超市销售过期食品'],
};

/** An action input without its version (the walk fills in the current one). */
type Unversioned = TCaseActionInput extends infer T
  ? T extends unknown
    ? Omit<T, 'version'>
    : never
  : never;

async function actorFor(ctx: AppContext, username: string): Promise<AuthUser> {
  const u = await ctx.db.read.user.findUniqueOrThrow({ where: { username }, include: { gridRoles: true } });
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitCode: u.unitCode,
    departmentId: u.departmentId,
    gridCodes: u.gridRoles.map((g) => g.gridCode),
    sessionId: 'seed',
  };
}

/**
 * A few hundred cases walked through the real workflow services (so their event logs are
 * exactly what the system would have written), spread over the last 30 days.
 */
export async function seedDemoCases(ctx: AppContext, places: DemoPlaces): Promise<number> {
  const rnd = createChooser(3715);
  const realNow = ctx.clock.now();
  const clock = createManualClock(realNow);
  const c: AppContext = { ...ctx, clock };
  const names = [
    'gridworker',
    'gridworker2',
    'village.operator',
    'village2.operator',
    'township.dispatcher',
    'township2.dispatcher',
    'county.dispatcher',
    'dept.chengguan',
    'dept.gongan',
    'hotline',
  ] as const;
  const who = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await actorFor(c, n)] as const)),
  ) as Record<(typeof names)[number], AuthUser>;
  const cellsOf = async (where: object) =>
    await c.db.read.grid.findMany({ where, select: { code: true, centroidLon: true, centroidLat: true } });
  const v1Cells = await cellsOf({ villageCode: places.village });
  const v2Cells = await cellsOf({ villageCode: places.village2 });
  const cityCells = await cellsOf({ countyCode: { not: places.county } });
  const categories = Object.keys(DESCRIPTIONS);
  let count = 0;

  const plan = [
    ...Array.from({ length: 150 }, () => ({
      reporter: who.gridworker,
      cells: v1Cells,
      operator: who['village.operator'],
      township: who['township.dispatcher'],
      checker: who.gridworker,
    })),
    ...Array.from({ length: 70 }, () => ({
      reporter: who.gridworker2,
      cells: v2Cells,
      operator: who['village2.operator'],
      township: who['township2.dispatcher'],
      checker: who.gridworker2,
    })),
    ...Array.from({ length: 30 }, () => ({
      reporter: who.hotline,
      cells: v1Cells,
      operator: who['village.operator'],
      township: who['township.dispatcher'],
      checker: who.gridworker,
    })),
    ...Array.from({ length: 50 }, () => ({
      reporter: who.hotline,
      cells: cityCells,
      operator: null,
      township: null,
      checker: null,
    })),
  ];
  for (const [i, p] of plan.entries()) {
    clock.set(new Date(realNow.getTime() - rnd.next() * (p.operator ? 30 : 3) * 86_400_000));
    const cell = rnd.pick(p.cells);
    const categoryCode = rnd.pick(categories);
    const reported = await reportCase(
      c,
      p.reporter,
      {
        categoryCode,
        description: rnd.pick(DESCRIPTIONS[categoryCode]!),
        location: { lon: cell.centroidLon, lat: cell.centroidLat },
        ...(rnd.chance(0.1) ? { priority: 'URGENT' as const } : {}),
      },
      `seed-case-${i}`,
    );
    const caseId = reported.created ? reported.case.id : reported.caseId;
    count += 1;
    if (!p.operator || !p.township || !p.checker) continue;
    let version = 1;
    const act = async (user: AuthUser, input: Unversioned) => {
      clock.advance(5 * 60_000 + rnd.next() * 6 * 3_600_000);
      if (clock.now() > realNow) return false;
      try {
        version = (await performCaseAction(c, user, caseId, { ...input, version } as TCaseActionInput))
          .version;
        return true;
      } catch (error) {
        // Another node's timer sweep escalated this back-dated case meanwhile: leave it there.
        if ((error as { status?: number }).status === 409) return false;
        throw error;
      }
    };
    const stop = () => rnd.chance(0.12);
    // The cell's own worker checks on site; elsewhere the owning level's operator does.
    const checker = (owner: AuthUser) => (p.checker?.gridCodes.includes(cell.code) ? p.checker : owner);
    if (stop() || !(await act(p.operator, { action: 'REGISTER' }))) continue;
    if (rnd.chance(0.2)) {
      if (!(await act(p.operator, { action: 'RESOLVE_AT_LEVEL', note: '村（居）委会已现场协调处理完毕' })))
        continue;
    } else {
      if (
        stop() ||
        !(await act(p.operator, { action: 'ESCALATE', reason: '需要执法部门处置，社区无法解决' }))
      )
        continue;
      if (stop() || !(await act(p.township, { action: 'REGISTER' }))) continue;
      const lead = rnd.chance(0.8) ? '371502-CHENGGUAN' : '371502-GONGAN';
      const dept = lead === '371502-CHENGGUAN' ? who['dept.chengguan'] : who['dept.gongan'];
      if (stop() || !(await act(p.township, { action: 'DISPATCH', leadDepartmentId: lead }))) continue;
      if (stop() || !(await act(dept, { action: 'CLAIM' }))) continue;
      if (stop() || !(await act(dept, { action: 'FEEDBACK', note: '已到现场处置完毕，附处置说明' })))
        continue;
      if (rnd.chance(0.15)) {
        if (!(await act(checker(p.township), { action: 'CHECK_FAIL', reason: '现场复核仍未整改到位' })))
          continue;
        if (stop() || !(await act(dept, { action: 'CLAIM' }))) continue;
        if (stop() || !(await act(dept, { action: 'FEEDBACK', note: '已返工整改完毕' }))) continue;
      }
      if (stop() || !(await act(checker(p.township), { action: 'CHECK_PASS', note: '现场核查已整改' })))
        continue;
      if (stop() || !(await act(p.township, { action: 'CLOSE' }))) continue;
      if (p.reporter === who.hotline && !stop())
        await act(who.hotline, { action: 'CALLBACK_SATISFIED', rating: 'SATISFIED', resolved: true });
      continue;
    }
    if (stop() || !(await act(checker(p.operator), { action: 'CHECK_PASS' }))) continue;
    await act(p.operator, { action: 'CLOSE' });
  }
  return count;
}
