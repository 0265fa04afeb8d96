import { describe, expect, it } from 'vitest';
import { type BBox, type Ring, ringsOverlap, signedRingArea } from './polygon';
import {
  findOverlaps,
  findOverlapsBetween,
  type GridProblem,
  type GridValidationResult,
  validateGridCollection,
} from './validate-grid-collection';

const BOUNDS: BBox = [115.25, 35.8, 116.55, 37.03];
const VILLAGES = new Set(['371502001001', '371502001002']);
const S = 0.01;

/** A closed CCW square cell of side `size` with lower-left corner at lattice position (i, j). */
function squareAt(i: number, j: number, size = S): Ring {
  const x = 115.9 + i * size;
  const y = 36.4 + j * size;
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

/** A GeoJSON Feature for one cell. */
function feature(code: unknown, ring: unknown, name: unknown = `网格${String(code).slice(-3)}`) {
  return { type: 'Feature', properties: { code, name }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** A valid 3×2 block of cells over two villages. */
function validFeatures() {
  const out = [];
  for (let j = 0; j < 2; j++) {
    for (let i = 0; i < 3; i++) {
      const village = i < 2 ? '371502001001' : '371502001002';
      out.push(feature(`${village}${String(j * 3 + i + 1).padStart(3, '0')}`, squareAt(i, j)));
    }
  }
  return out;
}

/** Validates a collection built from the features; `null` skips the village check. */
function validate(features: unknown[], villageCodes: Set<string> | null = VILLAGES): GridValidationResult {
  return validateGridCollection(
    { type: 'FeatureCollection', features },
    villageCodes ? { bounds: BOUNDS, villageCodes } : { bounds: BOUNDS },
  );
}

/** Returns the problems, failing the test when validation passed. */
function problemsOf(result: GridValidationResult): GridProblem[] {
  if (result.ok) throw new Error('expected validation to fail');
  return result.problems;
}

describe('validateGridCollection', () => {
  it('accepts a valid collection and returns normalised cells', () => {
    const result = validate(validFeatures());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.cells).toHaveLength(6);
    const [first] = result.cells;
    expect(first?.code).toBe('371502001001001');
    expect(first?.villageCode).toBe('371502001001');
    expect(first?.name).toBe('网格001');
    expect(first?.centroid[0]).toBeCloseTo(115.905, 10);
    expect(first?.centroid[1]).toBeCloseTo(36.405, 10);
    expect(first?.bbox).toEqual([115.9, 36.4, 115.9 + S, 36.4 + S]);
    expect(first?.polygons).toEqual([[squareAt(0, 0)]]);
  });

  it('accepts holes, altitudes and no village list', () => {
    const hole: Ring = [
      [115.902, 36.402],
      [115.902, 36.404],
      [115.904, 36.404],
      [115.904, 36.402],
      [115.902, 36.402],
    ];
    const withAltitude = squareAt(5, 5).map(([x, y]) => [x, y, 12.5]);
    const result = validate(
      [
        {
          ...feature('371599999999001', squareAt(0, 0)),
          geometry: { type: 'Polygon', coordinates: [squareAt(0, 0), hole] },
        },
        feature('371599999999002', withAltitude),
      ],
      null,
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('accepts a MultiPolygon cell; refuses overlapping parts and a hole outside its shell', () => {
    const multi = (code: string, coordinates: unknown) => ({
      type: 'Feature',
      properties: { code, name: '飞地' },
      geometry: { type: 'MultiPolygon', coordinates },
    });
    const ok = validate([multi('371502001001001', [[squareAt(0, 0)], [squareAt(3, 0)]])]);
    if (!ok.ok) throw new Error(JSON.stringify(ok.problems));
    expect(ok.cells[0]?.polygons).toHaveLength(2);
    expect(ok.cells[0]?.bbox).toEqual([115.9, 36.4, 115.9 + 4 * S, 36.4 + S]);
    const overlapping = problemsOf(
      validate([multi('371502001001001', [[squareAt(0, 0)], [squareAt(0, 0, S / 2)]])]),
    );
    expect(overlapping[0]?.message).toBe('polygon 1 of the MultiPolygon overlaps polygon 0');
    const outside = [...squareAt(5, 5)].reverse();
    const holeOut = problemsOf(
      validate([
        {
          ...feature('371502001001001', squareAt(0, 0)),
          geometry: { type: 'Polygon', coordinates: [squareAt(0, 0), outside] },
        },
      ]),
    );
    expect(holeOut[0]?.message).toBe('hole 1 is not inside the exterior ring');
  });

  it('takes an enclave filling a hole as a neighbour, not an overlap', () => {
    const hole = squareAt(1, 1, S / 2).map(([x, y]) => [x - S / 4, y - S / 4]) as Ring;
    const result = validate([
      {
        ...feature('371502001001001', squareAt(0, 0, 3 * S)),
        geometry: { type: 'Polygon', coordinates: [squareAt(0, 0, 3 * S), [...hole].reverse()] },
      },
      feature('371502001001002', hole),
    ]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('maps an old village code to the current one, with a warning naming both', () => {
    const result = validateGridCollection(
      { type: 'FeatureCollection', features: [feature('371523001001004', squareAt(0, 0))] },
      {
        bounds: BOUNDS,
        villageCodes: new Set(['371503001001']),
        villageAliases: new Map([['371523001001', '371503001001']]),
      },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.cells[0]?.code).toBe('371503001001004');
    expect(result.warnings[0]?.message).toBe(
      'old code 371523001001004 (village 371523001001) imported as 371503001001004, its current code',
    );
  });

  it('trims a sliver between two cells of the file off the later one, with a warning', () => {
    const features = validFeatures();
    // cell 2 pushed 0.2 m into cell 1 along their shared edge, at one corner only
    const ring = squareAt(1, 0);
    ring[0] = [ring[0]![0] - 0.2 / 89_600, ring[0]![1]];
    ring[4] = ring[0]!;
    features[1] = feature('371502001001002', ring);
    const result = validate(features);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings.map((w) => w.message).join()).toMatch(/snapped|trimmed/);
    expect(result.cells[1]?.polygons[0]?.[0]).toContainEqual(squareAt(1, 0)[0]);
  });

  it('rejects input that is not a FeatureCollection', () => {
    expect(problemsOf(validateGridCollection([], { bounds: BOUNDS }))[0]?.message).toMatch(
      /FeatureCollection/,
    );
    expect(problemsOf(validateGridCollection({ type: 'Feature' }, { bounds: BOUNDS }))[0]?.index).toBe(-1);
  });

  it('reports an open ring', () => {
    const features = validFeatures();
    features[1] = feature(
      '371502001001002',
      squareAt(1, 0)
        .slice(0, 4)
        .concat([[115.91, 36.401]]),
    );
    const [problem] = problemsOf(validate(features));
    expect(problem).toMatchObject({
      index: 1,
      code: '371502001001002',
      path: 'features[1].geometry.coordinates[0]',
    });
    expect(problem?.message).toMatch(/ring is not closed/);
  });

  it('reports a ring with too few positions', () => {
    const features = validFeatures();
    features[0] = feature('371502001001001', [squareAt(0, 0)[0], squareAt(0, 0)[1], squareAt(0, 0)[0]]);
    expect(problemsOf(validate(features)).map((p) => p.message)).toContainEqual(
      expect.stringMatching(/at least 4/),
    );
  });

  it('accepts a clockwise exterior ring (RFC 7946 §3.1.6), rewinds it and warns', () => {
    const features = validFeatures();
    features[2] = feature('371502001002003', [...squareAt(2, 0)].reverse());
    const result = validate(features);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [[ring = []] = []] = result.cells[2]?.polygons ?? [];
    expect(signedRingArea(ring)).toBeGreaterThan(0);
    expect(new Set(ring.map((p) => p.join()))).toEqual(new Set(squareAt(2, 0).map((p) => p.join())));
    expect(result.warnings).toEqual([
      expect.objectContaining({
        index: 2,
        code: '371502001002003',
        message: expect.stringMatching(/rewound/),
      }),
    ]);
  });

  it('reports positions outside the bounds', () => {
    const features = validFeatures();
    const far = squareAt(0, 0).map(([x, y]) => [x + 1, y]);
    features[0] = feature('371502001001001', far);
    const problems = problemsOf(validate(features));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/5 position\(s\) outside bounds/);
    expect(problems[0]?.path).toBe('features[0].geometry.coordinates[0][0]');
  });

  it('recognises [lat, lon] order', () => {
    const features = validFeatures().map((f, k) =>
      feature(
        f.properties.code,
        squareAt(k % 3, Math.floor(k / 3)).map(([x, y]) => [y, x]),
      ),
    );
    const problems = problemsOf(validate(features));
    expect(problems).toHaveLength(6);
    for (const p of problems)
      expect(p.message).toMatch(/coordinates look like \[lat, lon\].*requires \[lon, lat\]/);
  });

  it('reports non-numeric and non-finite positions', () => {
    const features = validFeatures();
    const ring: unknown[] = squareAt(0, 0);
    ring[2] = [Number.NaN, 36.41];
    ring[3] = ['115.9', '36.41'];
    features[0] = feature('371502001001001', ring);
    const [problem] = problemsOf(validate(features));
    expect(problem?.message).toMatch(/2 position\(s\) are not \[lon, lat\] pairs of finite numbers/);
    expect(problem?.path).toBe('features[0].geometry.coordinates[0][2]');
  });

  it('reports a self-intersecting ring', () => {
    const [x, y] = [115.9, 36.4];
    const features = validFeatures();
    // a bow-tie with non-zero net area: edge 2 crosses edge 4
    const bowTie = [
      [x, y],
      [x + S, y],
      [x, y + S / 2],
      [x + S / 2, y + S / 2],
      [x, y],
    ];
    features[0] = feature('371502001001001', bowTie);
    expect(problemsOf(validate(features)).map((p) => p.message)).toContain(
      'exterior ring self-intersects (not a simple ring)',
    );
  });

  it('reports duplicate codes', () => {
    const features = validFeatures();
    features[4] = feature('371502001001001', squareAt(1, 1));
    const problems = problemsOf(validate(features));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 4, path: 'features[4].properties.code' });
    expect(problems[0]?.message).toBe('duplicate code 371502001001001 (first used by features[0])');
  });

  it('reports overlapping cells once per pair, but not neighbours sharing edges', () => {
    const features = validFeatures();
    const shifted = squareAt(0, 0).map(([x, y]) => [x + S / 2, y + S / 2]);
    features.push(feature('371502001002007', shifted));
    const problems = problemsOf(validate(features));
    expect(problems.map((p) => p.index)).toEqual([6, 6, 6, 6]); // it overlaps four cells
    // a quarter of a 0.01° square: ≈ 0.25 × 1.11 km × 0.89 km
    expect(problems[0]?.message).toMatch(/^cell overlaps 371502001001001 \(features\[0\]\) by 2485\d\d m²$/);
    expect(problems[0]?.path).toBe('features[6].geometry');
  });

  it('reports a contained duplicate geometry as an overlap', () => {
    const features = validFeatures();
    features.push(feature('371502001002007', squareAt(2, 1)));
    expect(problemsOf(validate(features))[0]?.message).toMatch(
      /^cell overlaps 371502001002006 \(features\[5\]\) by \d+ m²$/,
    );
  });

  it('reports bad codes and unknown villages', () => {
    const features = validFeatures();
    features[0] = feature('3715020010010', squareAt(0, 0));
    features[1] = feature(371502001001002, squareAt(1, 0));
    features[2] = feature('371502001099003', squareAt(2, 0));
    const messages = problemsOf(validate(features)).map((p) => p.message);
    expect(messages).toEqual([
      'code must be a string of 15 digits, got "3715020010010"',
      'code must be a string of 15 digits, got number',
      'code 371502001099003: 371502001099 is not a known village code',
    ]);
  });

  it('reports a missing or blank name', () => {
    const features: unknown[] = validFeatures();
    features[0] = feature('371502001001001', squareAt(0, 0), '  ');
    features[1] = { ...feature('371502001001002', squareAt(1, 0)), properties: { code: '371502001001002' } };
    const problems = problemsOf(validate(features));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['features[0].properties.name', 'name is missing or empty'],
      ['features[1].properties.name', 'name is missing or empty'],
    ]);
  });

  it('reports geometries that are not Polygons and non-features', () => {
    const features: unknown[] = validFeatures();
    features[0] = {
      ...feature('371502001001001', null),
      geometry: { type: 'Point', coordinates: [115.9, 36.4] },
    };
    features[1] = { ...feature('371502001001002', null), geometry: null };
    features[2] = { type: 'Point' };
    const messages = problemsOf(validate(features)).map((p) => p.message);
    expect(messages).toEqual([
      'geometry type must be "Polygon" or "MultiPolygon", got "Point"',
      'geometry is missing',
      'must be a GeoJSON Feature',
    ]);
  });

  it('lists every problem at once, in feature order', () => {
    const features: unknown[] = validFeatures();
    features[0] = feature('bad', [...squareAt(0, 0)].reverse(), '');
    features[3] = feature('371502001001004', squareAt(0, 1).slice(0, 4));
    features[5] = feature('371502001001002', squareAt(2, 1));
    features.push(feature('371502001002009', squareAt(2, 1)));
    const problems = problemsOf(validate(features));
    expect(problems.map((p) => [p.index, p.message.split(/[;:(]/)[0]?.trim()])).toEqual([
      [0, 'code must be a string of 15 digits, got "bad"'],
      [0, 'name is missing or empty'],
      [3, 'ring is not closed'],
      [5, 'duplicate code 371502001001002'],
      [6, 'cell overlaps 371502001001002'],
    ]);
  });

  it('caps the list with a final "…and N more"', () => {
    const features = Array.from({ length: 250 }, (_, k) =>
      feature(`x${k}`, squareAt(k % 50, Math.floor(k / 50))),
    );
    const problems = problemsOf(validate(features));
    expect(problems).toHaveLength(201);
    expect(problems[200]).toEqual({ index: -1, path: '', message: '…and 50 more problems' });
  });

  it('validates 10k cells without quadratic work', { timeout: 60_000 }, () => {
    const codes = new Set<string>();
    const features = Array.from({ length: 10_000 }, (_, k) => {
      const village = `3715020${String(10_000 + Math.floor(k / 500)).padStart(5, '0')}`;
      codes.add(village);
      return feature(
        `${village}${String((k % 500) + 1).padStart(3, '0')}`,
        squareAt(k % 100, Math.floor(k / 100), 0.002),
      );
    });
    const t0 = performance.now();
    const result = validate(features, codes);
    const ms = performance.now() - t0;
    expect(result.ok ? [] : result.problems.slice(0, 3)).toEqual([]);
    // A guard against quadratic work, not a benchmark: ~3 s alone since snapping, 6 s on a loaded machine.
    expect(ms).toBeLessThan(20_000);
  });

  it('stops the overlap search once the list is full, so stacked cells cost no n² tests', () => {
    const features = Array.from({ length: 3000 }, (_, k) =>
      feature(`371502001001${String((k % 999) + 1).padStart(3, '0')}`, squareAt(0, 0)),
    );
    const t0 = performance.now();
    const problems = problemsOf(validate(features));
    expect(performance.now() - t0).toBeLessThan(3000); // was minutes: 4.5 million pairs
    expect(problems).toHaveLength(201);
    // every listed problem is one a full search would list first: features 1…20 overlap all before them
    expect(problems[0]).toMatchObject({
      index: 1,
      message: expect.stringMatching(/^cell overlaps 371502001001001 \(features\[0\]\) by/),
    });
    expect(problems[199]?.index).toBe(20);
    expect(problems[200]?.message).toMatch(/^…and \d+ more problems \(at least: the overlap search stops/);
  });

  it('refuses cells whose bounding boxes are too entangled to check', () => {
    // thin diagonal strips: every bounding box meets every other, no interiors overlap
    const features = Array.from({ length: 300 }, (_, k) => {
      const x = 115.9 + k * 0.0001;
      return feature(`371502001001${String(k + 1).padStart(3, '0')}`, [
        [x, 36.4],
        [x + 0.0001, 36.4],
        [x + 0.1001, 36.5],
        [x + 0.1, 36.5],
        [x, 36.4],
      ]);
    });
    // 44,850 candidate pairs, more than the default 64 per cell
    expect(problemsOf(validate(features))).toEqual([
      {
        index: -1,
        path: '',
        message:
          "the cells' bounding boxes overlap too much to check: more than 64 candidate pairs per cell on average over 300 cell(s); split the file or simplify the cells",
      },
    ]);
    const generous = validateGridCollection(
      { type: 'FeatureCollection', features },
      { bounds: BOUNDS, villageCodes: VILLAGES, maxPairTestsPerCell: 200 },
    );
    expect(generous.ok ? [] : generous.problems).toEqual([]);
  });

  it('limits features per file and positions per cell', () => {
    const features = validFeatures();
    const many = validateGridCollection(
      { type: 'FeatureCollection', features },
      { bounds: BOUNDS, maxFeatures: 5 },
    );
    expect(problemsOf(many)).toEqual([
      { index: -1, path: 'features', message: 'the file has 6 features; at most 5 per import' },
    ]);
    const dense = validateGridCollection(
      { type: 'FeatureCollection', features },
      { bounds: BOUNDS, maxPositionsPerFeature: 4 },
    );
    expect(problemsOf(dense)[0]).toMatchObject({
      index: 0,
      path: 'features[0].geometry.coordinates',
      message: 'Polygon has 5 positions; at most 4 per cell',
    });
  });

  it('reports a deeply nested position without recursing into it', () => {
    let deep: unknown = [115.9, 36.4];
    for (let k = 0; k < 200_000; k++) deep = [deep];
    const features = validFeatures();
    const ring: unknown[] = squareAt(0, 0);
    ring[1] = deep;
    features[0] = feature('371502001001001', ring);
    const [problem] = problemsOf(validate(features));
    expect(problem?.message).toBe(
      '1 position(s) are not [lon, lat] pairs of finite numbers, e.g. [an array]',
    );
  });

  it('finds the same overlaps as a brute-force all-pairs check on random cells', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    /** A random convex-ish CCW polygon (4–7 vertices) around a random centre. */
    const randomCell = (): { ring: Ring } => {
      const [cx, cy, r] = [115.9 + random() * 0.05, 36.4 + random() * 0.05, 0.002 + random() * 0.008];
      const n = 4 + Math.floor(random() * 4);
      const ring: Ring = Array.from({ length: n }, (_, k) => {
        const a = (2 * Math.PI * (k + random() * 0.5)) / n;
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
      return { ring: [...ring, ring[0] as [number, number]] };
    };
    /** Lattice squares, so shared edges (not overlaps) are covered too. */
    const latticeCell = (): { ring: Ring } => ({
      ring: squareAt(Math.floor(random() * 6), Math.floor(random() * 6), 0.01),
    });
    for (let round = 0; round < 40; round++) {
      const cells = Array.from({ length: 5 + Math.floor(random() * 40) }, () =>
        random() < 0.5 ? randomCell() : latticeCell(),
      );
      const brute: string[] = [];
      for (let b = 0; b < cells.length; b++)
        for (let a = 0; a < b; a++) if (ringsOverlap(cells[a]!.ring, cells[b]!.ring)) brute.push(`${a}-${b}`);
      const found = findOverlaps(cells);
      expect(found.pairs.map(({ a, b }) => `${a}-${b}`)).toEqual(brute);
      expect(found.cut || found.overBudget).toBe(false);

      const [left, right] = [cells.slice(0, cells.length >> 1), cells.slice(cells.length >> 1)];
      const bruteBetween: string[] = [];
      for (let a = 0; a < left.length; a++)
        for (let b = 0; b < right.length; b++)
          if (ringsOverlap(left[a]!.ring, right[b]!.ring)) bruteBetween.push(`${a}-${b}`);
      expect(findOverlapsBetween(left, right).pairs.map(({ a, b }) => `${a}-${b}`)).toEqual(bruteBetween);
    }
  });
});
