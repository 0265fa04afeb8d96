import { AppError } from '../../http/app-error';

/**
 * Refuses, listing every bad one, attachments that were not uploaded by `userId` or are
 * already attached to a case. `rows[i]` is the stored row for the i-th requested id (if any).
 * Both write paths (Prisma actions and the raw intake) check with this one rule.
 */
export function assertAttachmentsUsable(
  rows: readonly ({ uploaderId: string; caseId: string | null } | undefined)[],
  userId: string,
): void {
  const details = rows.flatMap((a, i) => {
    if (!a || a.uploaderId !== userId)
      return [{ path: `attachmentIds.${i}`, message: 'no such upload of yours' }];
    if (a.caseId) return [{ path: `attachmentIds.${i}`, message: 'already attached to a case' }];
    return [];
  });
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Some attachments cannot be used.', details);
}
