import { NOTIFYING_ACTIONS, type Notification, notificationFor } from '@wangge/shared/notifications';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import { caseVisibleSql } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** How far back the bell looks, and how many it shows. */
const WINDOW_DAYS = 30;
const SHOWN = 50;
/** Candidate events read per request before the exact rule (notificationFor) filters them. */
const CANDIDATES = 300;

/**
 * The caller's notifications: case events of the last 30 days that concern them by the shared
 * rule, newest first, within the access policy (an event of a case they may not see is never
 * one), with the number not yet read. A hot read on `db.reader`: one indexed query.
 */
export async function listNotifications(ctx: AppContext, user: AuthUser) {
  const since = new Date(ctx.clock.now().getTime() - WINDOW_DAYS * 86_400_000);
  // Coarse candidates in SQL (the events that can concern this person); notificationFor decides.
  const mine: Prisma.Sql[] = [Prisma.sql`e."reporterId" = ${user.id}`];
  if (user.unitCode) mine.push(Prisma.sql`e."toUnitCode" = ${user.unitCode}`);
  if (user.departmentId) mine.push(Prisma.sql`e."audienceDepartments" LIKE ${`%,${user.departmentId},%`}`);
  if (user.role === 'HOTLINE') mine.push(Prisma.sql`e."action" = 'CLOSE'`);
  const q = Prisma.sql`SELECT e."seq", e."caseId", e."action", e."actorId", e."toUnitCode", e."toState",
  e."reporterId", e."audienceDepartments", e."createdAt", c."code", c."title", c."source", u."displayName"
FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId" LEFT JOIN "User" u ON u."id" = e."actorId"
WHERE e."createdAt" >= ${since} AND e."actorId" <> ${user.id}
  AND e."action" IN (${Prisma.join(NOTIFYING_ACTIONS)})
  AND (${Prisma.join(mine, ' OR ')}) AND ${caseVisibleSql(user, 'c')}
ORDER BY e."seq" DESC LIMIT ${CANDIDATES}`;
  const [rows, mark] = await Promise.all([
    ctx.db.reader.query(q.sql, q.values),
    ctx.db.read.notificationMark.findUnique({ where: { userId: user.id } }),
  ]);
  const lastReadSeq = mark?.lastReadSeq ?? 0;
  const items: Notification[] = [];
  for (const r of rows) {
    const kind = notificationFor(
      {
        action: String(r.action),
        actorId: String(r.actorId),
        toUnitCode: String(r.toUnitCode),
        reporterId: String(r.reporterId),
        departmentIds: String(r.audienceDepartments ?? '')
          .split(',')
          .filter(Boolean),
        source: String(r.source),
      },
      user,
    );
    if (!kind) continue;
    items.push({
      seq: Number(r.seq),
      kind,
      caseId: String(r.caseId),
      caseCode: String(r.code),
      caseTitle: String(r.title),
      action: String(r.action),
      toState: String(r.toState),
      actorName: r.displayName ? String(r.displayName) : '',
      createdAt: (r.createdAt instanceof Date ? r.createdAt : new Date(String(r.createdAt))).toISOString(),
      read: Number(r.seq) <= lastReadSeq,
    });
  }
  return {
    items: items.slice(0, SHOWN),
    unread: items.filter((n) => !n.read).length,
    lastReadSeq,
  };
}

/**
 * Marks everything up to `upToSeq` read. The mark only moves forward: a late request from
 * another tab cannot make read notifications unread again.
 */
export async function markNotificationsRead(ctx: AppContext, user: AuthUser, upToSeq: number) {
  const mark = await ctx.db.transaction(async (tx) => {
    const current = await tx.notificationMark.findUnique({ where: { userId: user.id } });
    if (current && current.lastReadSeq >= upToSeq) return current;
    return tx.notificationMark.upsert({
      where: { userId: user.id },
      create: { userId: user.id, lastReadSeq: upToSeq },
      update: { lastReadSeq: upToSeq },
    });
  });
  return { lastReadSeq: mark.lastReadSeq };
}
