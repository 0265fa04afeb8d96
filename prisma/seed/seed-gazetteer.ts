import { readFileSync } from 'node:fs';
import type { AppContext } from '../../api/src/context';
import { placeNameRows } from '../../api/src/services/places/place-name-rows';
import { COUNTY_OUTLINES_FILE } from './seed-reference';
import type { DivisionsData } from './synthetic-grids';

const SOURCE = 'liaocheng-counties.geojson（县级人民政府驻地，高德数据转 WGS-84）';

/**
 * The gazetteer's seed: only names with a REAL point. The repository's geography has real points
 * for the eight county seats (the county governments, prisma/seed-data/liaocheng-counties.geojson);
 * no street, landmark or village point is known, so none is invented — a city imports its own
 * gazetteer (地名库, docs/channels.md). A renamed county's old name is an alias (茌平县 → 茌平区).
 * Runs after the grid index is loaded: each point is placed in its cell like an import's.
 */
export async function seedGazetteer(ctx: AppContext, divisions: DivisionsData): Promise<number> {
  const outlines = JSON.parse(readFileSync(COUNTY_OUTLINES_FILE, 'utf8')) as {
    features: { properties: { code: string; name: string; seat?: [number, number] } }[];
  };
  const now = ctx.clock.now();
  const rows = outlines.features.flatMap(({ properties: { code, name, seat } }) => {
    const gridCode = seat && ctx.grids.locate(seat[0], seat[1]);
    if (!seat || !gridCode) return [];
    const oldNames = divisions.aliases
      .filter(([, , newCode]) => newCode === code)
      .map(([, oldName]) => oldName);
    const aliases = [`${name}政府`, ...oldNames.flatMap((old) => [`${old}人民政府`, `${old}政府`])];
    return [
      placeNameRows(
        {
          name: `${name}人民政府`,
          kind: 'LANDMARK',
          aliases,
          lon: seat[0],
          lat: seat[1],
          source: SOURCE,
          gridCode,
        },
        now,
      ),
    ];
  });
  await ctx.db.transaction(async (tx) => {
    await tx.placeName.createMany({ data: rows.map((r) => r.place) });
    await tx.placeNameKey.createMany({ data: rows.flatMap((r) => r.keys) });
  });
  return rows.length;
}
