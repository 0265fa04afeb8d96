import { OPEN_STATES as SHARED_OPEN_STATES } from '@wangge/shared/domain/constants';
import type { TKeyFigures } from '@wangge/shared/schemas/dashboard';
import { api } from '../../lib/api';
import type { CaseMarker } from '../../map/case-markers';
import { fetchGridFeatures } from '../../map/fetch-grids';
import type { GridFeature } from '../../map/grid-layer';

/** GET /api/stats/grids */
export interface GridStats {
  unitCode: string;
  cells: { gridCode: string; open: number; overdue: number }[];
  /** The unit's key figures (GET /api/metrics/summary's): `today` and `month` name their periods. */
  totals: TKeyFigures & { onTimeRate: number | null };
  at: string;
}

/** GET /api/units/:code */
export interface UnitView {
  code: string;
  name: string;
  level: 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE' | 'GRID';
  chain: { code: string; name: string; level: string }[];
  children: { code: string; name: string; level: string }[];
}

/** States in which a case counts as open (the same list the server uses). */
export const OPEN_STATES: ReadonlySet<string> = new Set(SHARED_OPEN_STATES);

/** The grid cells of the caller's home unit (GET /api/grids, compact encoding, decoded). */
export const fetchGrids = (): Promise<GridFeature[]> => fetchGridFeatures();

const query = (unit: string | null) => (unit ? `?unit=${unit}` : '');

export const fetchStats = (unit: string | null) => api<GridStats>(`/api/stats/grids${query(unit)}`);
export const fetchMarkers = (unit: string | null) =>
  api<{ unitCode: string; markers: CaseMarker[]; isTruncated: boolean }>(`/api/stats/cases${query(unit)}`);
export const fetchUnit = (code: string) => api<UnitView>(`/api/units/${code}`);

/** Whether a cell lies in a unit's subtree (the city: every cell). */
export function isCellIn(f: GridFeature, unit: UnitView | null): boolean {
  if (!unit || unit.level === 'CITY') return true;
  const p = f.properties;
  return p.countyCode === unit.code || p.townshipCode === unit.code || p.villageCode === unit.code;
}

/** The code of the unit one level below `unit` that holds the cell (null at village level). */
export function childUnitOf(f: GridFeature, unit: UnitView): string | null {
  const p = f.properties;
  switch (unit.level) {
    case 'CITY':
      return p.countyCode ?? null;
    case 'COUNTY':
      return p.townshipCode ?? null;
    case 'TOWNSHIP':
      return p.villageCode ?? null;
    default:
      return null;
  }
}
