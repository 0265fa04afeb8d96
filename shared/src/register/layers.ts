/**
 * The 综治一张图 register layers (docs/register.md, "Layers"): live records per cell by record
 * type and class. A layer is named `TYPE` (every live record of the type) or `TYPE:CLASS`
 * (a group such as `PERSON:KEY` — records with at least one class of it — or a class such as
 * `PERSON:KEY_DRUG`).
 */

/** The record types counted on the map (places, things, organisations … join here). */
export const REGISTER_RECORD_TYPES = ['PERSON'] as const;
export type RegisterRecordType = (typeof REGISTER_RECORD_TYPES)[number];

/** The units counts are summed over: cells, or villages, townships, counties. */
export const REGISTER_LAYER_LEVELS = ['grid', 'village', 'township', 'county'] as const;
export type RegisterLayerLevel = (typeof REGISTER_LAYER_LEVELS)[number];

/** The name of a layer: `PERSON`, `PERSON:KEY`, `PERSON:KEY_DRUG`. */
export function layerKey(recordType: string, cls: string): string {
  return cls === '' ? recordType : `${recordType}:${cls}`;
}

/** The counts of one cell (or unit): layer → count, zeros left out. */
export interface RegisterCellCounts {
  code: string;
  counts: Record<string, number>;
}

/** GET /api/register/layers: the layers the caller may see and the counts per cell or unit. */
export interface RegisterLayers {
  unit: string;
  level: RegisterLayerLevel;
  /** Every layer the caller may see (a layer absent from a cell's counts is 0 there). */
  layers: string[];
  cells: RegisterCellCounts[];
}
