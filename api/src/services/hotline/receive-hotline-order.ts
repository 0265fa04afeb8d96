import { createHash } from 'node:crypto';
import type { THotlineOrder } from '@wangge/shared/schemas/hotline';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { reportCase } from '../cases/report-case';
import { channelUser } from '../channels/channel-user';
import { locateAddress } from '../places/locate-address';

const conflict = (orderId: string) =>
  new AppError(
    'ORDER_CONFLICT',
    `Order ${orderId} was received before with different content; the first one stands. Send a change as a new order.`,
  );

/** Prisma's unique-constraint error (two identical first sends racing). */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Files a 12345 platform work order as a case through the one write path (reportCase, from the
 * channel's own account, source HOTLINE, the order id as Idempotency-Key and HOTLINE_ORDER ref)
 * and keeps what the order says beyond the case (request type, caller — the phone encrypted —,
 * the platform's category and deadline). The same order again answers the same case
 * (`created: false`), also when the first send died between the case and this record; the same
 * order id with other content is ORDER_CONFLICT (409). The case answered is the one the order's
 * ref names now (after a merge, the master).
 */
export async function receiveHotlineOrder(ctx: AppContext, order: THotlineOrder) {
  const requestHash = createHash('sha256').update(JSON.stringify(order)).digest('hex');
  const seen = await ctx.db.read.hotlineOrder.findUnique({ where: { orderId: order.orderId } });
  const user = await channelUser(ctx, 'hotline-platform', '12345 政务服务便民热线平台');
  if (seen) {
    if (seen.requestHash !== requestHash) throw conflict(order.orderId);
    return { created: false, ...(await currentCase(ctx, user, order.orderId)) };
  }
  // Without a location, the address must name one known place (LOCATION_UNRESOLVED otherwise).
  const location = order.location ?? (await placeOfAddress(ctx, user, order.address ?? ''));
  const input = {
    categoryCode: order.categoryCode,
    description: order.description,
    location,
    ...(order.title ? { title: order.title } : {}),
    ...(order.address ? { address: order.address } : {}),
    ...(order.urgent ? { priority: 'URGENT' as const } : {}),
  };
  const refs = [{ channel: 'HOTLINE_ORDER' as const, externalId: order.orderId }];
  const filed = await reportCase(ctx, user, input, order.orderId, { source: 'HOTLINE', refs }).catch(
    (error: unknown) => {
      // The order id (its Idempotency-Key) filed another case body before.
      if (error instanceof AppError && error.code === 'IDEMPOTENCY_KEY_REUSED') throw conflict(order.orderId);
      throw error;
    },
  );
  const caseId = filed.created ? filed.case.id : filed.caseId;
  try {
    await ctx.db.transaction((tx) =>
      tx.hotlineOrder.create({
        data: {
          orderId: order.orderId,
          caseId,
          requestType: order.requestType,
          callerName: order.callerName ?? null,
          callerPhone: order.callerPhone ? ctx.registerCipher.encrypt('phone', order.callerPhone) : null,
          platformCategory: order.platformCategory ?? null,
          receivedAt: order.receivedAt,
          platformDeadline: order.deadline ?? null,
          requestHash,
          createdAt: ctx.clock.now(),
        },
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await ctx.db.read.hotlineOrder.findUnique({ where: { orderId: order.orderId } });
    if (first?.requestHash !== requestHash) throw conflict(order.orderId);
  }
  return { created: filed.created, ...(await currentCase(ctx, user, order.orderId)) };
}

/** The case the order's ref names now, with its code, read as the channel's account may see it. */
async function currentCase(ctx: AppContext, user: AuthUser, orderId: string) {
  const ref = await ctx.db.read.caseRef.findUniqueOrThrow({
    where: { channel_externalId: { channel: 'HOTLINE_ORDER', externalId: orderId } },
    select: { caseId: true },
  });
  const row = await ctx.db.read.case.findFirstOrThrow({
    where: { AND: [{ id: ref.caseId }, caseScopeWhere(user)] },
    select: { code: true },
  });
  return { caseId: ref.caseId, code: row.code };
}

/** The point of the one place an address names (locateAddress), as a report's location. */
async function placeOfAddress(ctx: AppContext, user: AuthUser, address: string) {
  const [lon, lat] = (await locateAddress(ctx, user, address)).point;
  return { lon, lat };
}
