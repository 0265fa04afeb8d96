import { Readable } from 'node:stream';
import type { ErrorDetail } from '@wangge/shared/errors';
import {
  GAZETTEER_COLUMNS,
  GAZETTEER_SHEET,
  gazetteerColumnOfHeader,
  ZGazetteerRow,
} from '@wangge/shared/places/gazetteer-sheet';
import { normalisePlaceName } from '@wangge/shared/places/place-names';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { MAX_SHEET_ROWS, readSheet } from '../register/person-workbook';
import { type PlaceNameInput, placeNameRows } from './place-name-rows';

/** What an import did (or, on a dry run, would do). */
export interface GazetteerImport {
  rows: number;
  created: number;
  replaced: number;
  dryRun: boolean;
}

/**
 * Imports a gazetteer file (.xlsx, or CSV in UTF-8 with the same header row) all or nothing:
 * every row's name, kind and point are checked, each point is placed in its grid cell (a point
 * outside every cell is refused), no place may appear twice in one cell — and every problem is
 * listed (400, `rows.<line>.<column>`). A clean file is written in one transaction; a place of
 * the same name in the same cell is replaced (a corrected point or new aliases). `dryRun` checks
 * and counts without writing.
 */
export async function importGazetteer(
  ctx: AppContext,
  file: Buffer,
  options: { dryRun: boolean; fileName: string },
): Promise<GazetteerImport> {
  const sheet = await readSheet(
    await asWorkbook(file),
    GAZETTEER_SHEET,
    gazetteerColumnOfHeader,
    GAZETTEER_COLUMNS,
  );
  const problems: ErrorDetail[] = [...sheet.problems];
  if (sheet.rows.length > MAX_SHEET_ROWS)
    problems.push({ path: 'file', message: `has more than ${MAX_SHEET_ROWS} rows; split it` });
  const places: PlaceNameInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of problems.length ? [] : sheet.rows) {
    const parsed = ZGazetteerRow.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ path: `rows.${line}.${String(issue.path[0] ?? 'row')}`, message: issue.message });
      continue;
    }
    const row = parsed.data;
    const gridCode = ctx.grids.locate(row.lon, row.lat);
    if (!gridCode) {
      problems.push({
        path: `rows.${line}.lon`,
        message: `该点（${row.lon}, ${row.lat}）不在任何网格内 · the point ${row.lon}, ${row.lat} is outside every grid cell`,
      });
      continue;
    }
    const key = `${normalisePlaceName(row.name)}|${gridCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: `rows.${line}.name`,
        message: `与第 ${first} 行重复：同一网格内同名 · repeats row ${first}: the same name in the same cell`,
      });
      continue;
    }
    seen.set(key, line);
    places.push({ ...row, source: row.source ?? options.fileName, gridCode });
  }
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `The file has ${problems.length} problem(s); nothing was imported.`,
      problems,
    );
  const existing = await ctx.db.read.placeName.findMany({
    where: { OR: places.map((p) => ({ name: p.name, gridCode: p.gridCode })).slice(0, MAX_SHEET_ROWS) },
    select: { id: true },
  });
  const result = {
    rows: sheet.rows.length,
    created: places.length - existing.length,
    replaced: existing.length,
  };
  if (options.dryRun || places.length === 0) return { ...result, dryRun: options.dryRun };
  const now = ctx.clock.now();
  const rows = places.map((p) => placeNameRows(p, now));
  await ctx.db.transaction(
    async (tx) => {
      const replaced = existing.map((e) => e.id);
      await tx.placeNameKey.deleteMany({ where: { placeId: { in: replaced } } });
      await tx.placeName.deleteMany({ where: { id: { in: replaced } } });
      await tx.placeName.createMany({ data: rows.map((r) => r.place) });
      await tx.placeNameKey.createMany({ data: rows.flatMap((r) => r.keys) });
    },
    { timeout: 60_000 },
  );
  return { ...result, dryRun: false };
}

/** The file as .xlsx bytes: a workbook as it is, a CSV (UTF-8, with or without BOM) converted. */
async function asWorkbook(file: Buffer): Promise<Buffer> {
  // .xlsx is a zip: it starts with "PK".
  if (file.subarray(0, 2).toString('latin1') === 'PK') return file;
  const text = file.toString('utf8').replace(/^\uFEFF/u, '');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.csv.read(Readable.from([text]), { sheetName: GAZETTEER_SHEET });
  } catch {
    return file;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
