import type { UnitLevel } from './constants';

/** 聊城市: the city this deployment serves, root of every jurisdiction. */
export const CITY_CODE = '371500000000';

/** Significant digits of a 12-digit division code per level (city 4, county 6, …). */
const PREFIX_LENGTH: Record<Exclude<UnitLevel, 'GRID'>, number> = {
  CITY: 4,
  COUNTY: 6,
  TOWNSHIP: 9,
  VILLAGE: 12,
};

/** True for a 12-digit division code or a 15-digit grid code. */
export function isUnitCode(code: string): boolean {
  return /^\d{12}$/.test(code);
}

/** True for a 15-digit grid cell code. */
export function isGridCode(code: string): boolean {
  return /^\d{15}$/.test(code);
}

/** The level a code stands for, from its zero padding (371502000000 is a county). */
export function levelOfCode(code: string): UnitLevel {
  if (isGridCode(code)) return 'GRID';
  if (!isUnitCode(code)) throw new RangeError(`not a division code: ${code}`);
  if (code.endsWith('00000000')) return 'CITY';
  if (code.endsWith('000000')) return 'COUNTY';
  if (code.endsWith('000')) return 'TOWNSHIP';
  return 'VILLAGE';
}

/** The significant prefix of a code: every code below it in the tree starts with it. */
export function significantPrefix(code: string): string {
  const level = levelOfCode(code);
  return level === 'GRID' ? code : code.slice(0, PREFIX_LENGTH[level]);
}

/** The code of `code`'s unit at `level` (a grid's township, a village's county …). */
export function ancestorCode(code: string, level: Exclude<UnitLevel, 'GRID'>): string {
  return code.slice(0, PREFIX_LENGTH[level]).padEnd(12, '0');
}

/** The parent's code, or undefined for the city. */
export function parentCode(code: string): string | undefined {
  const level = levelOfCode(code);
  const up: Record<UnitLevel, Exclude<UnitLevel, 'GRID'> | undefined> = {
    GRID: 'VILLAGE',
    VILLAGE: 'TOWNSHIP',
    TOWNSHIP: 'COUNTY',
    COUNTY: 'CITY',
    CITY: undefined,
  };
  const parentLevel = up[level];
  return parentLevel ? ancestorCode(code, parentLevel) : undefined;
}

/** Codes from a grid (or unit) up to the city, lowest first. */
export function chainOf(code: string): string[] {
  const chain = [code];
  for (let p = parentCode(code); p; p = parentCode(p)) chain.push(p);
  return chain;
}

/** Whether `code` lies in the subtree of `ancestor` (a unit is within itself). */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(significantPrefix(ancestor));
}

/** The next level up, or undefined above the city. */
export function levelAbove(level: UnitLevel): UnitLevel | undefined {
  const order: UnitLevel[] = ['GRID', 'VILLAGE', 'TOWNSHIP', 'COUNTY', 'CITY'];
  return order[order.indexOf(level) + 1];
}
