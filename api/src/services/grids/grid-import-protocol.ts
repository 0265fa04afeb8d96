import type { BBox } from '@wangge/shared/geo/polygon';
import type { GridProblem } from '@wangge/shared/geo/validate-grid-collection';
import type { toGridRow } from './grid-row';

/** Limits of one import, passed to the worker (defaults: GRID_IMPORT_LIMITS in shared/). */
export interface ImportLimits {
  maxProblems: number;
  maxFeatures: number;
  maxPositionsPerFeature: number;
  maxPairTestsPerCell: number;
}

/** What the worker gets: the raw body and what validation needs from the database. */
export interface ImportWorkerInput {
  body: Uint8Array;
  bounds: BBox;
  villageCodes: string[];
  maxDepth: number;
  limits: ImportLimits;
}

/** A cell that stays in the database, as stored (GeoJSON text parsed in the worker). */
export interface StayingCell {
  code: string;
  geometry: string;
}

/** A Grid row as the worker prepares it; the main thread adds `updatedAt`. */
export type PreparedGridRow = Omit<ReturnType<typeof toGridRow>, 'updatedAt'>;

/** Messages from the worker: refused (with problems), validated (phase 1), checked (phase 2). */
export type ImportWorkerReply =
  | { kind: 'refused'; problems: GridProblem[] }
  | {
      kind: 'validated';
      count: number;
      villages: string[];
      /** Bounding box of all the file's cells; null for an empty file. */
      bbox: BBox | null;
    }
  | { kind: 'checked'; rows: PreparedGridRow[] };
