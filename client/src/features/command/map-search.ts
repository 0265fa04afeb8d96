import { api } from '../../lib/api';
import type { OutlineLevel } from '../../map/base-map';
import type { CommandMap } from './use-command-map';

/** One place or case the search found. */
export interface SearchHit {
  kind: OutlineLevel | 'cell' | 'case';
  code: string;
  name: string;
  /** For a case: its id (the side panel opens it). */
  caseId?: string;
}

const MAX_HITS = 8;

/**
 * Finds what the command centre typed: a case number (on the map, else through GET /api/cases,
 * which applies the access policy), a 15-digit cell code, or part of a county, township,
 * village or cell name. Exact codes come first, then names that start with the text, then
 * names that contain it.
 */
export async function searchMap(m: CommandMap, text: string): Promise<SearchHit[]> {
  const q = text.trim();
  if (!q) return [];
  const hits: SearchHit[] = [];
  const onMap = m.markers.byCode(q);
  if (onMap) hits.push({ kind: 'case', code: onMap.code, name: onMap.code, caseId: onMap.id });
  else if (/^[A-Za-z0-9-]{6,40}$/.test(q) && !/^\d{15}$/.test(q)) {
    const found = await api<{ id: string; code: string; title: string }[]>(
      `/api/cases?q=${encodeURIComponent(q)}&limit=3`,
    ).catch(() => []);
    for (const c of found) hits.push({ kind: 'case', code: c.code, name: c.title, caseId: c.id });
  }
  const cell = /^\d{15}$/.test(q) ? m.grid.feature(q) : undefined;
  if (cell) hits.push({ kind: 'cell', code: q, name: cell.properties.name ?? q });
  if (hits.length > 0) return hits;
  // Names: every level's units (loaded on the first search) and the cells.
  await Promise.all(
    (['county', 'township', 'village'] as const).map((l) => m.base.ensure(l).catch(() => [])),
  );
  const named: SearchHit[] = [];
  for (const kind of ['county', 'township', 'village'] as const)
    for (const u of m.base.units(kind))
      if (u.name.includes(q)) named.push({ kind, code: u.code, name: u.name });
  for (const f of m.grid.cellsWhere((f) => (f.properties.name ?? '').includes(q)))
    named.push({ kind: 'cell', code: f.feature.properties.code, name: f.feature.properties.name ?? '' });
  const rank = (h: SearchHit) => (h.name === q ? 0 : h.name.startsWith(q) ? 1 : 2);
  return named.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_HITS);
}
