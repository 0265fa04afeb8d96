/**
 * The 综治一张图 register layers (docs/register.md, "Layers"): live records per cell by record
 * type and class. A layer is named `TYPE` (every live record of the type) or `TYPE:CLASS`
 * (a group such as `PERSON:KEY` — records with at least one class of it — or a class such as
 * `PERSON:KEY_DRUG`).
 */

import { COMPONENT_TOP_CLASSES } from './components';
import { codesOf, ORGANISATION_KINDS, PLACE_KINDS, SITUATION_KINDS } from './record-kinds';

/**
 * What the count table counts per cell: the record types, and `VISIT` — tagged persons by the
 * Shanghai day their next home visit is due (`Person.visitDueDay`), which the layers read as
 * `VISIT:OVERDUE` (due before today) whatever day it is, without a write when a day passes.
 */
export const REGISTER_RECORD_TYPES = [
  'PERSON',
  'PLACE',
  'THING',
  'ORGANISATION',
  'SITUATION',
  'VISIT',
] as const;
export type RegisterRecordType = (typeof REGISTER_RECORD_TYPES)[number];

/**
 * The classes each type besides persons is counted by ('' = every live record): places and
 * organisations by kind, 民情日志 by what they are about, components by top class and `FAULTY`
 * (not 完好: damaged, missing, occupied, disused). Counts of these are figures about places
 * and things, shown to every role that watches a unit's map; persons' classes follow the
 * register policy (api/src/policies/register-layers.ts).
 */
export const RECORD_LAYER_CLASSES: Record<Exclude<RegisterRecordType, 'PERSON'>, readonly string[]> = {
  PLACE: ['', ...codesOf(PLACE_KINDS)],
  THING: ['', 'FAULTY', ...codesOf(COMPONENT_TOP_CLASSES)],
  ORGANISATION: ['', ...codesOf(ORGANISATION_KINDS)],
  SITUATION: ['', ...codesOf(SITUATION_KINDS)],
  VISIT: ['OVERDUE'],
};

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
