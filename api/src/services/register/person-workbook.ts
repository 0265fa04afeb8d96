import type { ErrorDetail } from '@wangge/shared/errors';
import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import {
  columnOfHeader,
  PERSON_SHEET_COLUMNS,
  type PersonSheetKey,
  RESIDENCE_NAMES,
} from '@wangge/shared/register/person-sheet';
import ExcelJS from 'exceljs';

/** The persons sheet's name in a workbook (the first sheet is read when it is not there). */
export const PERSON_SHEET = '人口信息';
/** Rows a file may hold: a village's or township's register at a time. */
export const MAX_SHEET_ROWS = 10_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One data row of a sheet: its Excel row number and its cells as text. */
export interface SheetRow {
  line: number;
  cells: Partial<Record<PersonSheetKey, string>>;
}

/**
 * A cell's value as the text a person typed. Excel keeps long digit strings typed into a
 * general cell as numbers: an 18-digit ID number then has lost its last digits (beyond 2^53),
 * which `lossyNumber` reports instead of guessing.
 */
export function cellText(value: ExcelJS.CellValue): { text: string; lossyNumber?: boolean } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number')
    return { text: String(value), lossyNumber: Number.isInteger(value) && !Number.isSafeInteger(value) };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('text' in value && typeof value.text === 'string') return { text: value.text };
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return { text: '' };
}

/**
 * Reads the persons sheet: headers from row 1 (by name, any order), every non-empty row after
 * it. Problems of the file itself (not a workbook, a required column missing, too many rows,
 * a number that lost digits) are returned, not thrown, so they are listed with the rows'.
 */
export function readPersonSheet(file: Buffer): Promise<{ rows: SheetRow[]; problems: ErrorDetail[] }> {
  return readSheet(file, PERSON_SHEET, columnOfHeader, PERSON_SHEET_COLUMNS) as Promise<{
    rows: SheetRow[];
    problems: ErrorDetail[];
  }>;
}

/**
 * Reads a register sheet (persons, or a record type's): the named sheet or the first, columns
 * by their header in row 1, every non-empty row's trimmed texts by column key, and the file's
 * own problems listed rather than thrown.
 */
export async function readSheet(
  file: Buffer,
  sheetName: string,
  columnOf: (header: string) => string | undefined,
  spec: readonly { key: string; zh: string; en: string; required?: boolean }[],
): Promise<{ rows: { line: number; cells: Partial<Record<string, string>> }[]; problems: ErrorDetail[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ path: 'file', message: 'is not an Excel workbook (.xlsx)' }] };
  }
  const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ path: 'file', message: 'has no worksheet' }] };
  const problems: ErrorDetail[] = [];
  const columns = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = columnOf(cellText(cell.value).text);
    if (key && ![...columns.values()].includes(key)) columns.set(col, key);
  });
  for (const c of spec)
    if (c.required && ![...columns.values()].includes(c.key))
      problems.push({
        path: `columns.${c.key}`,
        message: `the column ${c.zh} (${c.en}) is missing from row 1`,
      });
  if (problems.length > 0) return { rows: [], problems };
  const rows: { line: number; cells: Partial<Record<string, string>> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: Partial<Record<string, string>> = {};
    for (const [col, key] of columns) {
      const { text, lossyNumber } = cellText(row.getCell(col).value);
      if (lossyNumber)
        problems.push({
          path: `rows.${line}.${key}`,
          message:
            'is a number Excel has rounded (its last digits are lost): format the column as text and type it again',
        });
      if (text.trim()) cells[key] = text.trim();
    }
    if (Object.keys(cells).length > 0) rows.push({ line, cells });
  });
  if (rows.length > MAX_SHEET_ROWS)
    problems.push({
      path: 'file',
      message: `has ${rows.length} rows; at most ${MAX_SHEET_ROWS} per file (split it by village or township)`,
    });
  return { rows, problems };
}

/** A persons workbook: the sheet with its header and `rows` (texts by column), and the instructions. */
export async function personWorkbook(rows: Partial<Record<PersonSheetKey, string>>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'wangge';
  const sheet = workbook.addWorksheet(PERSON_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PERSON_SHEET_COLUMNS.map((c) => ({
    header: `${c.required ? '*' : ''}${c.zh}`,
    key: c.key,
    width: c.width,
    // Text, so Excel keeps ID numbers, phones and cell codes as typed (not as rounded numbers).
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  const residences = Object.values(RESIDENCE_NAMES).map((n) => n.zh);
  const residenceCol = PERSON_SHEET_COLUMNS.findIndex((c) => c.key === 'residence') + 1;
  const letter = sheet.getColumn(residenceCol).letter;
  for (let line = 2; line <= Math.max(rows.length + 1, 500); line++)
    sheet.getCell(`${letter}${line}`).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${residences.join(',')}"`],
    };
  const help = workbook.addWorksheet('填写说明 Instructions');
  help.columns = [{ width: 28 }, { width: 80 }];
  help.addRows([
    ['列 Column', '说明 Notes'],
    ...PERSON_SHEET_COLUMNS.map((c) => [`${c.zh} ${c.en}`, c.required ? '必填 required' : '选填 optional']),
    [
      '公民身份号码',
      '18 位，校验码正确；整列为文本格式 (18 digits with a valid check digit; the column is text)',
    ],
    ['联系电话', '11 位手机号 (mainland mobile number)'],
    ['网格编码', '本辖区内的网格编码 (a grid cell of your jurisdiction)'],
    ['居住类型', residences.join('、')],
    ['管理类别', `以“、”分隔 (separated by 、): ${PERSON_CLASSES.map((c) => c.zh).join('、')}`],
    [
      '',
      '有任何一行出错时，整个文件都不会导入，并列出全部问题 (one bad row: nothing is imported, every problem is listed)',
    ],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
