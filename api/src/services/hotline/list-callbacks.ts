import { CITIZEN_SOURCES } from '@wangge/shared/domain/constants';
import type { TCallbackQuery } from '@wangge/shared/schemas/hotline';
import type { AppContext } from '../../context';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { findCaseCallers } from './find-case-caller';
import { type PresentedCaller, presentCaller } from './present-caller';

const CALLBACKS = ['CALLBACK_SATISFIED', 'CALLBACK_DISSATISFIED'];
const CASE_FIELDS = {
  id: true,
  code: true,
  title: true,
  state: true,
  categoryCode: true,
  ownerUnitCode: true,
  closedAt: true,
  stageDeadline: true,
} as const;

/** One row of the 回访 queue. */
export interface CallbackRow {
  id: string;
  code: string;
  title: string;
  state: string;
  categoryCode: string;
  ownerUnitCode: string;
  /** When the case was closed (due), or null once reopened. */
  closedAt: string | null;
  /** The callback's deadline (1 working day from the closure), while due. */
  callbackDeadline: string | null;
  caller: PresentedCaller | null;
  /** done: the callback recorded; due: null. */
  result: { rating: string | null; resolved: boolean | null; at: string; note: string | null } | null;
}

/**
 * GET /api/hotline/callbacks (docs/channels.md "The 12345 desk"), among the cases the user may
 * see (the case policy). `due`: closed citizen-source cases awaiting their callback, oldest
 * closure first (keyset on closedAt, id). `done`: the callbacks recorded, newest first (keyset on
 * the event's seq), each with its rating, the caller's word on the problem and the note.
 */
export async function listCallbacks(ctx: AppContext, user: AuthUser, q: TCallbackQuery) {
  const [key, id] = q.cursor ? q.cursor.split('_') : [];
  const scope = caseScopeWhere(user);
  if (q.state === 'due') {
    const after = key && id ? new Date(Number(key)) : null;
    const rows = await ctx.db.read.case.findMany({
      where: {
        AND: [
          scope,
          { state: 'CLOSED', source: { in: [...CITIZEN_SOURCES] } },
          after ? { OR: [{ closedAt: { gt: after } }, { closedAt: after, id: { gt: id! } }] } : {},
        ],
      },
      orderBy: [{ closedAt: 'asc' }, { id: 'asc' }],
      take: q.limit + 1,
      select: CASE_FIELDS,
    });
    const page = rows.slice(0, q.limit);
    const callers = await findCaseCallers(
      ctx,
      page.map((r) => r.id),
    );
    const last = page.at(-1);
    return {
      data: page.map((r) => toRow(ctx, user, r, callers, null)),
      nextCursor: rows.length > q.limit && last ? `${last.closedAt!.getTime()}_${last.id}` : null,
    };
  }
  const events = await ctx.db.read.caseEvent.findMany({
    where: { action: { in: CALLBACKS }, case: scope, ...(key ? { seq: { lt: Number(key) } } : {}) },
    orderBy: { seq: 'desc' },
    take: q.limit + 1,
    include: { case: { select: CASE_FIELDS } },
  });
  const page = events.slice(0, q.limit);
  const callers = await findCaseCallers(
    ctx,
    page.map((e) => e.caseId),
  );
  const last = page.at(-1);
  return {
    data: page.map((e) =>
      toRow(ctx, user, e.case, callers, {
        rating: e.callbackRating ?? (e.action === 'CALLBACK_SATISFIED' ? 'SATISFIED' : 'DISSATISFIED'),
        resolved: e.callbackResolved,
        at: e.createdAt.toISOString(),
        note: e.reason ?? noteOf(e.payload),
      }),
    ),
    nextCursor: events.length > q.limit && last ? `${last.seq}_${last.caseId}` : null,
  };
}

type CaseFields = {
  id: string;
  code: string;
  title: string;
  state: string;
  categoryCode: string;
  ownerUnitCode: string;
  closedAt: Date | null;
  stageDeadline: Date | null;
};

function toRow(
  ctx: AppContext,
  user: AuthUser,
  c: CaseFields,
  callers: Awaited<ReturnType<typeof findCaseCallers>>,
  result: CallbackRow['result'],
): CallbackRow {
  const stored = callers.get(c.id);
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    state: c.state,
    categoryCode: c.categoryCode,
    ownerUnitCode: c.ownerUnitCode,
    closedAt: c.closedAt?.toISOString() ?? null,
    callbackDeadline: c.state === 'CLOSED' ? (c.stageDeadline?.toISOString() ?? null) : null,
    caller: stored ? presentCaller(ctx, user, c, stored) : null,
    result,
  };
}

/** A satisfied callback's optional note, kept in its payload. */
function noteOf(payload: string | null): string | null {
  if (!payload) return null;
  const note = (JSON.parse(payload) as { note?: unknown }).note;
  return typeof note === 'string' ? note : null;
}
