import type { TAccessLogQuery } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { accessLogWhere } from './access-log-where';
import { decodeCursor, encodeCursor } from './keyset-cursor';

export interface AccessLogEntry {
  id: string;
  at: Date;
  userId: string;
  username: string;
  role: string;
  action: string;
  personId: string | null;
  fields: string[];
  purpose: string;
}

/** The register's access log, newest first, keyset-paged; by person, user and Shanghai days. */
export async function listAccessLog(
  ctx: AppContext,
  q: TAccessLogQuery,
): Promise<{ data: AccessLogEntry[]; nextCursor: string | null }> {
  const and = accessLogWhere(q);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ at: { lt: c.at } }, { at: c.at, id: { lt: c.id } }] });
  }
  const rows = await ctx.db.read.registerAccess.findMany({
    where: { AND: and },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({ ...r, fields: r.fields ? r.fields.split(',') : [] })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
