import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { BBox } from '@wangge/shared/geo/polygon';
import { GRID_IMPORT_LIMITS, type GridProblem } from '@wangge/shared/geo/validate-grid-collection';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { ImportLimits, ImportWorkerReply, PreparedGridRow, StayingCell } from './grid-import-protocol';
import { GridImportWorker } from './run-grid-import';

/** Bounds every imported position must lie in: 聊城市 with a margin of ~5 km. */
export const CITY_BOUNDS: BBox = [115.2, 35.75, 116.6, 37.08];

/** JSON nesting accepted in a grid file (a FeatureCollection needs 7 levels; properties may add some). */
export const GRID_IMPORT_MAX_DEPTH = 64;

/**
 * Rows per statement and per batch of the write: far below SQLite's and PostgreSQL's
 * bound-parameter limits, and small enough that Prisma builds each statement in a few tens of
 * ms of the event loop (500-row createMany took 120–320 ms on a busy 2-core machine).
 */
const ROWS_PER_BATCH = 100;

/** Staying cells read per query while collecting those near the file. */
const STAYING_PAGE = 2000;

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

const batches = <T>(items: readonly T[], size = ROWS_PER_BATCH): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Imports real grid cells from a GeoJSON FeatureCollection (RFC 7946), given as the raw
 * bytes of the file. Each village named in the file has its cells replaced by the file's;
 * cells of other villages stay. The import is refused, listing the problems (the first
 * `maxProblems`, then a count), when the file is invalid, names an unknown village, or a new
 * cell overlaps a cell that stays. All or nothing, in one transaction.
 *
 * Parsing and every geometric check run in a worker thread (grid-import-worker.ts); the
 * event loop only reads the database and writes the rows, in batches with a yield between.
 */
export async function importGrids(
  ctx: AppContext,
  body: Uint8Array,
  options: { limits?: Partial<ImportLimits>; maxMemoryMb?: number; timeoutMs?: number } = {},
) {
  const limits: ImportLimits = { ...GRID_IMPORT_LIMITS, ...options.limits };
  const villages = await ctx.db.read.unit.findMany({ where: { level: 'VILLAGE' }, select: { code: true } });
  const worker = new GridImportWorker(
    {
      body,
      bounds: CITY_BOUNDS,
      villageCodes: villages.map((v) => v.code),
      maxDepth: GRID_IMPORT_MAX_DEPTH,
      limits,
    },
    {
      // Parsed GeoJSON takes several times the file's size; enough for the size limit.
      maxMemoryMb: options.maxMemoryMb ?? Math.max(1024, Math.ceil(body.byteLength / 2 ** 20) * 32),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
  );
  let rows: PreparedGridRow[];
  let replaced: Set<string>;
  try {
    const validated = replyOf(await worker.next(), 'validated');
    replaced = new Set(validated.villages);
    worker.sendStaying(validated.bbox ? await stayingCellsNear(ctx, validated.bbox, replaced) : []);
    rows = replyOf(await worker.next(), 'checked').rows;
  } finally {
    await worker.close();
  }

  const members = (
    await Promise.all(
      batches([...replaced]).map((part) =>
        ctx.db.read.gridMember.findMany({
          where: { grid: { villageCode: { in: part } } },
          select: { gridCode: true },
        }),
      ),
    )
  ).flat();
  const newCodes = new Set(rows.map((r) => r.code));
  const teamCells = new Set(members.map((m) => m.gridCode));
  const orphaned = [...teamCells].filter((code) => !newCodes.has(code)).sort();
  if (orphaned.length > 0) {
    throw importRefused(
      orphaned.map((code) => ({
        index: -1,
        code,
        path: '(file)',
        message: `cell ${code} has a grid team but is missing from the file`,
      })),
      limits.maxProblems,
    );
  }

  await writeCells(ctx, rows, replaced, teamCells);
  await Promise.all([ctx.grids.reload(), ctx.reference.reload()]);
  // Other API nodes reload theirs too (socket-server.ts relays this over Redis).
  ctx.events.referenceChanged();
  return { imported: rows.length, villages: replaced.size };
}

/** The worker's reply of the expected kind; a refusal becomes the 400 listing its problems. */
function replyOf<K extends 'validated' | 'checked'>(
  reply: ImportWorkerReply,
  kind: K,
): Extract<ImportWorkerReply, { kind: K }> {
  if (reply.kind === 'refused') throw importRefused(reply.problems);
  if (reply.kind !== kind) throw new Error(`grid import worker answered ${reply.kind}, expected ${kind}`);
  return reply as Extract<ImportWorkerReply, { kind: K }>;
}

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
  let after = '';
  for (;;) {
    const page = await ctx.db.read.grid.findMany({
      where: {
        code: { gt: after },
        minLon: { lte: maxLon },
        maxLon: { gte: minLon },
        minLat: { lte: maxLat },
        maxLat: { gte: minLat },
      },
      select: { code: true, villageCode: true, geometry: true },
      orderBy: { code: 'asc' },
      take: STAYING_PAGE,
    });
    for (const g of page) if (!replaced.has(g.villageCode)) out.push({ code: g.code, geometry: g.geometry });
    if (page.length < STAYING_PAGE) return out;
    after = page[page.length - 1]?.code ?? after;
    await yieldToEventLoop();
  }
}

/**
 * Replaces the cells of the `replaced` villages by `rows`, in one transaction of batched
 * statements (ROWS_PER_BATCH rows each), yielding to the event loop between batches: with
 * SQLite's synchronous driver, awaiting queries alone never lets other requests in. Rows
 * with a grid team (`teamCells`, referenced by GridMember) are updated in place; the other
 * old rows are deleted and the new ones inserted with multi-row INSERTs.
 */
async function writeCells(
  ctx: AppContext,
  rows: readonly PreparedGridRow[],
  replaced: Set<string>,
  teamCells: Set<string>,
) {
  const updatedAt = ctx.clock.now();
  await ctx.db.transaction(
    async (tx) => {
      const old: string[] = [];
      for (const part of batches([...replaced])) {
        const found = await tx.grid.findMany({
          where: { villageCode: { in: part } },
          select: { code: true },
        });
        for (const { code } of found) if (!teamCells.has(code)) old.push(code);
      }
      for (const part of batches(old)) {
        await tx.grid.deleteMany({ where: { code: { in: part } } });
        await yieldToEventLoop();
      }
      for (const part of batches(
        rows.filter((r) => teamCells.has(r.code)),
        50,
      )) {
        for (const { code, ...data } of part) {
          await tx.grid.update({ where: { code }, data: { ...data, updatedAt } });
        }
        await yieldToEventLoop();
      }
      for (const part of batches(rows.filter((r) => !teamCells.has(r.code)))) {
        await tx.grid.createMany({ data: part.map((r) => ({ ...r, updatedAt })) });
        await yieldToEventLoop();
      }
    },
    { timeout: 300_000 },
  );
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
