/**
 * Place names for the 12345 desk's search (docs/channels.md, "Place search and the gazetteer"):
 * how a name is normalised, which keys it is found by, and how hits are ranked. Pure, so the
 * API's search and its tests share one rule.
 */

/**
 * Administrative suffixes a caller often leaves out, longest first (so 街道办事处 goes before 街道,
 * 社区居委会 before 社区). "古楼" then matches 古楼街道 exactly, "古城社区" matches 古城社区居委会.
 */
const SUFFIXES = [
  '街道办事处',
  '社区居委会',
  '村民委员会',
  '居民委员会',
  '村委会',
  '居委会',
  '街道',
  '社区',
  '市',
  '县',
  '区',
  '镇',
  '乡',
  '村',
] as const;

/** Endings that only look like a suffix: 小区 is not 小 + 区, 超市 not 超 + 市, 新村 not 新 + 村. */
const NOT_SUFFIXES = [
  '小区',
  '园区',
  '景区',
  '校区',
  '厂区',
  '新区',
  '城区',
  '超市',
  '菜市',
  '夜市',
  '新村',
  '山村',
];

/** A name as compared: NFKC (full-width letters and digits to half-width), no spaces, lower case. */
export function normalisePlaceName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The normalised name split into its stem and one administrative suffix ('' when none). */
function splitPlaceSuffix(name: string): [stem: string, suffix: string] {
  const n = normalisePlaceName(name);
  if (NOT_SUFFIXES.some((e) => n.endsWith(e))) return [n, ''];
  for (const s of SUFFIXES)
    if (n.endsWith(s) && [...n].length - s.length >= 2) return [n.slice(0, -s.length), s];
  return [n, ''];
}

/**
 * The normalised name without one administrative suffix, when at least two characters remain
 * (莘县 stays 莘县: 莘 alone would match far too much); else the normalised name.
 */
export function stripPlaceSuffix(name: string): string {
  return splitPlaceSuffix(name)[0];
}

/** Every key a place is found by: its name and aliases, each normalised and without its suffix. */
export function placeKeys(name: string, aliases: readonly string[] = []): string[] {
  const keys = new Set<string>();
  for (const n of [name, ...aliases]) {
    const full = normalisePlaceName(n);
    if (full) keys.add(full);
    const bare = stripPlaceSuffix(n);
    if (bare) keys.add(bare);
  }
  return [...keys];
}

/**
 * How well a name answers the query: 0 exact, 1 prefix, 2 contains, undefined no match. Exact
 * also when the stems agree and one side has no suffix (古楼 = 古楼街道) or one suffix is a longer
 * form of the other (古城社区 = 古城社区居委会) — but 古城社区 is not 古城镇.
 */
export function matchGrade(query: string, names: readonly string[]): 0 | 1 | 2 | undefined {
  const q = normalisePlaceName(query);
  const [qStem, qSuffix] = splitPlaceSuffix(query);
  let best: 0 | 1 | 2 | undefined;
  for (const name of names) {
    const full = normalisePlaceName(name);
    const [stem, suffix] = splitPlaceSuffix(name);
    const sameStem =
      stem === qStem && (!qSuffix || !suffix || suffix.startsWith(qSuffix) || qSuffix.startsWith(suffix));
    const grade =
      full === q || sameStem
        ? 0
        : full.startsWith(q)
          ? 1
          : full.includes(q) || full.includes(qStem)
            ? 2
            : undefined;
    if (grade !== undefined && (best === undefined || grade < best)) best = grade;
  }
  return best;
}

/** What a search hit is: a unit of the tree, a grid cell, or a gazetteer place of some kind. */
export const PLACE_HIT_KINDS = [
  'LANDMARK',
  'ESTATE',
  'ROAD',
  'OTHER',
  'CELL',
  'VILLAGE',
  'TOWNSHIP',
  'COUNTY',
  'CITY',
] as const;
export type PlaceHitKind = (typeof PLACE_HIT_KINDS)[number];

/** The kinds a gazetteer row may have (the rest are the unit tree's levels and cells). */
export const GAZETTEER_KINDS = ['VILLAGE', 'TOWNSHIP', 'ROAD', 'LANDMARK', 'ESTATE', 'OTHER'] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];

/** Chinese names of the gazetteer kinds, as a CSV/Excel file may write them. */
export const GAZETTEER_KIND_NAMES: Record<GazetteerKind, readonly string[]> = {
  VILLAGE: ['村/社区', '村', '社区', '村居'],
  TOWNSHIP: ['街道/乡镇', '街道', '乡镇', '镇', '乡'],
  ROAD: ['道路/街巷', '道路', '街巷', '路'],
  LANDMARK: ['地标/POI', '地标', 'POI', '兴趣点'],
  ESTATE: ['小区'],
  OTHER: ['其他'],
};

/** Specificity: a landmark or a 小区 is more specific than a cell, a cell than a village, … */
const SPECIFICITY: Record<PlaceHitKind, number> = {
  LANDMARK: 0,
  ESTATE: 0,
  ROAD: 1,
  OTHER: 1,
  CELL: 2,
  VILLAGE: 3,
  TOWNSHIP: 4,
  COUNTY: 5,
  CITY: 6,
};

/** How a hit matched: the whole name (also without its suffix), its start, or a part of it. */
export const PLACE_MATCHES = ['exact', 'prefix', 'contains'] as const;
export type PlaceMatch = (typeof PLACE_MATCHES)[number];

/** A candidate for ranking: its kind, its name, and every name it may be matched by. */
export interface RankablePlace {
  readonly kind: PlaceHitKind;
  readonly name: string;
  readonly names: readonly string[];
}

/**
 * Ranks candidates for the query: exact before prefix before contains (each also without the
 * administrative suffix), then the more specific kind, then the shorter name, then the name.
 * Candidates that do not match are dropped.
 */
export function rankPlaces<T extends RankablePlace>(
  query: string,
  candidates: readonly T[],
): (T & { match: PlaceMatch })[] {
  const graded = candidates.flatMap((c) => {
    const grade = matchGrade(query, c.names);
    return grade === undefined ? [] : [{ c, grade }];
  });
  graded.sort(
    (a, b) =>
      a.grade - b.grade ||
      SPECIFICITY[a.c.kind] - SPECIFICITY[b.c.kind] ||
      a.c.name.length - b.c.name.length ||
      a.c.name.localeCompare(b.c.name, 'zh-Hans-CN'),
  );
  return graded.map((g) => ({ ...g.c, match: PLACE_MATCHES[g.grade] }));
}
