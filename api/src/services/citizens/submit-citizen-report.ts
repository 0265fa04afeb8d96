import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { formatTrackingCode, trackingCodeFrom } from '@wangge/shared/citizens/tracking-code';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { ErrorDetail } from '@wangge/shared/errors';
import type { TCitizenReport } from '@wangge/shared/schemas/citizens';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { protectPhone } from '../register/protect-phone';
import { citizenChannelUser } from './citizen-channel';

/** Prisma's unique-constraint error (two identical first sends racing). */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Records a citizen's report as a submission for the village of its cell to register or reject
 * (it is not a case yet) and answers its tracking code. Idempotent per Idempotency-Key: a double
 * tap or a retry answers the first submission (`created: false`), also when the two race; the
 * key with another report is IDEMPOTENCY_KEY_REUSED. Photos must be the page's own uploads, not
 * yet named by another submission or a case. The contact's phone is encrypted (and masked).
 * The code is answered as shown (ABCD-EFGH-JKMN) and stored without its dashes.
 */
export async function submitCitizenReport(
  ctx: AppContext,
  report: TCitizenReport,
  gridCode: string,
  idempotencyKey: string,
): Promise<{ created: boolean; trackingCode: string }> {
  const requestHash = createHash('sha256').update(JSON.stringify(report)).digest('hex');
  const seen = await answerSeen(ctx, idempotencyKey, requestHash);
  if (seen) return seen;
  const photoIds = report.photoIds ?? [];
  await checkPhotos(ctx, photoIds);
  const phone = report.contact?.phone ? protectPhone(ctx.registerCipher, report.contact.phone) : null;
  const id = randomUUID();
  const trackingCode = trackingCodeFrom(randomBytes(11));
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.citizenSubmission.create({
        data: {
          id,
          trackingCode,
          idempotencyKey,
          requestHash,
          status: 'PENDING',
          categoryCode: report.categoryCode,
          description: report.description,
          lon: report.location.lon,
          lat: report.location.lat,
          address: report.address ?? null,
          gridCode,
          villageCode: ancestorCode(gridCode, 'VILLAGE'),
          townshipCode: ancestorCode(gridCode, 'TOWNSHIP'),
          countyCode: ancestorCode(gridCode, 'COUNTY'),
          contactName: report.contact?.name ?? null,
          contactPhone: phone?.cipher ?? null,
          contactPhoneMasked: phone?.masked ?? null,
          createdAt: ctx.clock.now(),
        },
      });
      // The photo's primary key ties each upload to this one submission.
      await tx.citizenSubmissionPhoto.createMany({
        data: photoIds.map((attachmentId, position) => ({ attachmentId, submissionId: id, position })),
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same key won a race meanwhile (answer with it), or a photo went to another submission.
    const raced = await answerSeen(ctx, idempotencyKey, requestHash);
    if (raced) return raced;
    await checkPhotos(ctx, photoIds);
    throw error;
  }
  return { created: true, trackingCode: formatTrackingCode(trackingCode) };
}

/** The submission a used key answers with; 422 when the key came with another report. */
async function answerSeen(ctx: AppContext, idempotencyKey: string, requestHash: string) {
  const seen = await ctx.db.write.citizenSubmission.findUnique({
    where: { idempotencyKey },
    select: { trackingCode: true, requestHash: true },
  });
  if (!seen) return null;
  if (seen.requestHash !== requestHash)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different report; use a new key for a new report.',
    );
  return { created: false, trackingCode: formatTrackingCode(seen.trackingCode) };
}

/** Every photo id that is not a free upload of the public page, listed. */
async function checkPhotos(ctx: AppContext, photoIds: readonly string[]) {
  if (photoIds.length === 0) return;
  const user = await citizenChannelUser(ctx);
  const [uploads, held] = await Promise.all([
    ctx.db.write.attachment.findMany({
      where: { id: { in: [...photoIds] } },
      select: { id: true, uploaderId: true, caseId: true, mime: true },
    }),
    ctx.db.write.citizenSubmissionPhoto.findMany({
      where: { attachmentId: { in: [...photoIds] } },
      select: { attachmentId: true },
    }),
  ]);
  const taken = new Set(held.map((h) => h.attachmentId));
  const details: ErrorDetail[] = [];
  photoIds.forEach((photoId, i) => {
    const a = uploads.find((u) => u.id === photoId);
    if (!a || a.uploaderId !== user.id || !a.mime.startsWith('image/'))
      details.push({ path: `photoIds.${i}`, message: 'no such photo uploaded on this page' });
    else if (a.caseId || taken.has(photoId) || photoIds.indexOf(photoId) !== i)
      details.push({ path: `photoIds.${i}`, message: 'is already sent with a report' });
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Some photos cannot be used.', details);
}
