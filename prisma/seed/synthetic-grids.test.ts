import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCounterClockwise, isRingClosed, isSimpleRing, pointInRing } from '../../shared/src/geo/polygon';
import { validateGridCollection } from '../../shared/src/geo/validate-grid-collection';
import {
  COUNTY_ANCHORS,
  type DivisionsData,
  generateSyntheticGrids,
  LIAOCHENG_BOUNDS,
  type SyntheticGridCell,
} from './synthetic-grids';

const divisions = JSON.parse(
  readFileSync(new URL('../seed-data/liaocheng-3715.json', import.meta.url), 'utf8'),
) as DivisionsData;

const started = performance.now();
const cells = generateSyntheticGrids(divisions);
const elapsedMs = performance.now() - started;

/** Wraps cells as a GeoJSON FeatureCollection, as an import file would. */
function toFeatureCollection(list: readonly SyntheticGridCell[]) {
  return {
    type: 'FeatureCollection',
    features: list.map((c) => ({
      type: 'Feature',
      properties: { code: c.code, name: c.name },
      geometry: { type: 'Polygon', coordinates: [c.ring] },
    })),
  };
}

describe('seed divisions', () => {
  it('has the expected 3715 counts and a county anchor for each county', () => {
    expect(divisions.counties).toHaveLength(8);
    expect(divisions.townships).toHaveLength(136);
    expect(divisions.villages).toHaveLength(2408);
    expect(COUNTY_ANCHORS.map((a) => a.code)).toEqual(divisions.counties.map(([code]) => code));
  });
});

describe('generateSyntheticGrids', () => {
  it('generates cells for every village, reporting count and time', () => {
    console.info(`synthetic grids: ${cells.length} cells in ${elapsedMs.toFixed(0)} ms`);
    const perVillage = new Map<string, number>();
    for (const c of cells) perVillage.set(c.villageCode, (perVillage.get(c.villageCode) ?? 0) + 1);
    for (const [code] of divisions.villages)
      expect(perVillage.get(code) ?? 0, code).toBeGreaterThanOrEqual(1);
    for (const n of perVillage.values()) expect(n).toBeLessThanOrEqual(6);
    expect(perVillage.size).toBe(2408);
    expect(cells.length).toBeGreaterThan(2 * 2408);
  });

  it('uses unique 15-digit codes prefixed by the village code, serials from 001', () => {
    const villageNames = new Map(divisions.villages);
    const bad = cells.filter(
      (c) =>
        !/^\d{15}$/.test(c.code) ||
        !c.code.startsWith(c.villageCode) ||
        !villageNames.has(c.villageCode) ||
        c.name !== `${villageNames.get(c.villageCode)}第${Number(c.code.slice(12))}网格`,
    );
    expect(bad).toEqual([]);
    const codes = cells.map((c) => c.code);
    expect(new Set(codes).size).toBe(cells.length);
    expect(codes).toEqual([...codes].sort());
    expect(cells.filter((c) => c.code.endsWith('001'))).toHaveLength(2408);
  });

  it('produces closed, counter-clockwise, simple rings inside the bounds with the centroid inside', () => {
    const [minLon, minLat, maxLon, maxLat] = LIAOCHENG_BOUNDS;
    const bad = cells.filter(
      (c) =>
        c.ring.length !== 5 ||
        !isRingClosed(c.ring) ||
        !isCounterClockwise(c.ring) ||
        !isSimpleRing(c.ring) ||
        !c.ring.every(([lon, lat]) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat) ||
        !pointInRing(c.centroid, c.ring),
    );
    expect(bad).toEqual([]);
  });

  it('passes the import validator: no overlaps, known villages, RFC 7946 rings', () => {
    const result = validateGridCollection(toFeatureCollection(cells), {
      bounds: LIAOCHENG_BOUNDS,
      villageCodes: new Set(divisions.villages.map(([code]) => code)),
    });
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
  });

  it('is deterministic per seed and varies across seeds', () => {
    expect(generateSyntheticGrids(divisions)).toEqual(cells);
    expect(generateSyntheticGrids(divisions, { seed: 3715 })).toEqual(cells);
    const other = generateSyntheticGrids(divisions, { seed: 42 });
    expect(other.map((c) => c.ring)).not.toEqual(cells.map((c) => c.ring));
  });

  it('respects custom cell counts per village', () => {
    const few = generateSyntheticGrids(divisions, { cellsPerVillage: { min: 1, max: 1 } });
    expect(few).toHaveLength(2408);
    expect(() => generateSyntheticGrids(divisions, { cellsPerVillage: { min: 3, max: 2 } })).toThrow(
      RangeError,
    );
  });
});
