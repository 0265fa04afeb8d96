import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/app-error';
import { presentDelivery } from './list-hotline-deliveries';

/**
 * An admin's retry of a FAILED delivery: back to PENDING, due now, its attempts counted afresh
 * (the last error stays until the next attempt). The deliveries after it in its order, held
 * back meanwhile, follow once it is delivered. Anything but FAILED is DELIVERY_NOT_FAILED (409).
 */
export async function retryHotlineDelivery(ctx: AppContext, id: string) {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const moved = await tx.outboundDelivery.updateMany({
      where: { id, channel: 'HOTLINE_ORDER', status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: now },
    });
    const d = await tx.outboundDelivery.findFirst({ where: { id, channel: 'HOTLINE_ORDER' } });
    if (!d) throw notFound('No such delivery.');
    if (moved.count === 0)
      throw new AppError(
        'DELIVERY_NOT_FAILED',
        `The delivery is ${d.status}; only a FAILED one can be retried.`,
      );
    return d;
  });
  return presentDelivery(row);
}
