import { PERSON_CLASSES, type PersonClassCode, RESIDENCE_KINDS, type ResidenceKind } from './classes';

/**
 * The persons' Excel sheet (人口信息登记表): the columns a city hands out in its template and
 * that the import reads and the export writes, in this order. Headers are matched by their
 * Chinese or English name or their key, so a sheet saved from either language imports.
 */
export const PERSON_SHEET_COLUMNS = [
  { key: 'name', zh: '姓名', en: 'Name', required: true, width: 12 },
  { key: 'idNumber', zh: '公民身份号码', en: 'ID number', required: true, width: 22 },
  { key: 'phone', zh: '联系电话', en: 'Mobile phone', required: false, width: 15 },
  { key: 'gridCode', zh: '网格编码', en: 'Grid cell code', required: true, width: 22 },
  { key: 'residence', zh: '居住类型', en: 'Residence', required: true, width: 10 },
  { key: 'tags', zh: '管理类别', en: 'Management classes', required: false, width: 24 },
] as const;
export type PersonSheetKey = (typeof PERSON_SHEET_COLUMNS)[number]['key'];

/** Residence kinds by their names on a sheet. */
export const RESIDENCE_NAMES: Record<ResidenceKind, { zh: string; en: string }> = {
  HOUSEHOLD: { zh: '户籍', en: 'Registered' },
  RESIDENT: { zh: '常住', en: 'Resident' },
  FLOATING: { zh: '流动', en: 'Floating' },
  FOREIGN: { zh: '境外', en: 'From abroad' },
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The column a header names, or undefined. */
export function columnOfHeader(header: string): PersonSheetKey | undefined {
  const h = norm(header.replace(/[*＊]/g, ''));
  return PERSON_SHEET_COLUMNS.find((c) => [c.key, c.zh, c.en].some((n) => norm(n) === h))?.key;
}

/** A residence kind from its code or its Chinese or English name; undefined when unknown. */
export function residenceOfText(text: string): ResidenceKind | undefined {
  const t = norm(text);
  return RESIDENCE_KINDS.find(
    (k) => norm(k) === t || norm(RESIDENCE_NAMES[k].zh) === t || norm(RESIDENCE_NAMES[k].en) === t,
  );
}

/**
 * Management classes from a cell: names (Chinese or English) or codes, separated by 、 , ， ;
 * ； or a line break. Unknown names are returned apart so each can be reported.
 */
export function classesOfText(text: string): { codes: PersonClassCode[]; unknown: string[] } {
  const codes: PersonClassCode[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[、,，;；\n]+/)) {
    const t = norm(part);
    if (!t) continue;
    const c = PERSON_CLASSES.find((k) => norm(k.code) === t || norm(k.zh) === t || norm(k.en) === t);
    if (c) codes.push(c.code);
    else unknown.push(part.trim());
  }
  return { codes, unknown };
}

/** The cell texts of a person as the export writes them (Chinese names for kinds and classes). */
export function classesText(codes: readonly string[]): string {
  return codes.map((code) => PERSON_CLASSES.find((c) => c.code === code)?.zh ?? code).join('、');
}
