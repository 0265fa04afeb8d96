import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { OPEN_STATES } from '@wangge/shared/domain/constants';
import type { BBox } from '@wangge/shared/geo/polygon';
import { GRID_IMPORT_LIMITS, type GridProblem } from '@wangge/shared/geo/validate-grid-collection';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type {
  ImportLimits,
  ImportPlan,
  ImportWorkerReply,
  PreviousCell,
  StayingCell,
} from './grid-import-protocol';
import { GridImportWorker } from './run-grid-import';
import { CODES_PER_LIST, chunks, writeGridImport } from './write-grid-import';

/** Bounds every imported position must lie in: 聊城市 with a margin of ~5 km. */
export const CITY_BOUNDS: BBox = [115.2, 35.75, 116.6, 37.08];

/** JSON nesting accepted in a grid file (a FeatureCollection needs 7 levels; properties may add some). */
export const GRID_IMPORT_MAX_DEPTH = 64;

/** Staying cells read per query while collecting those near the file. */
const STAYING_PAGE = 500;

const running = new WeakSet<AppContext>();

/** True while a grid import runs on this node (this context). */
export const isGridImportRunning = (ctx: AppContext) => running.has(ctx);

/**
 * Runs `fn` as this node's only grid import: a second one meanwhile is answered 409 at once
 * (before its body is read) rather than queued behind a job that can take minutes.
 */
export async function withGridImportLock<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  if (running.has(ctx)) {
    throw new AppError(
      'INVALID_STATE',
      'A grid import is already running on this node; try again when it has finished.',
    );
  }
  running.add(ctx);
  try {
    return await fn();
  } finally {
    running.delete(ctx);
  }
}

/** Codes listed per kind in a report (the counts are always complete). */
const LISTED_CODES = 1000;

/** What an import did, or in a dry run would do. */
export interface GridImportReport {
  dryRun: boolean;
  /** Cells in the file. */
  imported: number;
  /** Villages whose cells the file replaces. */
  villages: number;
  cells: { added: number; replaced: number; unchanged: number; removed: number };
  /** The codes behind the counts (the first 1,000 of each). */
  codes: { added: string[]; replaced: string[]; removed: string[] };
  /** Synthetic neighbours cut back or removed to make room for the file's cells. */
  synthetic: { trimmed: string[]; removed: string[] };
  /** Accepted with a warning: rewound rings, snapped slivers, old codes, a GCJ-02 look. */
  warnings: { path: string; message: string }[];
  warningCount: number;
}

/**
 * Imports real grid cells from a GeoJSON FeatureCollection (RFC 7946), given as the raw
 * bytes of the file (docs/grids.md). Each village named in the file has its cells replaced by
 * the file's; cells of other villages stay, except synthetic ones the file's cells overlap,
 * which are cut back (or removed when little is left). Old codes are mapped to current ones
 * through the code alias table. The import is refused, listing the problems (the first
 * `maxProblems`, then a count), when the file is invalid, names an unknown village, overlaps
 * a real cell that stays by more than a sliver, or would remove a cell that a grid team or an
 * open case refers to. All or nothing, in one transaction; `dryRun` plans and writes nothing.
 *
 * Parsing, every geometric check and the plan run in a worker thread (grid-import-worker.ts);
 * the event loop only reads the database and writes the rows, in small statements with a
 * yield between.
 */
export async function importGrids(
  ctx: AppContext,
  body: Uint8Array,
  options: {
    dryRun?: boolean;
    limits?: Partial<ImportLimits>;
    maxMemoryMb?: number;
    timeoutMs?: number;
  } = {},
): Promise<GridImportReport> {
  const limits: ImportLimits = { ...GRID_IMPORT_LIMITS, ...options.limits };
  const [villages, aliases] = await Promise.all([
    ctx.db.read.unit.findMany({ where: { level: 'VILLAGE' }, select: { code: true } }),
    ctx.db.read.unitCodeAlias.findMany({ select: { oldCode: true, code: true } }),
  ]);
  const villageSet = new Set(villages.map((v) => v.code));
  const worker = new GridImportWorker(
    {
      body,
      bounds: CITY_BOUNDS,
      villageCodes: [...villageSet],
      // Village-level aliases only: a cell code is a village code plus a serial.
      villageAliases: aliases.filter((a) => villageSet.has(a.code)).map((a) => [a.oldCode, a.code]),
      maxDepth: GRID_IMPORT_MAX_DEPTH,
      limits,
    },
    {
      // Parsed GeoJSON takes several times the file's size; enough for the size limit.
      maxMemoryMb: options.maxMemoryMb ?? Math.max(1024, Math.ceil(body.byteLength / 2 ** 20) * 32),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
  );
  let plan: ImportPlan;
  let replaced: string[];
  let count: number;
  try {
    const validated = replyOf(await worker.next(), 'validated');
    replaced = validated.villages;
    count = validated.count;
    const replacedSet = new Set(replaced);
    const [staying, previous] = await Promise.all([
      validated.bbox ? stayingCellsNear(ctx, validated.bbox, replacedSet) : Promise.resolve([]),
      previousCells(ctx, replaced),
    ]);
    worker.sendContext({ kind: 'context', staying, previous });
    const { kind: _, ...planned } = replyOf(await worker.next(), 'planned');
    plan = planned;
  } finally {
    await worker.close();
  }

  const teamCells = await referencedCells(ctx, plan, limits.maxProblems);
  if (!options.dryRun) {
    await writeGridImport(ctx, plan, teamCells);
    await Promise.all([ctx.grids.reload(), ctx.reference.reload()]);
    // Other API nodes reload theirs too (socket-server.ts relays this over Redis).
    ctx.events.referenceChanged();
  }
  const max = limits.maxProblems;
  return {
    dryRun: options.dryRun ?? false,
    imported: count,
    villages: replaced.length,
    cells: {
      added: plan.added.length,
      replaced: plan.replaced.length,
      unchanged: plan.unchanged.length,
      removed: plan.removed.length,
    },
    codes: {
      added: plan.added.slice(0, LISTED_CODES),
      replaced: plan.replaced.slice(0, LISTED_CODES),
      removed: plan.removed.slice(0, LISTED_CODES),
    },
    synthetic: {
      trimmed: plan.syntheticTrimmed.map((r) => r.code),
      removed: plan.syntheticRemoved,
    },
    warnings: plan.warnings.slice(0, max).map(describeProblem),
    warningCount: plan.warnings.length,
  };
}

/** The worker's reply of the expected kind; a refusal becomes the 400 listing its problems. */
function replyOf<K extends 'validated' | 'planned'>(
  reply: ImportWorkerReply,
  kind: K,
): Extract<ImportWorkerReply, { kind: K }> {
  if (reply.kind === 'refused') throw importRefused(reply.problems);
  if (reply.kind !== kind) throw new Error(`grid import worker answered ${reply.kind}, expected ${kind}`);
  return reply as Extract<ImportWorkerReply, { kind: K }>;
}

/**
 * The cells the plan removes must not be referenced: a grid team (GridMember's foreign key)
 * or an open case (its clock runs in that cell) would point at nothing. Closed cases keep
 * the code as history. Returns the replaced cells with a team (updated in place).
 */
async function referencedCells(ctx: AppContext, plan: ImportPlan, max: number): Promise<Set<string>> {
  const removed = [...plan.removed, ...plan.syntheticRemoved];
  const synthetic = new Set(plan.syntheticRemoved);
  const teams = new Set<string>();
  const open = new Map<string, number>();
  for (const part of chunks([...removed, ...plan.replaced], CODES_PER_LIST)) {
    const members = await ctx.db.read.gridMember.findMany({
      where: { gridCode: { in: part } },
      select: { gridCode: true },
    });
    for (const m of members) teams.add(m.gridCode);
  }
  for (const part of chunks(removed, CODES_PER_LIST)) {
    const counts = await ctx.db.read.case.groupBy({
      by: ['gridCode'],
      where: { gridCode: { in: part }, state: { in: [...OPEN_STATES] } },
      _count: { _all: true },
    });
    for (const c of counts) open.set(c.gridCode, c._count._all);
  }
  const problems: GridProblem[] = [];
  for (const code of removed.sort()) {
    const team = teams.has(code);
    const cases = open.get(code) ?? 0;
    if (!team && cases === 0) continue;
    const refs = [team ? 'a grid team' : '', cases ? `${cases} open case(s)` : '']
      .filter(Boolean)
      .join(' and ');
    problems.push({
      index: -1,
      code,
      path: '(file)',
      message: synthetic.has(code)
        ? `synthetic cell ${code} would be removed (the file's cells cover it) but has ${refs}: include a cell with this code in the file, or reassign the team and close the cases first`
        : `cell ${code} has ${refs} but is missing from the file`,
    });
  }
  if (problems.length > 0) throw importRefused(problems, max);
  return teams;
}

const describeProblem = (p: GridProblem) => ({
  path: p.path,
  message: p.code ? `${p.code}: ${p.message}` : p.message,
});

/**
 * Cells of villages the file leaves alone whose bounding box meets the file's: the only ones
 * a new cell can overlap. Read a page at a time (a city-wide file meets every cell) with a
 * yield between pages; their GeoJSON is parsed in the worker.
 */
async function stayingCellsNear(
  ctx: AppContext,
  [minLon, minLat, maxLon, maxLat]: BBox,
  replaced: Set<string>,
) {
  const out: StayingCell[] = [];
  const pad = 1e-4; // the snapping search reaches ≈ 10 m beyond a cell
  let after = '';
  for (;;) {
    const page = await ctx.db.read.grid.findMany({
      where: {
        code: { gt: after },
        minLon: { lte: maxLon + pad },
        maxLon: { gte: minLon - pad },
        minLat: { lte: maxLat + pad },
        maxLat: { gte: minLat - pad },
      },
      select: { code: true, villageCode: true, geometry: true, isSynthetic: true },
      orderBy: { code: 'asc' },
      take: STAYING_PAGE,
    });
    for (const g of page)
      if (!replaced.has(g.villageCode))
        out.push({ code: g.code, geometry: g.geometry, isSynthetic: g.isSynthetic });
    if (page.length < STAYING_PAGE) return out;
    after = page[page.length - 1]?.code ?? after;
    await yieldToEventLoop();
  }
}

/** The current cells of the villages the file replaces, a few hundred villages per query. */
async function previousCells(ctx: AppContext, villages: readonly string[]): Promise<PreviousCell[]> {
  const out: PreviousCell[] = [];
  // ~100 villages ≈ 300–500 cells per query: Prisma maps each page on the event loop.
  for (const part of chunks(villages, 100)) {
    out.push(
      ...(await ctx.db.read.grid.findMany({
        where: { villageCode: { in: part } },
        select: { code: true, name: true, geometry: true },
      })),
    );
    await yieldToEventLoop();
  }
  return out;
}

/** The 400 listing the problems; lists longer than `max` are cut with a final "…and N more". */
function importRefused(problems: readonly GridProblem[], max: number = GRID_IMPORT_LIMITS.maxProblems) {
  const listed =
    problems.length > max
      ? [
          ...problems.slice(0, max),
          { index: -1, path: '', message: `…and ${problems.length - max} more problems` },
        ]
      : problems;
  const cut = listed[listed.length - 1]?.message.startsWith('…and ') ?? false;
  const count = cut
    ? `more than ${listed.length - 1} problems, the first ${listed.length - 1} listed`
    : `${listed.length} problem(s)`;
  return new AppError(
    'VALIDATION_FAILED',
    `The grid file was refused: ${count}.`,
    listed.map((p) => ({ path: p.path, message: p.code ? `${p.code}: ${p.message}` : p.message })),
  );
}
