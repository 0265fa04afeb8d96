import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { gridsUnder, resolveGridScope } from './list-grids';

/** Cells read per query while exporting (a yield between pages keeps the node answering). */
const PAGE = 2000;

/**
 * GET /api/grids/export: the cells under `unit` the caller may see (the access policy's
 * scope, as GET /api/grids), as a GeoJSON FeatureCollection to edit and import again. The
 * geometry is exactly as stored (full precision, no rounding), so exporting and importing
 * back changes nothing (every cell "unchanged"). Returns the scope and the file's bytes.
 */
export async function exportGrids(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const scope = await resolveGridScope(ctx, user, unit);
  const parts: string[] = [];
  let after = '';
  for (;;) {
    const page = await ctx.db.read.grid.findMany({
      where: { AND: [gridsUnder(scope), { code: { gt: after } }] },
      select: { code: true, name: true, villageCode: true, isSynthetic: true, geometry: true },
      orderBy: { code: 'asc' },
      take: PAGE,
    });
    for (const g of page)
      parts.push(
        `{"type":"Feature","id":${JSON.stringify(g.code)},"properties":${JSON.stringify({
          code: g.code,
          name: g.name,
          villageCode: g.villageCode,
          isSynthetic: g.isSynthetic,
        })},"geometry":${g.geometry}}`,
      );
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.code ?? after;
    await yieldToEventLoop();
  }
  return {
    scope,
    body: Buffer.from(`{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`),
  };
}
