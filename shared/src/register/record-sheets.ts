import type { TRecordType } from '../schemas/register-records';
import { COMPONENT_CLASSES, THING_STATES } from './components';
import { ORGANISATION_KINDS, PLACE_KINDS, SITUATION_KINDS } from './record-kinds';

/** A table of named codes (a kind, a component class, a state). */
export type NamedCodes = readonly { code: string; zh: string; en: string }[];

/**
 * One column of a record type's Excel sheet. `field` is the input field it fills: a kind
 * column's text is a code or a Chinese or English name of `codes`; `lon`/`lat` fill `location`;
 * `masked` names the column holding the masked value an export writes unless revealed.
 */
export interface RecordSheetColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  width: number;
  codes?: NamedCodes;
  masked?: string;
}

/** A record type's sheet: its name in the workbook, its columns, what makes two rows the same. */
export interface RecordSheet {
  sheet: string;
  columns: readonly RecordSheetColumn[];
  /** The columns two rows of a sheet must not share all of (none: no duplicate check). */
  unique?: readonly string[];
}

const col = (
  key: string,
  zh: string,
  en: string,
  required: boolean,
  width: number,
  more: Partial<RecordSheetColumn> = {},
): RecordSheetColumn => ({ key, zh, en, required, width, ...more });

const GRID = col('gridCode', '网格编码', 'Grid cell code', true, 20);
const LON = (required: boolean) => col('lon', '经度', 'Longitude', required, 12);
const LAT = (required: boolean) => col('lat', '纬度', 'Latitude', required, 12);

/**
 * The sheets of places (场所), things (城市部件), organisations (组织) and 民情日志, as a city's
 * templates lay them out: the cell first, then the kind and the fields of the type's input.
 * References to other records (a parent place, a person, a case) are their register ids.
 */
export const RECORD_SHEETS: Record<TRecordType, RecordSheet> = {
  places: {
    sheet: '场所信息',
    columns: [
      GRID,
      col('kind', '场所类别', 'Kind', true, 14, { codes: PLACE_KINDS }),
      col('name', '名称', 'Name', true, 24),
      col('building', '楼栋', 'Building', false, 8),
      col('unit', '单元', 'Unit', false, 8),
      col('household', '户', 'Household', false, 8),
      col('address', '地址', 'Address', false, 30),
      LON(false),
      LAT(false),
      col('parentId', '上级场所编号', 'Parent place id', false, 38),
    ],
    unique: ['gridCode', 'kind', 'name', 'building', 'unit', 'household'],
  },
  things: {
    sheet: '城市部件',
    columns: [
      GRID,
      col('classCode', '部件小类', 'Component class', true, 16, { codes: COMPONENT_CLASSES }),
      col('code', '部件编码', 'Component code', true, 22),
      col('name', '名称', 'Name', true, 20),
      LON(true),
      LAT(true),
      col('state', '状态', 'State', true, 10, { codes: THING_STATES }),
      col('note', '备注', 'Note', false, 30),
    ],
    unique: ['code'],
  },
  organisations: {
    sheet: '组织信息',
    columns: [
      GRID,
      col('kind', '组织类别', 'Kind', true, 14, { codes: ORGANISATION_KINDS }),
      col('name', '名称', 'Name', true, 24),
      col('address', '地址', 'Address', false, 30),
      col('contactName', '联系人', 'Contact', false, 12),
      col('contactPhone', '联系电话', 'Contact phone', false, 15, { masked: 'contactPhoneMasked' }),
      LON(false),
      LAT(false),
      col('placeId', '所在场所编号', 'Place id', false, 38),
    ],
    unique: ['gridCode', 'kind', 'name'],
  },
  situations: {
    sheet: '民情日志',
    columns: [
      GRID,
      col('date', '日期', 'Date', true, 12),
      col('kind', '类别', 'Kind', true, 12, { codes: SITUATION_KINDS }),
      col('note', '内容', 'Note', true, 50),
      col('placeId', '场所编号', 'Place id', false, 38),
      col('personId', '人员编号', 'Person id', false, 38),
      col('caseId', '案件编号', 'Case id', false, 38),
    ],
  },
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The column of a type's sheet a header names (Chinese, English or key; a leading * ignored). */
export function recordColumnOfHeader(type: TRecordType, header: string): string | undefined {
  const h = norm(header.replace(/[*＊]/g, ''));
  return RECORD_SHEETS[type].columns.find((c) => [c.key, c.zh, c.en].some((n) => norm(n) === h))?.key;
}

/** A code of a table from its code or its Chinese or English name; undefined when unknown. */
export function codeOfText(codes: NamedCodes, text: string): string | undefined {
  const t = norm(text);
  return codes.find((k) => norm(k.code) === t || norm(k.zh) === t || norm(k.en) === t)?.code;
}

/** A detail of a row's problem, its path `rows.<Excel row>.<column>`. */
export interface CellProblem {
  path: string;
  message: string;
}

/**
 * A row's cells (texts by column key) as the input the type's zod schema checks: kinds from
 * their names, `lon`/`lat` as one `location`. Names no table knows and coordinates that are
 * not numbers are returned as problems (their fields left out, so the schema reports nothing
 * more for them than "required" when they are required — the problem itself is listed).
 */
export function recordInputOfCells(
  type: TRecordType,
  line: number,
  cells: Partial<Record<string, string>>,
): { input: Record<string, unknown>; problems: CellProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  for (const c of RECORD_SHEETS[type].columns) {
    const text = cells[c.key];
    if (text === undefined || c.key === 'lon' || c.key === 'lat') continue;
    if (!c.codes) {
      input[c.key] = text;
      continue;
    }
    const code = codeOfText(c.codes, text);
    if (code) input[c.key] = code;
    else
      problems.push({
        path: `rows.${line}.${c.key}`,
        // Both languages (the screens show the half of the reader's: "中文 · English").
        message: `须为${c.codes.map((k) => k.zh).join('、')}之一 · must be one of ${c.codes.map((k) => k.en).join(', ')}`,
      });
  }
  const lon = cells.lon === undefined ? undefined : Number(cells.lon);
  const lat = cells.lat === undefined ? undefined : Number(cells.lat);
  for (const [key, v] of [
    ['lon', lon],
    ['lat', lat],
  ] as const)
    if (v !== undefined && !Number.isFinite(v))
      problems.push({ path: `rows.${line}.${key}`, message: '须为十进制度数 · must be a number of degrees' });
  if (lon !== undefined || lat !== undefined) input.location = { lon, lat };
  return { input, problems };
}

/** A row's duplicate key (undefined: the type has none). */
export function recordRowKey(type: TRecordType, input: Record<string, unknown>): string | undefined {
  const unique = RECORD_SHEETS[type].unique;
  return unique ? JSON.stringify(unique.map((k) => input[k] ?? null)) : undefined;
}

/** The Chinese name of a code in a column's table (the code itself when not in it). */
export function nameOfCode(column: RecordSheetColumn, code: unknown): string {
  if (code === null || code === undefined) return '';
  return column.codes?.find((k) => k.code === code)?.zh ?? String(code);
}
