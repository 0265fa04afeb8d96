import { hasOpen311Metadata, isOpen311Service } from '@wangge/shared/open311/services';
import type { AppContext } from '../../context';

/** One GeoReport service (a sub-category), as GET services shows it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * GET services: the active sub-categories offered to other systems (shared/open311), each in
 * its major class as `group`. Requests become cases at once, so every service is `realtime`.
 */
export async function listOpen311Services(ctx: AppContext): Promise<Open311Service[]> {
  const rows = await ctx.db.read.category.findMany({
    where: { isActive: true },
    orderBy: { code: 'asc' },
    select: { code: true, name: true, nameEn: true, parentCode: true },
  });
  const classes = new Map(rows.filter((r) => r.parentCode === null).map((r) => [r.code, r]));
  return rows
    .filter((r) => isOpen311Service(r) && classes.has(r.parentCode ?? ''))
    .map((r) => {
      const group = classes.get(r.parentCode ?? '')!;
      return {
        service_code: r.code,
        service_name: r.name,
        description: `${r.name}（${group.name}）. ${r.nameEn} (${group.nameEn}).`,
        metadata: hasOpen311Metadata(r.code),
        type: 'realtime' as const,
        keywords: [r.name, r.nameEn, group.name, group.nameEn].join(','),
        group: group.name,
      };
    });
}
