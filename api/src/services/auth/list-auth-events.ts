import type { AuthEventKind } from '@wangge/shared/schemas/auth';
import type { AppContext } from '../../context';

/** The sign-in audit, newest first; cursor = the last id seen (events below it follow). */
export async function listAuthEvents(
  ctx: AppContext,
  query: { username?: string; outcome?: AuthEventKind; cursor?: number; limit: number },
) {
  const rows = await ctx.db.read.authEvent.findMany({
    where: {
      ...(query.username ? { username: query.username } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page,
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
