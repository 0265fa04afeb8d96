import type { TPlaceNameEntry } from '@wangge/shared/places/place-schemas';
import { api, apiDownload } from '../../lib/api';
import { uploadSheet } from '../register/sheets-api';

/** What an import did, or on a dry run would do. */
export interface GazetteerImport {
  rows: number;
  created: number;
  replaced: number;
  dryRun: boolean;
}

/** GET /api/admin/places: one page of the gazetteer's entries. */
export const listPlaceNames = (filter: { q: string; sort: string }, cursor: string | null) => {
  const params = new URLSearchParams({ limit: '50', sort: filter.sort });
  if (filter.q) params.set('q', filter.q);
  if (cursor) params.set('cursor', cursor);
  return api<{ items: TPlaceNameEntry[]; nextCursor: string | null }>(`/api/admin/places?${params}`);
};

/** POST /api/admin/places/import: the file as it is (.xlsx or CSV), its name as the default source. */
export const importGazetteer = (file: File, dryRun: boolean) =>
  uploadSheet<GazetteerImport>('/api/admin/places/import', file, {
    dryRun: String(dryRun),
    name: file.name.slice(0, 100),
  });

/** GET /api/admin/places/template, saved as a file. */
export const downloadGazetteerTemplate = () =>
  apiDownload('/api/admin/places/template', 'gazetteer-template.xlsx');
