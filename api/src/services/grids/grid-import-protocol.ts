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
  /** Former village codes and their current ones (derived from the code alias table). */
  villageAliases: [old: string, current: string][];
  maxDepth: number;
  limits: ImportLimits;
}

/** A cell that stays in the database (another village's), as stored. */
export interface StayingCell {
  code: string;
  geometry: string;
  isSynthetic: boolean;
}

/** A cell of a village the file replaces, as stored now (to tell unchanged cells apart). */
export interface PreviousCell {
  code: string;
  name: string;
  geometry: string;
}

/** Phase 2's input: the cells around the file and the file's villages' current cells. */
export interface ImportContextMessage {
  kind: 'context';
  staying: StayingCell[];
  previous: PreviousCell[];
}

/** A Grid row as the worker prepares it; the main thread adds `updatedAt`. */
export type PreparedGridRow = Omit<ReturnType<typeof toGridRow>, 'updatedAt'>;

/** What an import changes, as the worker works it out (the main thread writes it). */
export interface ImportPlan {
  /** New or changed cells of the file (isSynthetic false). */
  rows: PreparedGridRow[];
  added: string[];
  replaced: string[];
  unchanged: string[];
  /** Cells of the file's villages that the file no longer has. */
  removed: string[];
  /** Synthetic neighbours cut back to make room for the file's cells (isSynthetic stays true). */
  syntheticTrimmed: PreparedGridRow[];
  /** Synthetic neighbours reduced to nothing or to a sliver. */
  syntheticRemoved: string[];
  warnings: GridProblem[];
}

/** Messages from the worker: refused (with problems), validated (phase 1), planned (phase 2). */
export type ImportWorkerReply =
  | { kind: 'refused'; problems: GridProblem[] }
  | {
      kind: 'validated';
      count: number;
      villages: string[];
      /** Bounding box of all the file's cells; null for an empty file. */
      bbox: BBox | null;
    }
  | ({ kind: 'planned' } & ImportPlan);
