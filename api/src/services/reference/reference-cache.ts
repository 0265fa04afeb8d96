import type { Db } from '../../db/open-database';

interface CachedCategory {
  code: string;
  name: string;
  isActive: boolean;
}

/**
 * Categories, villages and departments in memory: reporting looks them up on every report. Reference data
 * changes rarely; `reload()` after seeding or an admin change.
 */
export async function createReferenceCache(db: Db) {
  let categories = new Map<string, CachedCategory>();
  let villages = new Map<string, { code: string; isUrban: boolean }>();
  let departments = new Map<string, { id: string; unitCode: string }>();
  async function reload() {
    const [cats, units, depts] = await Promise.all([
      db.category.findMany({ select: { code: true, name: true, isActive: true } }),
      db.unit.findMany({ where: { level: 'VILLAGE' }, select: { code: true, isUrban: true } }),
      db.department.findMany({ select: { id: true, unitCode: true } }),
    ]);
    categories = new Map(cats.map((c) => [c.code, c]));
    villages = new Map(units.map((u) => [u.code, u]));
    departments = new Map(depts.map((d) => [d.id, d]));
  }
  await reload();
  return {
    reload,
    category: (code: string) => categories.get(code),
    village: (code: string) => villages.get(code),
    department: (id: string) => departments.get(id),
  };
}
export type ReferenceCache = Awaited<ReturnType<typeof createReferenceCache>>;
