import { stat, unlink } from 'node:fs/promises';
import type { AppContext } from '../../context';
import { runPeriodically } from '../run-periodically';
import { attachmentPath } from './store-attachment';

/** An upload that no report or action named within a day is removed (unless a citizen's pending submission holds it). */
export const UNLINKED_TTL_MS = 24 * 3_600_000;

/**
 * Deletes the attachments never linked to a case and older than a day, and their files when
 * no other attachment shares the content and the file itself is that old (a fresh upload of
 * the same bytes rewrites the file, so it is spared). Several nodes may sweep at once: the
 * row deletes are conditional and the file checks are repeated after them.
 */
export async function sweepUnlinkedAttachments(ctx: AppContext): Promise<{ rows: number; files: number }> {
  const cutoff = new Date(ctx.clock.now().getTime() - UNLINKED_TTL_MS);
  let stale = await ctx.db.read.attachment.findMany({
    where: { caseId: null, createdAt: { lt: cutoff } },
    select: { id: true, sha256: true },
    take: 1000,
  });
  // A citizen's submission waits for its village, maybe longer than a day: its photos stay.
  const held = new Set(
    (
      await ctx.db.read.citizenSubmissionPhoto.findMany({
        where: { attachmentId: { in: stale.map((a) => a.id) } },
        select: { attachmentId: true },
      })
    ).map((h) => h.attachmentId),
  );
  stale = stale.filter((a) => !held.has(a.id));
  if (stale.length === 0) return { rows: 0, files: 0 };
  const { count } = await ctx.db.transaction((tx) =>
    tx.attachment.deleteMany({ where: { id: { in: stale.map((a) => a.id) }, caseId: null } }),
  );
  let files = 0;
  for (const sha256 of new Set(stale.map((a) => a.sha256))) {
    if ((await ctx.db.read.attachment.count({ where: { sha256 } })) > 0) continue;
    const path = attachmentPath(ctx.config.attachmentsDir, sha256);
    const info = await stat(path).catch(() => null);
    if (!info || info.mtime >= cutoff) continue;
    await unlink(path).then(
      () => files++,
      () => undefined,
    );
  }
  return { rows: count, files };
}

/** Sweeps now and then every `intervalMs` (hourly). */
export function startAttachmentSweeps(ctx: AppContext, intervalMs = 3_600_000): () => void {
  return runPeriodically(ctx, 'attachment sweep', intervalMs, async () => {
    const swept = await sweepUnlinkedAttachments(ctx);
    if (swept.rows > 0) ctx.log(`removed ${swept.rows} unlinked attachments (${swept.files} files)`);
  });
}
