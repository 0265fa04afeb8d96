import { assertAttachmentsUsable } from '../../services/attachments/check-attachments';
import type { Tx } from '../database';
import { lockEventLog } from '../locks';
import { caseCode, type InsertReportResult, type NewReport } from '../new-report';

/**
 * Writes a report through Prisma inside the caller's transaction (PostgreSQL). An
 * Idempotency-Key seen before returns the first case; two retries racing each other meet at
 * the key's primary key and the loser's transaction fails with P2002 (see open-postgres.ts).
 */
export async function insertReportTx(tx: Tx, r: NewReport): Promise<InsertReportResult> {
  const { userId, key, requestHash } = r.idempotency;
  const seen = await tx.idempotencyKey.findUnique({
    where: { userId_key: { userId, key } },
    select: { caseId: true, requestHash: true },
  });
  if (seen) return { created: false, ...seen };
  const unique = [...new Set(r.attachmentIds)];
  const found = unique.length > 0 ? await tx.attachment.findMany({ where: { id: { in: unique } } }) : [];
  const byId = new Map(found.map((a) => [a.id, a]));
  assertAttachmentsUsable(
    r.attachmentIds.map((id) => byId.get(id)),
    userId,
  );
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "CaseCodeCounter" ("day", "last") VALUES (${r.codeDay}, 1)
    ON CONFLICT ("day") DO UPDATE SET "last" = "CaseCodeCounter"."last" + 1 RETURNING "last"`;
  const row = await tx.case.create({ data: { ...r.case, code: caseCode(r, Number(counter!.last)) } });
  await lockEventLog(tx);
  const event = await tx.caseEvent.create({ data: r.event });
  if (unique.length > 0)
    await tx.attachment.updateMany({
      where: { id: { in: unique } },
      data: { caseId: row.id, eventSeq: event.seq },
    });
  await tx.idempotencyKey.create({
    data: { userId, key, requestHash, caseId: row.id, createdAt: r.case.createdAt },
  });
  return {
    created: true,
    case: row,
    event,
    attachments: unique.map((id) => ({ ...byId.get(id)!, caseId: row.id, eventSeq: event.seq })),
  };
}
