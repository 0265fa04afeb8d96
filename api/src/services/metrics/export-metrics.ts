import type { RateRow } from './compute-metrics';
import { zipStore } from './zip-store';

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

const xml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function colName(i: number): string {
  return String.fromCharCode(65 + i);
}

function sheetXml(lines: (string | number | null)[][]): string {
  const rowsXml = lines
    .map((cells, r) => {
      const cellsXml = cells
        .map((v, c) => {
          const ref = `${colName(c)}${r + 1}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cellsXml}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="1" width="16" customWidth="1"/></cols><sheetData>${rowsXml}</sheetData></worksheet>`;
}

/** A real Office Open XML workbook (.xlsx): one sheet, inline strings, stored uncompressed. */
export function toXlsx(scopeName: string, from: string, to: string, rows: RateRow[], at: Date): Buffer {
  const lines = [...heading(scopeName, from, to).map((h) => [h]), [], ...table(rows)];
  const enc = (s: string) => new TextEncoder().encode(s);
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipStore(
    [
      {
        name: '[Content_Types].xml',
        data: enc(
          `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
        ),
      },
      {
        name: '_rels/.rels',
        data: enc(
          `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: enc(
          `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="综合评价" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: enc(
          `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', data: enc(sheetXml(lines)) },
    ],
    at,
  );
}
