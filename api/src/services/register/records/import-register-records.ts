import { randomUUID } from 'node:crypto';
import { toShanghaiDate } from '@wangge/shared/calendar/shanghai-date';
import type { ErrorDetail } from '@wangge/shared/errors';
import { recordInputOfCells, recordRowKey } from '@wangge/shared/register/record-sheets';
import { recordSchemas } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import { AppError, detailsFromZod, forbidden } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import { recountRegisterCells } from '../recount-register-cells';
import { uniqueConflict } from './record-checks';
import type { RecordDescriptor } from './record-descriptor';
import { diffFields } from './record-fields';
import { type RecordSheetRow, readRecordSheet } from './record-workbook';

export interface RecordImport {
  /** Data rows read. */
  rows: number;
  /** Records written (0 on a dry run). */
  created: number;
  dryRun: boolean;
}

interface CheckedRow {
  line: number;
  input: Record<string, unknown> & { gridCode: string };
}

const CHUNK = 500;
const lineOf = (d: ErrorDetail) => Number(/^rows\.(\d+)/.exec(d.path)?.[1] ?? 0);
/** A location's problem is its column's: `location.lon` → `lon`, `location` → `lon`. */
const columnPath = (d: ErrorDetail): ErrorDetail => ({
  ...d,
  path: d.path.replace(/\.location\.(lon|lat)$/, '.$1').replace(/\.location$/, '.lon'),
});

/**
 * Imports a sheet of places, things, organisations or 民情日志 (the template of
 * `recordWorkbook`), all rows or none. Every row is checked first — its fields by the type's
 * own input schema, its cell exists and is in the caller's jurisdiction, the descriptor's
 * checks (a parent place or a person of the same cell, a position inside the cell …), no row
 * repeating another's key (a component code, a place's name in its cell …), no component code
 * already in the city — and every problem is listed (400, `rows.<Excel row>.<column>`). A
 * clean sheet is written in one transaction with a history line per record and the layer
 * counts of its cells, then the counts' change is announced.
 */
export async function importRegisterRecords(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  d: RecordDescriptor,
  file: Buffer,
  options: { dryRun: boolean },
): Promise<RecordImport> {
  if (!view.writes) throw forbidden(`Your role does not record ${d.type} on the register.`);
  const sheet = await readRecordSheet(d.type, file);
  const problems: ErrorDetail[] = [...sheet.problems];
  const fileBroken = sheet.problems.some((p) => p.path === 'file' || p.path.startsWith('columns.'));
  const checked = fileBroken ? [] : checkRows(ctx, view, d, sheet.rows, problems);
  const cells = await checkAgainstDatabase(ctx, d, checked, problems);
  if (problems.length > 0) {
    problems.sort((a, b) => lineOf(a) - lineOf(b));
    throw new AppError(
      'VALIDATION_FAILED',
      `The sheet has ${problems.length} problem(s); nothing was recorded.`,
      problems,
    );
  }
  if (options.dryRun || checked.length === 0)
    return { rows: sheet.rows.length, created: 0, dryRun: options.dryRun };
  await writeAll(ctx, user, d, checked, cells);
  return { rows: sheet.rows.length, created: checked.length, dryRun: false };
}

/** Each row's own checks (schema, jurisdiction, repeats in the sheet); the rows passing them. */
function checkRows(
  ctx: AppContext,
  view: RecordView,
  d: RecordDescriptor,
  rows: RecordSheetRow[],
  problems: ErrorDetail[],
): CheckedRow[] {
  const schema = recordSchemas(toShanghaiDate(ctx.clock.now()))[d.type].input;
  const firstLineOf = new Map<string, number>();
  const out: CheckedRow[] = [];
  for (const { line, cells } of rows) {
    const before = problems.length;
    const read = recordInputOfCells(d.type, line, cells);
    problems.push(...read.problems);
    const parsed = schema.safeParse(read.input);
    if (!parsed.success) {
      const bad = new Set(read.problems.map((p) => p.path));
      for (const p of detailsFromZod(parsed.error, `rows.${line}`).map(columnPath))
        if (!bad.has(p.path)) problems.push(p); // an unknown name is listed once, not again as missing
      continue;
    }
    const input = parsed.data as CheckedRow['input'];
    if (!view.mayWriteIn(input.gridCode))
      problems.push({
        path: `rows.${line}.gridCode`,
        message: '须为本辖区的网格 · must be a cell of your jurisdiction',
      });
    const key = recordRowKey(d.type, input);
    if (key !== undefined) {
      const first = firstLineOf.get(key);
      if (first !== undefined)
        problems.push({
          path: `rows.${line}.${uniqueColumn(d)}`,
          message: `与第 ${first} 行重复 · repeats row ${first}`,
        });
      else firstLineOf.set(key, line);
    }
    if (problems.length === before) out.push({ line, input });
  }
  return out;
}

/** The column a repeat is reported at: a component's code, else the name. */
const uniqueColumn = (d: RecordDescriptor) => (d.type === 'things' ? 'code' : 'name');

/**
 * The rows' cells exist, their references and positions hold (the descriptor's check), and
 * no component code is on the register already; the cells found, by code.
 */
async function checkAgainstDatabase(
  ctx: AppContext,
  d: RecordDescriptor,
  rows: CheckedRow[],
  problems: ErrorDetail[],
) {
  const codes = [...new Set(rows.map((r) => r.input.gridCode))];
  const cells = new Map<string, Record<string, string>>();
  for (let i = 0; i < codes.length; i += CHUNK)
    for (const g of await ctx.db.read.grid.findMany({
      where: { code: { in: codes.slice(i, i + CHUNK) } },
      select: { code: true, villageCode: true, townshipCode: true, countyCode: true },
    }))
      cells.set(g.code, {
        gridCode: g.code,
        villageCode: g.villageCode,
        townshipCode: g.townshipCode,
        countyCode: g.countyCode,
      });
  for (const r of rows) {
    if (!cells.has(r.input.gridCode)) {
      problems.push({ path: `rows.${r.line}.gridCode`, message: '不是网格编码 · is not a grid cell' });
      continue;
    }
    for (const p of await d.check(ctx, r.input, r.input.gridCode))
      problems.push(columnPath({ ...p, path: `rows.${r.line}.${p.path}` }));
  }
  if (d.type === 'things') {
    const lineOfCode = new Map(rows.map((r) => [String(r.input.code), r.line]));
    const all = [...lineOfCode.keys()];
    for (let i = 0; i < all.length; i += CHUNK)
      for (const t of await ctx.db.read.thing.findMany({
        where: { code: { in: all.slice(i, i + CHUNK) } },
        select: { code: true },
      }))
        problems.push({
          path: `rows.${lineOfCode.get(t.code)}.code`,
          message: '该编码的部件已在登记簿中 · is the code of a component already on the register',
        });
  }
  return cells;
}

/** Writes every row with its first history line, and recounts the cells' layers, in one transaction. */
async function writeAll(
  ctx: AppContext,
  user: AuthUser,
  d: RecordDescriptor,
  rows: CheckedRow[],
  cells: Map<string, Record<string, string>>,
) {
  const now = ctx.clock.now();
  const records = rows.map((r) => {
    const { data, changes } = diffFields(ctx, d, r.input, null);
    const id = randomUUID();
    return {
      row: {
        id,
        ...data,
        ...cells.get(r.input.gridCode),
        ...d.onCreate?.(user.id),
        createdAt: now,
        updatedAt: now,
      },
      change: {
        recordType: d.historyType,
        recordId: id,
        version: 1,
        at: now,
        userId: user.id,
        kind: 'CREATED',
        changes: JSON.stringify([{ field: 'gridCode', before: null, after: r.input.gridCode }, ...changes]),
      },
    };
  });
  const codes = [...cells.keys()];
  await ctx.db
    .transaction(
      async (tx) => {
        for (let i = 0; i < records.length; i += CHUNK) {
          const chunk = records.slice(i, i + CHUNK);
          await d.table(tx).createMany({ data: chunk.map((r) => r.row) });
          await tx.registerChange.createMany({ data: chunk.map((r) => r.change) });
        }
        await recountRegisterCells(tx, d.historyType, codes, ctx.clock.now());
      },
      { timeout: 120_000 },
    )
    .catch(uniqueConflict);
  ctx.events.registerCountsChanged(codes);
}
