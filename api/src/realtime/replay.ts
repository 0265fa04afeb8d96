import { levelOfCode, significantPrefix } from '@wangge/shared/domain/unit-codes';
import { type CaseEventMessage, roomsForCaseEvent } from '@wangge/shared/realtime/index';
import type { AppContext } from '../context';
import type { Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { audienceOf, toCaseEventMessage } from './case-event-message';

/** Most events replayed to one socket by default; beyond it the client is told to reload. */
export const DEFAULT_MAX_REPLAY = 2000;

/** How far below a resuming client's last seq events are repeated (several nodes only). */
const OVERLAP_SEQS = 500;
const OVERLAP_MS = 30_000;

/** Log rows a user's rooms would have received: by unit chain, department, or as reporter. */
function replayWhere(user: AuthUser): Prisma.CaseEventWhereInput {
  // Their own reports, and the cases they follow (attached or merged reports).
  const mine: Prisma.CaseEventWhereInput = {
    OR: [{ reporterId: user.id }, { audienceUsers: { contains: `,${user.id},` } }],
  };
  switch (user.role) {
    case 'GRID_WORKER':
      return { OR: [{ gridCode: { in: [...user.gridCodes] } }, mine] };
    case 'DEPT_STAFF':
      return user.departmentId
        ? { OR: [{ audienceDepartments: { contains: `,${user.departmentId},` } }, mine] }
        : mine;
    case 'ADMIN':
    case 'HOTLINE':
      return {};
    case 'AUDITOR':
      // Auditors join no case room (roomsForUser) and never report: nothing to replay.
      return mine;
    default: {
      if (!user.unitCode) return mine;
      if (levelOfCode(user.unitCode) === 'CITY') return {};
      return { OR: [{ gridCode: { startsWith: significantPrefix(user.unitCode) } }, mine] };
    }
  }
}

/** Most seqs below a mark that may have committed after it (in flight together with it). */
const MAX_LATE = 5000;

/**
 * PostgreSQL: the seqs below `afterSeq` that may have committed after it. Appends take no
 * common lock, so a transaction that drew a lower seq can commit later; it is one the mark's
 * insert did not see committed (migrations/postgresql/0012_event_commit_order.sql). The mark
 * is the newest event at or below `afterSeq` (a client's mark is a seq it saw, or the head it
 * was given). SQLite commits in seq order: none.
 */
async function committedLate(ctx: AppContext, afterSeq: number): Promise<number[]> {
  if (ctx.db.provider !== 'postgresql') return [];
  const rows = await ctx.db.reader.query<{ seq: number }>(
    `WITH m AS (SELECT "seq", "txid", "txSnap" FROM "CaseEvent" WHERE "seq" <= ? ORDER BY "seq" DESC LIMIT 1)
     SELECT e."seq" FROM "CaseEvent" e, m
      WHERE e."txid" >= pg_snapshot_xmin(m."txSnap") AND e."seq" < m."seq" AND e."txid" <> m."txid"
        AND NOT pg_visible_in_snapshot(e."txid", m."txSnap")
      ORDER BY e."seq" LIMIT ${MAX_LATE}`,
    [afterSeq],
  );
  return rows.map((r) => Number(r.seq));
}

/**
 * The events after `afterSeq` that a socket in `socketRooms` would have received live, in
 * order, from the database log (so it works after a restart and on any node). Each row is
 * checked against the same room rule the live broadcaster uses. `overflow` when more than
 * `maxReplay` are missing.
 */
export async function loadMissedEvents(
  ctx: AppContext,
  user: AuthUser,
  socketRooms: ReadonlySet<string>,
  afterSeq: number,
  maxReplay = DEFAULT_MAX_REPLAY,
  overlap = false,
): Promise<{ events: CaseEventMessage[]; overflow: boolean; lastSeq: number }> {
  // With several nodes, events committed on different nodes can reach a socket out of seq
  // order (each node publishes after its own commit): a client that saw seq 11 may not have
  // seen 10 yet when its node died. A resume then also repeats the recent events just below
  // its high-water mark; clients deduplicate by seq.
  const recent: Prisma.CaseEventWhereInput[] = overlap
    ? [
        {
          seq: { gt: afterSeq - OVERLAP_SEQS },
          createdAt: { gte: new Date(ctx.clock.now().getTime() - OVERLAP_MS) },
        },
      ]
    : [];
  const late = await committedLate(ctx, afterSeq);
  const after: Prisma.CaseEventWhereInput = {
    OR: [{ seq: { gt: afterSeq } }, ...(late.length > 0 ? [{ seq: { in: late } }] : []), ...recent],
  };
  const rows = await ctx.db.read.caseEvent.findMany({
    where: { AND: [after, replayWhere(user)] },
    orderBy: { seq: 'asc' },
    take: maxReplay + 1,
    include: { case: { select: { code: true } } },
  });
  const head = await ctx.db.read.caseEvent.aggregate({ _max: { seq: true } });
  const lastSeq = Math.max(afterSeq, head._max.seq ?? 0);
  if (rows.length > maxReplay) return { events: [], overflow: true, lastSeq };
  const actorIds = [...new Set(rows.map((r) => r.actorId))];
  const actors = await ctx.db.read.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, displayName: true },
  });
  const names = new Map(actors.map((a) => [a.id, a.displayName]));
  const events = rows
    .filter((r) => roomsForCaseEvent(audienceOf(r)).some((room) => socketRooms.has(room)))
    .map((r) => toCaseEventMessage(r, r.case.code, names.get(r.actorId) ?? '', true));
  return { events, overflow: false, lastSeq };
}
