import type { ErrorDetail } from '@wangge/shared/errors';
import { RECORD_SHEETS, recordColumnOfHeader } from '@wangge/shared/register/record-sheets';
import type { TRecordType } from '@wangge/shared/schemas/register-records';
import ExcelJS from 'exceljs';
import { readSheet } from '../person-workbook';

/** One data row of a record sheet: its Excel row number and its cells as text by column key. */
export interface RecordSheetRow {
  line: number;
  cells: Partial<Record<string, string>>;
}

/**
 * Reads a record type's sheet (the sheet of its name, else the first): headers from row 1 by
 * name in any order, every non-empty row after it. Problems of the file itself (not a
 * workbook, a required column missing, too many rows, a number Excel rounded) are returned
 * with the rows, not thrown, so the import lists them beside the rows' own.
 */
export async function readRecordSheet(
  type: TRecordType,
  file: Buffer,
): Promise<{ rows: RecordSheetRow[]; problems: ErrorDetail[] }> {
  const spec = RECORD_SHEETS[type];
  return readSheet(
    file,
    spec.sheet,
    (header) => recordColumnOfHeader(type, header),
    spec.columns,
  ) as Promise<{
    rows: RecordSheetRow[];
    problems: ErrorDetail[];
  }>;
}

/**
 * A record type's workbook: its sheet (Chinese headers, required ones starred, every column
 * text so codes keep their digits, a list of names in each kind column) with `rows`, and the
 * instructions sheet naming every column in Chinese and English with the names it accepts.
 */
export async function recordWorkbook(
  type: TRecordType,
  rows: Partial<Record<string, string>>[],
): Promise<Buffer> {
  const spec = RECORD_SHEETS[type];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'wangge';
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: `${c.required ? '*' : ''}${c.zh}`,
    key: c.key,
    width: c.width,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  spec.columns.forEach((c, i) => {
    // A list only where Excel's 255-character limit on a list formula holds it.
    const names = c.codes?.map((k) => k.zh).join(',');
    if (!names || names.length > 250) return;
    const letter = sheet.getColumn(i + 1).letter;
    for (let line = 2; line <= Math.max(rows.length + 1, 500); line++)
      sheet.getCell(`${letter}${line}`).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${names}"`],
      };
  });
  const help = workbook.addWorksheet('填写说明 Instructions');
  help.columns = [{ width: 30 }, { width: 90 }];
  help.addRows([
    ['列 Column', '说明 Notes'],
    ...spec.columns.map((c) => [
      `${c.zh} ${c.en}`,
      [
        c.required ? '必填 required' : '选填 optional',
        c.codes ? `${c.codes.map((k) => `${k.zh} (${k.code})`).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    ]),
    ['网格编码', '本辖区内的网格编码 (a grid cell of your jurisdiction)'],
    ['经度 / 纬度', '十进制度数，须在该网格内 (decimal degrees, inside the cell)'],
    ['…编号', '登记簿中已有记录的编号 (the id of a record already on the register)'],
    [
      '',
      '有任何一行出错时，整个文件都不会导入，并列出全部问题 (one bad row: nothing is imported, every problem is listed)',
    ],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
