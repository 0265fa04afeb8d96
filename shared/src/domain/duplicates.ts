/**
 * How far apart two open reports of one category may be and still be the same incident (并案
 * suggestions). A burst water main floods a street; a pile of rubbish is one spot; a dispute
 * is about people at one address. Sub-classes not listed take their major class's radius,
 * then DEFAULT_RADIUS_M. These are working assumptions to be tuned from a city's merges, not a
 * standard.
 */
export const DUPLICATE_RADIUS_M: Readonly<Record<string, number>> = {
  '01': 30, // 市容环境: a spot
  '0103': 100, // 道路不洁: a stretch of road
  '02': 30,
  '0201': 50, // 占道经营: a row of stalls
  '03': 100,
  '0301': 150, // 施工扰民: heard around the site
  '0302': 200, // 工地扬尘
  '0303': 50,
  '04': 100,
  '0402': 200, // 供水管道破裂
  '0403': 300, // 燃气泄漏: smelt far away
  '0404': 50,
  '05': 20, // 矛盾纠纷: one household or building
  '06': 100,
  '0603': 20, // 电信诈骗线索: about a victim, not a place
  '07': 50,
  '08': 30,
  '0801': 20,
  '0803': 20, // 井盖缺失: one cover
  '0804': 100, // 供暖问题: a building or block
  '09': 100,
  '0901': 300, // 秸秆焚烧: smoke seen from afar
  '0903': 150, // 噪声污染
  '10': 30,
};
export const DEFAULT_RADIUS_M = 50;

/** The duplicate radius of a category (metres). */
export function duplicateRadius(categoryCode: string): number {
  return DUPLICATE_RADIUS_M[categoryCode] ?? DUPLICATE_RADIUS_M[categoryCode.slice(0, 2)] ?? DEFAULT_RADIUS_M;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine; well under a centimetre off at these ranges). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box around a point that holds every point within `metres` (degrees of lon/lat). */
export function boxAround(p: { lon: number; lat: number }, metres: number) {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(Math.min(89, Math.abs(p.lat) + dLat))), 1e-6);
  return { west: p.lon - dLon, east: p.lon + dLon, south: p.lat - dLat, north: p.lat + dLat };
}

/** One suggestion of GET /api/cases/duplicates, as the API answers it (the report form, the desk). */
export interface DuplicateSuggestion {
  id: string;
  code: string;
  title: string;
  state: string;
  categoryCode: string;
  address: string | null;
  /** ISO 8601. */
  createdAt: string;
  distanceMeters: number;
  /** Photo attachment ids (GET /api/attachments/:id), first three. */
  photoIds: string[];
}
