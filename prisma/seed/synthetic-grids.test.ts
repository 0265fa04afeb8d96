import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GridIndex } from '../../shared/src/geo/grid-index';
import {
  isCounterClockwise,
  isRingClosed,
  isSimpleRing,
  pointInRing,
  signedRingArea,
} from '../../shared/src/geo/polygon';
import { pointInPolygons, polygonsArea, polygonsBBox } from '../../shared/src/geo/shape';
import { validateGridCollection } from '../../shared/src/geo/validate-grid-collection';
import { createRandom } from '../../shared/src/random';
import {
  type CountyOutline,
  type DivisionsData,
  generateSyntheticGrids,
  readCountyOutlines,
  type SyntheticGridCell,
} from './synthetic-grids';

const divisions = JSON.parse(
  readFileSync(new URL('../seed-data/liaocheng-3715.json', import.meta.url), 'utf8'),
) as DivisionsData;
const outlines = readCountyOutlines(
  JSON.parse(readFileSync(new URL('../seed-data/liaocheng-counties.geojson', import.meta.url), 'utf8')),
);

const started = performance.now();
const cells = generateSyntheticGrids(divisions, outlines);
const elapsedMs = performance.now() - started;
const index = new GridIndex(cells);
const cityBBox = polygonsBBox(outlines.flatMap((o) => o.polygons));

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

const countyOf = (point: [number, number]): CountyOutline | undefined =>
  outlines.find((o) => pointInPolygons(point, o.polygons));
const cellCounty = (code: string | undefined) => (code ? `${code.slice(0, 6)}000000` : undefined);

describe('seed divisions and county outlines', () => {
  it('has the expected 3715 counts and one real outline per county', () => {
    expect(divisions.counties).toHaveLength(8);
    expect(divisions.townships).toHaveLength(136);
    expect(divisions.villages).toHaveLength(2408);
    expect(outlines.map((o) => [o.code, o.name])).toEqual(divisions.counties);
  });

  it('has outlines that do not overlap, with each county seat inside its own county', () => {
    for (const o of outlines) {
      expect(countyOf(o.seat)?.code, o.name).toBe(o.code);
      for (const rings of o.polygons) expect(isCounterClockwise(rings[0] ?? []), o.name).toBe(true);
    }
    // The real city is ~8,640 km²: the outlines' total, in km² on the ground at 36.45°N.
    const km2 = outlines.reduce((sum, o) => sum + polygonsArea(o.polygons), 0);
    const perDegree2 = 111.32 * 111.32 * Math.cos((36.45 * Math.PI) / 180);
    expect(km2 * perDegree2).toBeGreaterThan(8500);
    expect(km2 * perDegree2).toBeLessThan(8800);
  });
});

// Each generation runs the importer's own checks too (a few seconds on a loaded machine).
describe('generateSyntheticGrids', { timeout: 120_000 }, () => {
  it('generates cells for every village, reporting count and time', () => {
    console.info(`synthetic grids: ${cells.length} cells in ${elapsedMs.toFixed(0)} ms`);
    const perVillage = new Map<string, number>();
    for (const c of cells) perVillage.set(c.villageCode, (perVillage.get(c.villageCode) ?? 0) + 1);
    expect(perVillage.size).toBe(2408);
    for (const [code] of divisions.villages)
      expect(perVillage.get(code) ?? 0, code).toBeGreaterThanOrEqual(1);
    expect(cells.length).toBeGreaterThan(3 * 2408);
    expect(cells.length).toBeLessThan(6 * 2408);
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

  it('produces closed, counter-clockwise, simple rings with a point inside each cell', () => {
    const bad = cells.filter(
      (c) =>
        !isRingClosed(c.ring) ||
        !isCounterClockwise(c.ring) ||
        !isSimpleRing(c.ring) ||
        !pointInRing(c.centroid, c.ring) ||
        index.locate(c.centroid[0], c.centroid[1]) !== c.code,
    );
    expect(bad.map((c) => c.code)).toEqual([]);
  });

  it('passes the import validator: no overlaps, known villages, RFC 7946 rings', () => {
    const result = validateGridCollection(toFeatureCollection(cells), {
      bounds: cityBBox,
      villageCodes: new Set(divisions.villages.map(([code]) => code)),
    });
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
    // Nothing to snap either: exporting the seeded city and importing it back changes nothing.
    expect(result.ok ? result.warnings : []).toEqual([]);
  });

  it('covers each county exactly: its cells add up to its area', () => {
    for (const o of outlines) {
      const area = polygonsArea(o.polygons);
      const covered = cells
        .filter((c) => c.code.startsWith(o.code.slice(0, 6)))
        .reduce((s, c) => s + signedRingArea(c.ring), 0);
      // Equal but for the importer's snapping (vertices moved < 0.5 m): under 100 m² of ~1,000 km².
      expect(Math.abs(covered - area) / area, o.name).toBeLessThan(1e-7);
    }
  });

  it('puts every one of 2,000 random points of the real city in a cell of the county that contains it', () => {
    const random = createRandom(12);
    const [minLon, minLat, maxLon, maxLat] = cityBBox;
    const wrong: string[] = [];
    let sampled = 0;
    while (sampled < 2000) {
      const point: [number, number] = [
        minLon + random() * (maxLon - minLon),
        minLat + random() * (maxLat - minLat),
      ];
      const county = countyOf(point);
      const code = index.locate(point[0], point[1]);
      if (!county) {
        if (code) wrong.push(`${point} is outside the city but in ${code}`);
        continue;
      }
      sampled++;
      if (cellCounty(code) !== county.code)
        wrong.push(`${point} in ${county.name} resolves to ${code ?? 'no cell'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('resolves each county seat, in WGS-84 and as AMap (GCJ-02) gives it, to a cell of its own county', () => {
    const seats = JSON.parse(
      readFileSync(new URL('../seed-data/liaocheng-counties.geojson', import.meta.url), 'utf8'),
    ).features.map(
      (f: { properties: { code: string; seat: [number, number]; seatGcj02: [number, number] } }) =>
        f.properties,
    );
    expect(seats).toHaveLength(8);
    for (const { code, seat, seatGcj02 } of seats) {
      expect(cellCounty(index.locate(seat[0], seat[1])), code).toBe(code);
      expect(cellCounty(index.locate(seatGcj02[0], seatGcj02[1])), code).toBe(code);
    }
  });

  it('is deterministic per seed and varies across seeds', () => {
    expect(generateSyntheticGrids(divisions, outlines)).toEqual(cells);
    const other = generateSyntheticGrids(divisions, outlines, { seed: 42 });
    expect(other.map((c) => c.ring)).not.toEqual(cells.map((c) => c.ring));
  });

  it('sizes the lattice for the cells per village asked for, and refuses impossible options', () => {
    const few = generateSyntheticGrids(divisions, outlines, { cellsPerVillage: 2, minCellsPerVillage: 1 });
    expect(few.length).toBeLessThan(cells.length * 0.6);
    expect(new Set(few.map((c) => c.villageCode)).size).toBe(2408);
    expect(() =>
      generateSyntheticGrids(divisions, outlines, { cellsPerVillage: 2, minCellsPerVillage: 3 }),
    ).toThrow(RangeError);
  });
});
