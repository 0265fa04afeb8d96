import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { findCitizenSubmission } from './find-citizen-submission';

/** A photo of a submission the caller's desk may see (the citizens' policy), or 404. */
export async function findCitizenPhoto(
  ctx: AppContext,
  user: AuthUser,
  submissionId: string,
  photoId: string,
) {
  await findCitizenSubmission(ctx, user, submissionId);
  const held = await ctx.db.read.citizenSubmissionPhoto.findFirst({
    where: { submissionId, attachmentId: photoId },
  });
  const photo = held ? await ctx.db.read.attachment.findUnique({ where: { id: photoId } }) : null;
  if (!photo) throw notFound('No such photo.');
  return photo;
}
