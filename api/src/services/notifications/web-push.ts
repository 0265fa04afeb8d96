import type { Agent } from 'node:https';
import { NOTIFYING_ACTIONS, notificationFor } from '@wangge/shared/notifications';
import webpush from 'web-push';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { CommittedCaseEvent } from '../../realtime/case-event-bus';

/** What the push message says, by kind (Chinese: the phones are Chinese civil servants'). */
const TITLES: Record<string, string> = {
  REPORT_MOVED: '您上报的案件有新进展',
  TASK_OFFERED: '新任务待签收',
  DEADLINE_YELLOW: '案件即将超时',
  DEADLINE_RED: '案件已超时',
  SUPERVISED: '收到督办',
  CALLBACK_DUE: '案件已结案，待回访',
};

/**
 * Web Push to the installed PWA, with the `web-push` library (VAPID, aes128gcm): for every case
 * event committed on this node, each subscribed person it concerns (the shared rule) gets one
 * message. Only the node that wrote the event sends, so a cluster sends once. Best effort by
 * design: a push service that is unreachable or slow is logged and skipped; one that answers
 * 404/410 (the browser dropped the subscription) has the subscription removed. The bell is the
 * durable record; push only wakes the phone.
 */
export function createPushSender(
  db: Database,
  config: Config,
  log: (line: string) => void,
  /** The HTTPS agent for push services (tests trust their local service's certificate with it). */
  agent?: Agent,
) {
  const vapid = config.webPush;
  if (!vapid)
    return { enabled: false as const, publicKey: null, send: async (_e: CommittedCaseEvent[]) => {} };
  const options = {
    vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: 24 * 3600,
    timeout: 5_000,
    ...(agent ? { agent } : {}),
  };
  async function sendOne(c: CommittedCaseEvent) {
    const e = c.event;
    if (!NOTIFYING_ACTIONS.includes(e.action)) return;
    const departmentIds = (e.audienceDepartments ?? '').split(',').filter(Boolean);
    const kase = await db.read.case.findUnique({
      where: { id: e.caseId },
      select: { source: true, title: true },
    });
    if (!kase) return;
    const event = { ...e, departmentIds, source: kase.source };
    // Who it can concern (the bell's candidates), then the exact rule.
    const candidates = await db.read.user.findMany({
      where: {
        isActive: true,
        OR: [
          { id: e.reporterId },
          { departmentId: { in: departmentIds } },
          { unitCode: e.toUnitCode },
          ...(e.action === 'CLOSE' ? [{ role: 'HOTLINE' as const }] : []),
        ],
      },
      select: { id: true, role: true, unitCode: true, departmentId: true },
    });
    const kinds = new Map(
      candidates.flatMap((u) => {
        const kind = notificationFor(event, u);
        return kind ? [[u.id, kind] as const] : [];
      }),
    );
    if (kinds.size === 0) return;
    const subscriptions = await db.read.pushSubscription.findMany({
      where: { userId: { in: [...kinds.keys()] } },
    });
    await Promise.all(
      subscriptions.map(async (s) => {
        const kind = kinds.get(s.userId);
        if (!kind) return;
        const payload = JSON.stringify({
          title: TITLES[kind],
          body: `${c.caseCode} ${kase.title}`,
          url: `/#/case/${e.caseId}`,
          seq: e.seq,
        });
        try {
          await webpush.sendNotification(
            { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
            payload,
            options,
          );
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410)
            await db.transaction((tx) => tx.pushSubscription.deleteMany({ where: { id: s.id } }));
          else log(`web push to ${new URL(s.endpoint).host} failed: ${status ?? (error as Error).message}`);
        }
      }),
    );
  }
  return {
    enabled: true as const,
    publicKey: vapid.publicKey,
    /** Never throws: pushing is after the commit and must not disturb anything. */
    async send(events: CommittedCaseEvent[]) {
      for (const c of events) await sendOne(c).catch((error) => log(`web push: ${(error as Error).message}`));
    },
  };
}
export type PushSender = ReturnType<typeof createPushSender>;
