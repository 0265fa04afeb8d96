import { PERSON_SHEET_COLUMNS } from '@wangge/shared/register/person-sheet';
import { RECORD_SHEETS } from '@wangge/shared/register/record-sheets';
import { api, apiDownload } from '../../lib/api';

/** The register's types with a sheet: persons and the four record types. */
export const SHEET_TYPES = ['persons', 'places', 'things', 'organisations', 'situations'] as const;
export type SheetType = (typeof SHEET_TYPES)[number];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/register/<type>/template, saved as a file. */
export const downloadTemplate = (type: SheetType) =>
  apiDownload(`/api/register/${type}/template`, `register-${type}-template.xlsx`);

/**
 * POSTs a sheet file as the request body to an all-or-nothing import (`?dryRun=` and the
 * endpoint's other `params`): the import's answer, or an ApiError listing every problem.
 */
export const uploadSheet = <T>(path: string, file: Blob, params: Record<string, string>) =>
  api<T>(`${path}?${new URLSearchParams(params)}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': file.type || XLSX },
  });

/** POST /api/register/<type>/import: the rows read and written (none on a dry run). */
export const importSheet = (type: SheetType, file: Blob, dryRun: boolean) =>
  uploadSheet<{ rows: number; created: number; dryRun: boolean }>(`/api/register/${type}/import`, file, {
    dryRun: String(dryRun),
  });

/** POST /api/register/<type>/export: the records the caller sees, masked, logged with the purpose. */
export const exportSheet = (type: SheetType, filter: { grid?: string }, purpose: string) =>
  apiDownload(`/api/register/${type}/export`, `register-${type}.xlsx`, { ...filter, purpose });

/** A column of a type's sheet by its key, with its Chinese and English names. */
export function sheetColumn(type: SheetType, key: string): { zh: string; en: string } | undefined {
  const columns = type === 'persons' ? PERSON_SHEET_COLUMNS : RECORD_SHEETS[type].columns;
  return columns.find((c) => c.key === key);
}
