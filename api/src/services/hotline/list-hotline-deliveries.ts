import type { TDeliveryQuery } from '@wangge/shared/schemas/hotline';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';

/** What the admin page shows of one delivery (the payload's case code and state; no caller data). */
export function presentDelivery(d: {
  id: string;
  externalId: string;
  caseId: string;
  seq: number;
  payload: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}) {
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
    const [ms, id] = q.cursor.split('_') as [string, string];
    const at = new Date(Number(ms));
    where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }];
  }
  const [rows, groups] = await Promise.all([
    ctx.db.read.outboundDelivery.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: q.limit + 1,
    }),
    ctx.db.read.outboundDelivery.groupBy({ by: ['status'], where: counted, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const counts = { PENDING: 0, DELIVERED: 0, FAILED: 0 } as Record<string, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return {
    items: page.map(presentDelivery),
    counts,
    nextCursor: rows.length > q.limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
  };
}
