import type { CitizenSubmissionStatus } from '@wangge/shared/citizens/public-status';
import type { AppContext } from '../../context';
import { citizenSubmissionScopeWhere, mayDecideCitizenSubmission } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, encodeCursor } from '../register/keyset-cursor';

/**
 * The desk's list of citizens' submissions (群众上报待登记 by default), newest first, within the
 * citizens' policy: what the citizen sent, the cell, the contact with the phone masked, the photo
 * ids (read through GET /api/citizen-submissions/:id/photos/:photoId), and whether the caller
 * may register or reject it.
 */
export async function listCitizenSubmissions(
  ctx: AppContext,
  user: AuthUser,
  q: { status: CitizenSubmissionStatus; cursor?: string | undefined; limit: number },
) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await ctx.db.read.citizenSubmission.findMany({
    where: {
      AND: [
        citizenSubmissionScopeWhere(user),
        { status: q.status },
        after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const photos = await ctx.db.read.citizenSubmissionPhoto.findMany({
    where: { submissionId: { in: page.map((r) => r.id) } },
    orderBy: { position: 'asc' },
  });
  const caseIds = page.flatMap((r) => (r.caseId ? [r.caseId] : []));
  const cases = await ctx.db.read.case.findMany({
    where: { id: { in: caseIds } },
    select: { id: true, code: true },
  });
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      trackingCode: r.trackingCode,
      status: r.status,
      categoryCode: r.categoryCode,
      categoryName: ctx.reference.category(r.categoryCode)?.name ?? r.categoryCode,
      description: r.description,
      address: r.address,
      location: { lon: r.lon, lat: r.lat },
      gridCode: r.gridCode,
      gridName: ctx.reference.gridName(r.gridCode) ?? r.gridCode,
      contactName: r.contactName,
      contactPhoneMasked: r.contactPhoneMasked,
      photoIds: photos.filter((p) => p.submissionId === r.id).map((p) => p.attachmentId),
      caseId: r.caseId,
      caseCode: cases.find((c) => c.id === r.caseId)?.code ?? null,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      canDecide: r.status === 'PENDING' && mayDecideCitizenSubmission(user, r),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
