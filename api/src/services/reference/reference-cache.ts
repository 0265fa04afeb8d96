import type { Db } from '../../db/open-database';

interface CachedCategory {
  code: string;
  name: string;
  isActive: boolean;
}

/**
 * Categories, units, departments and cell names in memory: reporting and case screens look
 * them up on every request. Reference data
 * changes rarely; `reload()` after seeding or an admin change.
 */
export async function createReferenceCache(db: Db) {
  let categories = new Map<string, CachedCategory>();
  let villages = new Map<string, { code: string; isUrban: boolean }>();
  let departments = new Map<string, { id: string; unitCode: string; name: string; kind: string }>();
  let unitNames = new Map<string, string>();
  let gridNames = new Map<string, string>();
  async function reload() {
    const [cats, units, depts, grids] = await Promise.all([
      db.category.findMany({ select: { code: true, name: true, isActive: true } }),
      db.unit.findMany({ select: { code: true, name: true, level: true, isUrban: true } }),
      db.department.findMany({ select: { id: true, unitCode: true, name: true, kind: true } }),
      db.grid.findMany({ select: { code: true, name: true } }),
    ]);
    categories = new Map(cats.map((c) => [c.code, c]));
    villages = new Map(units.filter((u) => u.level === 'VILLAGE').map((u) => [u.code, u]));
    departments = new Map(depts.map((d) => [d.id, d]));
    unitNames = new Map(units.map((u) => [u.code, u.name]));
    gridNames = new Map(grids.map((g) => [g.code, g.name]));
  }
  await reload();
  return {
    reload,
    category: (code: string) => categories.get(code),
    village: (code: string) => villages.get(code),
    department: (id: string) => departments.get(id),
    unitName: (code: string) => unitNames.get(code),
    gridName: (code: string) => gridNames.get(code),
  };
}
export type ReferenceCache = Awaited<ReturnType<typeof createReferenceCache>>;
