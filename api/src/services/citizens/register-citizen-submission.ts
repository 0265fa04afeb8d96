import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import { mayDecideCitizenSubmission } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { performCaseAction } from '../cases/perform-case-action';
import { reportCase } from '../cases/report-case';
import { citizenChannelUser } from './citizen-channel';
import { findCitizenSubmission } from './find-citizen-submission';

/** A claim older than this whose case never got linked is taken to be from a crashed node. */
const STALE_CLAIM_MS = 60_000;

const decided = () =>
  new AppError('SUBMISSION_DECIDED', 'This submission was registered or rejected already.');

/**
 * The village registers (立案) a citizen's submission: it becomes a case through the one write
 * path — reportCase from the citizens' channel account, source CITIZEN, the tracking code as its
 * CITIZEN ref, the submission's photos — and the operator's REGISTER action on it.
 *
 * Exactly one case, also under racing desks: the submission is first claimed by a conditional
 * update (PENDING → REGISTERED; the loser gets 409 SUBMISSION_DECIDED), and the report's
 * Idempotency-Key is the submission's id, so even a resumed claim can only answer the same case.
 * The case log writes a case in its own transaction, so claim and case are two atomic steps: a
 * report that fails hands the claim back; a node dying between them leaves a claim without a
 * case, which the next register (after a minute) completes.
 */
export async function registerCitizenSubmission(ctx: AppContext, user: AuthUser, id: string) {
  const submission = await findCitizenSubmission(ctx, user, id);
  if (!mayDecideCitizenSubmission(user, submission))
    throw forbidden("Only the station of the submission's village registers it.");
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction((tx) =>
    tx.citizenSubmission.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'REGISTERED', decidedById: user.id, decidedAt: now },
    }),
  );
  const resumable =
    submission.status === 'REGISTERED' &&
    submission.caseId === null &&
    (submission.decidedAt?.getTime() ?? 0) < now.getTime() - STALE_CLAIM_MS;
  if (claimed.count === 0 && !resumable) throw decided();

  const photos = await ctx.db.write.citizenSubmissionPhoto.findMany({
    where: { submissionId: id },
    orderBy: { position: 'asc' },
    select: { attachmentId: true },
  });
  let filed: Awaited<ReturnType<typeof reportCase>>;
  try {
    filed = await reportCase(
      ctx,
      await citizenChannelUser(ctx),
      {
        categoryCode: submission.categoryCode,
        description: submission.description,
        location: { lon: submission.lon, lat: submission.lat },
        ...(submission.address ? { address: submission.address } : {}),
        ...(photos.length ? { attachmentIds: photos.map((p) => p.attachmentId) } : {}),
      },
      `citizen:${id}`,
      { source: 'CITIZEN', refs: [{ channel: 'CITIZEN', externalId: submission.trackingCode }] },
    );
  } catch (error) {
    await ctx.db.transaction((tx) =>
      tx.citizenSubmission.updateMany({
        where: { id, status: 'REGISTERED', caseId: null },
        data: { status: 'PENDING', decidedById: null, decidedAt: null },
      }),
    );
    throw error;
  }
  const caseId = filed.created ? filed.case.id : filed.caseId;
  await ctx.db.transaction((tx) =>
    tx.citizenSubmission.update({ where: { id }, data: { caseId, decidedById: user.id } }),
  );
  // 立案 by the operator who registered it: the case leaves the village's intake at once.
  if (filed.created) await performCaseAction(ctx, user, caseId, { action: 'REGISTER', version: 1 });
  const row = await ctx.db.read.case.findUniqueOrThrow({ where: { id: caseId }, select: { code: true } });
  return { id, status: 'REGISTERED' as const, caseId, caseCode: row.code };
}
