import { readFileSync } from 'node:fs';
import type { Tx } from '../../api/src/db/open-database';
import { toGridRow } from '../../api/src/services/grids/grid-row';
import { DEFAULT_HOLIDAYS_CN } from '../../shared/src/calendar/index';
import { CATEGORIES, DEPARTMENT_KINDS, TOWNSHIP_OFFICES } from './reference-data';
import {
  type CountyOutline,
  type DivisionsData,
  generateSyntheticGrids,
  readCountyOutlines,
} from './synthetic-grids';

export const DIVISIONS_FILE = new URL('../seed-data/liaocheng-3715.json', import.meta.url);

/** The committed Liaocheng division data (NBS 2023, derived by prisma/scripts/derive-divisions.mjs). */
export function loadDivisions(): DivisionsData {
  return JSON.parse(readFileSync(DIVISIONS_FILE, 'utf8')) as DivisionsData;
}

export const COUNTY_OUTLINES_FILE = new URL('../seed-data/liaocheng-counties.geojson', import.meta.url);

/** The committed real county outlines (WGS-84, derived by prisma/scripts/derive-county-outlines.mjs). */
export function loadCountyOutlines(): CountyOutline[] {
  return readCountyOutlines(JSON.parse(readFileSync(COUNTY_OUTLINES_FILE, 'utf8')));
}

/** 街道 townships and 居委会/社区 villages are urban; 镇/乡 and 村委会 rural. */
function isUrbanName(name: string): boolean {
  return /街道|社区|居委会|居民委员会/.test(name);
}

const chunk = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** Units, code aliases, synthetic grid cells, departments, categories and holidays. */
export async function seedReference(tx: Tx, divisions: DivisionsData) {
  const [cityCode, cityName] = divisions.city;
  const units = [
    { code: cityCode, name: cityName, level: 'CITY' as const, parentCode: null, isUrban: true },
    ...divisions.counties.map(([code, name]) => ({
      code,
      name,
      level: 'COUNTY' as const,
      parentCode: cityCode,
      isUrban: /区$/.test(name),
    })),
    ...divisions.townships.map(([code, name]) => ({
      code,
      name,
      level: 'TOWNSHIP' as const,
      parentCode: `${code.slice(0, 6)}000000`,
      isUrban: isUrbanName(name),
    })),
    ...divisions.villages.map(([code, name]) => ({
      code,
      name,
      level: 'VILLAGE' as const,
      parentCode: `${code.slice(0, 9)}000`,
      isUrban: isUrbanName(name),
    })),
  ];
  for (const part of chunk(units, 500)) await tx.unit.createMany({ data: part });
  await tx.unitCodeAlias.createMany({
    data: divisions.aliases.map(([oldCode, oldName, code, changedOn]) => ({
      oldCode,
      oldName,
      code,
      changedOn,
    })),
  });

  const cells = generateSyntheticGrids(divisions, loadCountyOutlines());
  const now = new Date();
  const rows = cells.map((c) => toGridRow(c, true, now));
  for (const part of chunk(rows, 500)) await tx.grid.createMany({ data: part });

  const departments = [
    ...DEPARTMENT_KINDS.map((d) => ({
      id: `3715-${d.kind}`,
      name: `${cityName}${d.name}`,
      kind: d.kind,
      unitCode: cityCode,
    })),
    ...divisions.counties.flatMap(([code, name]) =>
      DEPARTMENT_KINDS.map((d) => ({
        id: `${code.slice(0, 6)}-${d.kind}`,
        name: `${name}${d.name}`,
        kind: d.kind,
        unitCode: code,
      })),
    ),
    ...divisions.townships.flatMap(([code, name]) =>
      TOWNSHIP_OFFICES.map((o) => ({
        id: `${code.slice(0, 9)}-${o.kind}`,
        name: `${name}${o.name}`,
        kind: o.kind,
        unitCode: code,
      })),
    ),
  ];
  for (const part of chunk(departments, 500)) await tx.department.createMany({ data: part });

  await tx.category.createMany({
    data: CATEGORIES.map(([code, name, nameEn, departmentKind, limits]) => ({
      code,
      name,
      nameEn,
      departmentKind,
      parentCode: code.length > 2 ? code.slice(0, 2) : null,
      limits: limits ? JSON.stringify(limits) : null,
    })),
  });
  await tx.holiday.createMany({ data: DEFAULT_HOLIDAYS_CN.map((h) => ({ ...h })) });
  return { units: units.length, grids: rows.length, departments: departments.length };
}
