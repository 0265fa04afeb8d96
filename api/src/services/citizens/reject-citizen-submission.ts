import type { CitizenRejectReason } from '@wangge/shared/citizens/public-status';
import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import { mayDecideCitizenSubmission } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { findCitizenSubmission } from './find-citizen-submission';

/**
 * The village does not accept a citizen's submission: a reason from the fixed public list (the
 * citizen sees its phrase). Nothing more will be done with it, so its contact is erased (PIPL:
 * kept no longer than needed) and its photos are released for the upload sweep to remove.
 * Racing a registration, one wins; the other gets 409 SUBMISSION_DECIDED.
 */
export async function rejectCitizenSubmission(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  reason: CitizenRejectReason,
) {
  const submission = await findCitizenSubmission(ctx, user, id);
  if (!mayDecideCitizenSubmission(user, submission))
    throw forbidden("Only the station of the submission's village rejects it.");
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => {
    const { count } = await tx.citizenSubmission.updateMany({
      where: { id, status: 'PENDING' },
      data: {
        status: 'REJECTED',
        rejectReason: reason,
        decidedById: user.id,
        decidedAt: now,
        contactName: null,
        contactPhone: null,
        contactPhoneMasked: null,
      },
    });
    if (count > 0) await tx.citizenSubmissionPhoto.deleteMany({ where: { submissionId: id } });
    return count > 0;
  });
  if (!done) throw new AppError('SUBMISSION_DECIDED', 'This submission was registered or rejected already.');
  return { id, status: 'REJECTED' as const, rejectReason: reason, decidedAt: now };
}
