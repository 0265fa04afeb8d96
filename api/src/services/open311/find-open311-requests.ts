import { CASE_STATES } from '@wangge/shared/domain/constants';
import { open311Status } from '@wangge/shared/open311/services';
import { OPEN311_MAX_REQUESTS, open311Window } from '@wangge/shared/open311/window';
import type { TOpen311RequestQuery } from '@wangge/shared/schemas/open311';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import { OPEN311_CASE_COLUMNS, open311RequestsSql } from '../../policies';
import { type Open311RequestRow, presentOpen311Request } from './present-open311-request';

/** States GeoReport calls closed (shared/open311). */
const CLOSED_STATES = CASE_STATES.filter((s) => open311Status(s) === 'closed');

/**
 * GET requests (and requests/{id}): Open311 requests, newest first. A service_request_id list
 * overrides every other filter, as the specification says; otherwise service_code, status and
 * the date window (default 90 days), at most 1,000. Each shows its case's progress through
 * CaseRef, so a merged request shows its master's.
 */
export async function findOpen311Requests(ctx: AppContext, q: TOpen311RequestQuery) {
  const where: Prisma.Sql[] = [];
  if (q.service_request_id) {
    if (q.service_request_id.length === 0) return [];
    where.push(Prisma.sql`q."serviceRequestId" IN (${Prisma.join(q.service_request_id)})`);
  } else {
    const { start, end } = open311Window(q, ctx.clock.now());
    where.push(Prisma.sql`q."createdAt" >= ${start} AND q."createdAt" <= ${end}`);
    if (q.service_code) where.push(Prisma.sql`q."serviceCode" IN (${Prisma.join(q.service_code)})`);
    if (q.status && q.status.length === 1) {
      const closed = Prisma.join(CLOSED_STATES);
      where.push(
        q.status[0] === 'closed'
          ? Prisma.sql`c."state" IN (${closed})`
          : Prisma.sql`c."state" NOT IN (${closed})`,
      );
    }
  }
  const rows = await ctx.db.read.$queryRaw<Record<string, unknown>[]>`
SELECT q."serviceRequestId", q."serviceCode", q."description", q."address", q."lat", q."lon", q."mediaUrl",
  q."createdAt", ${OPEN311_CASE_COLUMNS}
FROM ${open311RequestsSql}
WHERE ${Prisma.join(where, ' AND ')}
ORDER BY q."createdAt" DESC, q."serviceRequestId" DESC
LIMIT ${OPEN311_MAX_REQUESTS}`;
  return rows.map((r) => presentOpen311Request(decodeRow(r), ctx.reference));
}

/** SQLite gives dates as text; PostgreSQL as Date. */
function decodeRow(r: Record<string, unknown>): Open311RequestRow {
  const date = (v: unknown) =>
    v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
  return {
    ...(r as unknown as Open311RequestRow),
    lat: Number(r.lat),
    lon: Number(r.lon),
    createdAt: date(r.createdAt)!,
    updatedAt: date(r.updatedAt)!,
    handleDeadline: date(r.handleDeadline),
  };
}
