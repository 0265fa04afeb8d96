import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { releaseJobLease } from '../leases/release-job-lease';
import { runPeriodically } from '../run-periodically';
import { deliverHotlineNotifications, HOTLINE_DELIVERY_LEASE } from './deliver-hotline-notifications';

/**
 * Delivers the 12345 platform's notifications now and every HOTLINE_DELIVERY_MS (nothing when
 * the platform is not configured). Every node runs it; the lease lets one deliver at a time.
 * Returns `stop`, which lets a run in flight finish and gives the lease up, so another node
 * carries on without waiting for it to expire.
 */
export function startHotlineDeliveries(ctx: AppContext): () => Promise<void> {
  const { secret, webhookUrl, intervalMs } = ctx.config.hotlinePlatform;
  if (!secret || !webhookUrl) return async () => {};
  const holder = randomUUID();
  let running: Promise<unknown> = Promise.resolve();
  const stop = runPeriodically(ctx, 'hotline deliveries', intervalMs, async () => {
    running = deliverHotlineNotifications(ctx, holder);
    await running;
  });
  return async () => {
    stop();
    // A run in flight finishes (its calls time out at the latest) before the lease is given up.
    await running.catch(() => undefined);
    await releaseJobLease(ctx, HOTLINE_DELIVERY_LEASE, holder);
  };
}
