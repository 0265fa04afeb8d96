import { randomUUID } from 'node:crypto';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { GazetteerKind } from '@wangge/shared/places/place-names';
import { placeKeys } from '@wangge/shared/places/place-names';

/** A gazetteer place to be written, its cell already found from its point. */
export interface PlaceNameInput {
  name: string;
  kind: GazetteerKind;
  aliases: readonly string[];
  lon: number;
  lat: number;
  source: string;
  gridCode: string;
}

/**
 * The `PlaceName` row and its `PlaceNameKey` rows for a place (its village from its cell's code),
 * for `createMany` — shared by the import and the seed so both key places the same way.
 */
export function placeNameRows(input: PlaceNameInput, now: Date) {
  const id = randomUUID();
  const place = {
    id,
    name: input.name,
    kind: input.kind,
    aliases: JSON.stringify(input.aliases),
    lon: input.lon,
    lat: input.lat,
    gridCode: input.gridCode,
    unitCode: ancestorCode(input.gridCode, 'VILLAGE'),
    source: input.source,
    createdAt: now,
  };
  const keys = placeKeys(input.name, input.aliases).map((key) => ({ key, placeId: id }));
  return { place, keys };
}
