import { retryDelayMs } from '@wangge/shared/channels/delivery-backoff';
import type { AppContext } from '../../context';
import type { OutboundDelivery } from '../../generated/prisma/client';
import { takeJobLease } from '../leases/take-job-lease';
import { signHotlineBody } from './hotline-signature';

/** The cluster-wide lease one node delivers under (JobLease.name). */
export const HOTLINE_DELIVERY_LEASE = 'hotline-deliveries';
/** Orders served per round: one call each, all at once (a round lasts at most one timeout). */
const ROUND = 50;
/** Rounds per run before yielding to the next tick. */
const MAX_ROUNDS = 20;

/**
 * The due heads: per order, its lowest seq not yet delivered, if it is PENDING and due. A later
 * row waits while an earlier one is pending (backing off) or FAILED: the platform sees an
 * order's changes in the order they happened, never a gap.
 */
const HEADS_SQL = `SELECT d."id" FROM "OutboundDelivery" d
  WHERE d."channel" = 'HOTLINE_ORDER' AND d."status" = 'PENDING' AND d."nextAttemptAt" <= ?
    AND NOT EXISTS (SELECT 1 FROM "OutboundDelivery" p WHERE p."channel" = d."channel"
      AND p."externalId" = d."externalId" AND p."seq" < d."seq" AND p."status" <> 'DELIVERED')
  ORDER BY d."nextAttemptAt", d."createdAt" LIMIT ${ROUND}`;

type Outcome = { ok: true } | { ok: false; error: string };

/**
 * One delivery run of this node (`holder`): under the cluster-wide lease, sends every due head
 * to HOTLINE_PLATFORM_WEBHOOK_URL, signed, one call per order at a time, round after round while
 * calls succeed. A success marks the row DELIVERED; a failure (non-2xx, timeout, network)
 * counts an attempt and schedules the next with exponential backoff and jitter, or marks it
 * FAILED after HOTLINE_DELIVERY_MAX_ATTEMPTS. A node dying mid-call leaves the row PENDING: it
 * is sent again (at least once; the receiver dedupes by deliveryId). Returns the counts.
 */
export async function deliverHotlineNotifications(ctx: AppContext, holder: string) {
  const { secret, webhookUrl, timeoutMs } = ctx.config.hotlinePlatform;
  const done = { delivered: 0, failed: 0 };
  if (!secret || !webhookUrl) return done;
  // Longer than a round can take, so the lease never lapses under a working holder.
  const leaseMs = 3 * timeoutMs + 30_000;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!(await takeJobLease(ctx, HOTLINE_DELIVERY_LEASE, holder, leaseMs))) break;
    const ids = await ctx.db.reader.query<{ id: string }>(HEADS_SQL, [ctx.clock.now()]);
    if (ids.length === 0) break;
    const heads = await ctx.db.read.outboundDelivery.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
    });
    const outcomes = await Promise.all(
      heads.map(async (d) => record(ctx, d, await send(ctx, d, { secret, url: webhookUrl, timeoutMs }))),
    );
    const delivered = outcomes.filter(Boolean).length;
    done.delivered += delivered;
    done.failed += outcomes.length - delivered;
    if (delivered === 0) break;
  }
  return done;
}

/** One signed POST of a row's payload; never throws. */
async function send(
  ctx: AppContext,
  d: OutboundDelivery,
  { secret, url, timeoutMs }: { secret: string; url: string; timeoutMs: number },
): Promise<Outcome> {
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-delivery-id': d.id,
        'x-timestamp': String(timestamp),
        'x-signature': signHotlineBody(secret, timestamp, d.payload),
      },
      body: d.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { ok: false, error: `timed out after ${timeoutMs} ms` };
    return { ok: false, error: `network: ${e.cause?.code ?? e.cause?.message ?? e.message}` };
  }
}

/**
 * Writes an attempt's outcome, only if the row is still as it was read (another node that
 * took over a lapsed lease, or an admin's retry, wins). Returns whether it was delivered.
 */
async function record(ctx: AppContext, d: OutboundDelivery, outcome: Outcome): Promise<boolean> {
  const now = ctx.clock.now();
  const attempts = d.attempts + 1;
  const { maxAttempts } = ctx.config.hotlinePlatform;
  const where = { id: d.id, status: 'PENDING', attempts: d.attempts };
  if (outcome.ok) {
    await ctx.db.transaction((tx) =>
      tx.outboundDelivery.updateMany({
        where,
        data: { status: 'DELIVERED', attempts, deliveredAt: now, lastError: null },
      }),
    );
    return true;
  }
  const failed = attempts >= maxAttempts;
  await ctx.db.transaction((tx) =>
    tx.outboundDelivery.updateMany({
      where,
      data: {
        status: failed ? 'FAILED' : 'PENDING',
        attempts,
        lastError: outcome.error.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, Math.random())),
      },
    }),
  );
  ctx.log(
    `hotline delivery ${d.id} (order ${d.externalId} #${d.seq}) attempt ${attempts} failed: ${outcome.error}${failed ? '; marked FAILED' : ''}`,
  );
  return false;
}
