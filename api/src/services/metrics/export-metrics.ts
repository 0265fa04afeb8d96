import ExcelJS from 'exceljs';
import type { RateRow } from './compute-metrics';

/** The table a download holds: a header row, then one row per indicator. */
function table(rows: RateRow[]): (string | number | null)[][] {
  return [
    ['指标', '分子', '分母', '比率(%)'],
    ...rows.map((r) => [
      r.name,
      r.numerator,
      r.denominator,
      r.rate === null ? null : Math.round(r.rate * 10000) / 100,
    ]),
  ];
}

/** The title lines above the table: scope and period. */
function heading(scopeName: string, from: string, to: string): string[] {
  return [`综合评价 ${scopeName}`, `${from} 至 ${to}`];
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV (RFC 4180, CRLF) with a UTF-8 byte-order mark so Excel reads the Chinese correctly. */
export function toCsv(scopeName: string, from: string, to: string, rows: RateRow[]): Buffer {
  const lines = [
    ...heading(scopeName, from, to).map((h) => csvCell(h)),
    ...table(rows).map((r) => r.map(csvCell).join(',')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Header, fill and widths of the .xlsx table. */
const XLSX_COLUMNS = [
  { header: '指标', width: 16 },
  { header: '分子', width: 10 },
  { header: '分母', width: 10 },
  { header: '比率', width: 12 },
] as const;
const HEADER_ROW = 4; // title, period, a blank line, then the table

/**
 * An Office Open XML workbook (.xlsx) written with exceljs: one sheet 综合评价 with the title
 * (scope) and period above the table, a bold filled header row, the rows down to the header
 * frozen, counts as numbers and rates as numbers formatted as percentages (empty when there
 * is nothing to count).
 */
export async function toXlsx(
  scopeName: string,
  from: string,
  to: string,
  rows: RateRow[],
  at: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '五级联动智能网格';
  workbook.created = at;
  workbook.modified = at;
  const sheet = workbook.addWorksheet('综合评价', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
  });
  sheet.columns = XLSX_COLUMNS.map((c) => ({ width: c.width }));
  const [title, period] = heading(scopeName, from, to);
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = period;
  const header = sheet.getRow(HEADER_ROW);
  header.values = XLSX_COLUMNS.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const r of rows) {
    const row = sheet.addRow([r.name, r.numerator, r.denominator, r.rate]);
    row.getCell(2).numFmt = '0';
    row.getCell(3).numFmt = '0';
    row.getCell(4).numFmt = '0.00%';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
