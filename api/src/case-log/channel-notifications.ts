import { randomUUID } from 'node:crypto';
import { PUBLIC_STATE_NOTES } from '@wangge/shared/channels/public-notes';
import type { CaseRefChannel, CaseState } from '@wangge/shared/domain/constants';
import type { Tx } from '../db/database';
import type { CaseEvent } from '../generated/prisma/client';

/** Channels told of every state change of a case they hold a ref of, and the body each is sent. */
const NOTIFIED: Partial<Record<CaseRefChannel, (n: Notice) => object>> = {
  // docs/channels.md, "Exchange with an external 12345 platform": the status notification.
  HOTLINE_ORDER: (n) => ({
    deliveryId: n.id,
    orderId: n.externalId,
    caseCode: n.caseCode,
    seq: n.seq,
    state: n.event.toState,
    previousState: n.event.fromState,
    at: n.event.createdAt.toISOString(),
    note: PUBLIC_STATE_NOTES[n.event.toState as CaseState] ?? null,
  }),
};

interface Notice {
  id: string;
  externalId: string;
  caseCode: string;
  seq: number;
  event: Pick<CaseEvent, 'fromState' | 'toState' | 'createdAt'>;
}

/**
 * The channel notifications hook of the case log: for every event that changed a case's state,
 * one outbox row (OutboundDelivery) per channel ref the case holds NOW (a merged case's refs
 * point at its master, so an order follows it), in the caller's transaction — so a change and
 * its notification commit together or not at all. `seq` counts per (channel, externalId); the
 * caller holds the case's row lock, so a case's rows are numbered in event order. Delivery is
 * api/src/services/hotline/ (at least once, in seq order). Events without a state change
 * (cards, notes) and cases without refs cost one indexed read.
 */
export async function queueChannelNotifications(tx: Tx, events: readonly CaseEvent[]): Promise<void> {
  const changes = events.filter((e) => e.fromState !== null && e.fromState !== e.toState);
  if (changes.length === 0) return;
  const channels = Object.keys(NOTIFIED);
  const refs = await tx.caseRef.findMany({
    where: { caseId: { in: [...new Set(changes.map((e) => e.caseId))] }, channel: { in: channels } },
    select: { caseId: true, channel: true, externalId: true },
    orderBy: [{ channel: 'asc' }, { externalId: 'asc' }],
  });
  if (refs.length === 0) return;
  const cases = await tx.case.findMany({
    where: { id: { in: [...new Set(refs.map((r) => r.caseId))] } },
    select: { id: true, code: true },
  });
  const codes = new Map(cases.map((c) => [c.id, c.code]));
  const key = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;
  const last = new Map<string, number>();
  for (const row of await tx.outboundDelivery.groupBy({
    by: ['channel', 'externalId'],
    where: { OR: refs.map((r) => ({ channel: r.channel, externalId: r.externalId })) },
    _max: { seq: true },
  }))
    last.set(key(row.channel, row.externalId), row._max.seq ?? 0);

  const rows = [];
  for (const event of [...changes].sort((a, b) => a.seq - b.seq)) {
    for (const ref of refs.filter((r) => r.caseId === event.caseId)) {
      const k = key(ref.channel, ref.externalId);
      const seq = (last.get(k) ?? 0) + 1;
      last.set(k, seq);
      const id = randomUUID();
      const body = NOTIFIED[ref.channel as CaseRefChannel]!;
      const notice = { id, externalId: ref.externalId, caseCode: codes.get(event.caseId) ?? '', seq, event };
      rows.push({
        id,
        channel: ref.channel,
        externalId: ref.externalId,
        caseId: event.caseId,
        eventSeq: event.seq,
        seq,
        payload: JSON.stringify(body(notice)),
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: event.createdAt,
        createdAt: event.createdAt,
      });
    }
  }
  await tx.outboundDelivery.createMany({ data: rows });
}
