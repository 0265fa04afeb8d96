import type { TDeliveryQuery } from '@wangge/shared/schemas/hotline';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';

/**
 * What the admin page shows of one delivery (the payload's case code and state; no caller data).
 * `waiting`: a PENDING one held behind an earlier undelivered one of its order.
 */
export function presentDelivery(
  d: {
    id: string;
    externalId: string;
    caseId: string;
    eventSeq: number;
    seq: number;
    payload: string;
    status: string;
    attempts: number;
    nextAttemptAt: Date;
    lastError: string | null;
    deliveredAt: Date | null;
    createdAt: Date;
  },
  waiting = false,
) {
  const body = JSON.parse(d.payload) as { caseCode?: string; state?: string };
  return {
    id: d.id,
    orderId: d.externalId,
    caseId: d.caseId,
    caseCode: body.caseCode ?? null,
    state: body.state ?? null,
    seq: d.seq,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
    waiting,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * The 12345 platform's deliveries, newest first, filtered by status, order id or case code, a
 * keyset page at a time (`nextCursor`), with the count per status over the same filters
 * (except status) for the page's summary.
 */
export async function listHotlineDeliveries(ctx: AppContext, q: TDeliveryQuery) {
  const where: Prisma.OutboundDeliveryWhereInput = { channel: 'HOTLINE_ORDER' };
  if (q.orderId) where.externalId = q.orderId;
  if (q.caseCode) {
    const c = await ctx.db.read.case.findUnique({ where: { code: q.caseCode }, select: { id: true } });
    where.caseId = c?.id ?? '';
  }
  const counted = { ...where };
  if (q.status) where.status = q.status;
  if (q.cursor) {
    const [seq, id] = q.cursor.split('_') as [string, string];
    const eventSeq = Number(seq);
    where.OR = [{ eventSeq: { lt: eventSeq } }, { eventSeq, id: { lt: id } }];
  }
  const [rows, groups] = await Promise.all([
    ctx.db.read.outboundDelivery.findMany({
      where,
      // The case log's seq orders changes across cases (times tie within a second).
      orderBy: [{ eventSeq: 'desc' }, { id: 'desc' }],
      take: q.limit + 1,
    }),
    ctx.db.read.outboundDelivery.groupBy({ by: ['status'], where: counted, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  // Per order on the page, its lowest undelivered seq: a PENDING row above it waits for it.
  const pendingOrders = [...new Set(page.filter((d) => d.status === 'PENDING').map((d) => d.externalId))];
  const heads = new Map(
    pendingOrders.length === 0
      ? []
      : (
          await ctx.db.read.outboundDelivery.groupBy({
            by: ['externalId'],
            where: {
              channel: 'HOTLINE_ORDER',
              externalId: { in: pendingOrders },
              status: { not: 'DELIVERED' },
            },
            _min: { seq: true },
          })
        ).map((g) => [g.externalId, g._min.seq ?? 0]),
  );
  const counts = { PENDING: 0, DELIVERED: 0, FAILED: 0 } as Record<string, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return {
    items: page.map((d) =>
      presentDelivery(d, d.status === 'PENDING' && d.seq > (heads.get(d.externalId) ?? d.seq)),
    ),
    counts,
    nextCursor: rows.length > q.limit && last ? `${last.eventSeq}_${last.id}` : null,
  };
}
