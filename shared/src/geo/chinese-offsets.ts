/**
 * The obfuscated datums of Chinese web maps, to recognise a grid file drawn on one of them:
 * GCJ-02 (国测局坐标, AMap/Gaode, Tencent, Google in China) and BD-09 (Baidu, GCJ-02 shifted
 * again). The forward transforms are the standard published approximation (the one in
 * eviltransform, coordtransform and gcoord); around Liaocheng GCJ-02 moves a point about
 * +0.0057° in longitude (≈ 510 m east) and +0.0001° in latitude, BD-09 about +0.0122° and
 * +0.0058° (≈ 1.2 km). The importer only uses the forward direction: to predict the offset
 * a file would show, never to "correct" a file (the office should export WGS-84 / CGCS2000
 * from its source instead). The inverse serves the derivation of the seed's county outlines,
 * whose only public source is AMap's (prisma/scripts/derive-county-outlines.mjs).
 */
import type { Position } from './polygon';

const A = 6_378_245.0; // Krasovsky 1940 semi-major axis, as the GCJ-02 algorithm uses
const EE = 0.006_693_421_622_965_943; // its first eccentricity squared
const X_PI = (Math.PI * 3000) / 180;

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function offsetLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02 (inside China; the algorithm is defined there only). */
export function wgs84ToGcj02([lon, lat]: Position): Position {
  const radLat = (lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (offsetLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (offsetLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 → WGS-84: the forward transform has no closed-form inverse, so this iterates
 * w ← w + (g − wgs84ToGcj02(w)) until the round trip is within 1e-10° (a few steps: the
 * offset changes slowly with position).
 */
export function gcj02ToWgs84([lon, lat]: Position): Position {
  let w: Position = [lon, lat];
  for (let i = 0; i < 30; i++) {
    const [gLon, gLat] = wgs84ToGcj02(w);
    const dLon = lon - gLon;
    const dLat = lat - gLat;
    w = [w[0] + dLon, w[1] + dLat];
    if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) break;
  }
  return w;
}

/** GCJ-02 → BD-09 (Baidu's further rotation and shift). */
export function gcj02ToBd09([lon, lat]: Position): Position {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.000_02 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000_003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** WGS-84 → BD-09. */
export const wgs84ToBd09 = (p: Position): Position => gcj02ToBd09(wgs84ToGcj02(p));

/** A datum a file may have been drawn in by mistake. */
export type WrongDatum = 'GCJ-02' | 'BD-09';

/** A place compared: where the stored cells put it (WGS-84) and where the file puts it. */
export type PlacePair = { readonly stored: Position; readonly file: Position };

/**
 * Whether the file's places sit where GCJ-02 or BD-09 would put the stored ones: each pair's
 * displacement is compared with the datum's offset at that place, and the datum is named when
 * at least `minPlaces` places were compared and `share` of them (default 60 %) lie within
 * `radiusM` (default 100 m, a fifth of the GCJ-02 offset here) of that offset. A WGS-84 file
 * shows displacements near zero (the same geometry) or scattered (new geometry replacing
 * synthetic cells), never one systematic ~500 m shift east.
 */
export function detectWrongDatum(
  pairs: readonly PlacePair[],
  opts: { minPlaces?: number; share?: number; radiusM?: number } = {},
): { datum: WrongDatum; matched: number; compared: number } | null {
  const minPlaces = opts.minPlaces ?? 3;
  const share = opts.share ?? 0.6;
  const radiusM = opts.radiusM ?? 100;
  if (pairs.length < minPlaces) return null;
  for (const [datum, transform] of [
    ['GCJ-02', wgs84ToGcj02],
    ['BD-09', wgs84ToBd09],
  ] as const) {
    let matched = 0;
    for (const { stored, file } of pairs) {
      const expected = transform(stored);
      const kx = 111_320 * Math.cos((stored[1] * Math.PI) / 180);
      const miss = Math.hypot((file[0] - expected[0]) * kx, (file[1] - expected[1]) * 110_950);
      if (miss <= radiusM) matched++;
    }
    if (matched >= minPlaces && matched >= share * pairs.length)
      return { datum, matched, compared: pairs.length };
  }
  return null;
}
