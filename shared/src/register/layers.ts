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

/**
 * GET /api/register/layers, in columns (a city is 11,000 cells × a dozen layers: a key per
 * count made the answer megabytes): `codes[i]` is a cell (or unit) with a live record in a
 * layer the caller sees, `counts[layer][i]` its count there (0 included).
 */
export interface RegisterLayers {
  unit: string;
  level: RegisterLayerLevel;
  /** Every layer the caller may see, in the order of `counts`. */
  layers: string[];
  codes: string[];
  counts: Record<string, number[]>;
}

/** The count of one layer in one cell (0 when the cell is not listed). */
export function countIn(data: RegisterLayers, layer: string, code: string): number {
  const i = data.codes.indexOf(code);
  return i < 0 ? 0 : (data.counts[layer]?.[i] ?? 0);
}
