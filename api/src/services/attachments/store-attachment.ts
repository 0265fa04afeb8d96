import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';

/** Accepted types, recognised by their first bytes (the declared type must agree). */
const SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { mime: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** Where a blob with this hash lives: <dir>/ab/abcdef… */
export function attachmentPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

/**
 * Stores an upload by content hash (identical photos share one file) and records its
 * metadata. It stays unlinked until a report or action names it. `quota: false` skips the
 * per-user daily quota: for a channel account shared by many people (the citizens' page), whose
 * uploads are limited per client address instead.
 */
export async function storeAttachment(
  ctx: AppContext,
  user: AuthUser,
  body: Buffer,
  declaredMime: string,
  fileName: string | null,
  options: { quota?: boolean } = {},
) {
  if (body.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The upload is empty.', [
      { path: '(body)', message: 'no bytes' },
    ]);
  }
  if (body.length > ctx.config.maxUploadBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'The upload is too large.');
  const sniffed = SIGNATURES.find((s) => s.test(body))?.mime;
  if (!sniffed || sniffed !== declaredMime) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Accepted: ${SIGNATURES.map((s) => s.mime).join(', ')}, sent with a matching Content-Type.`,
    );
  }
  if (options.quota !== false) await checkQuota(ctx, user, body.length);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const path = attachmentPath(ctx.config.attachmentsDir, sha256);
  await mkdir(join(ctx.config.attachmentsDir, sha256.slice(0, 2)), { recursive: true });
  // Write then rename: a crash never leaves a half-written file under the final name.
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, path);
  return ctx.db.transaction((tx) =>
    tx.attachment.create({
      data: {
        sha256,
        mime: sniffed,
        size: body.length,
        fileName,
        uploaderId: user.id,
        createdAt: ctx.clock.now(),
      },
    }),
  );
}

/** 422 when the upload would take the user past their daily quota (UPLOAD_QUOTA_MB per 24 h). */
async function checkQuota(ctx: AppContext, user: AuthUser, size: number) {
  const since = new Date(ctx.clock.now().getTime() - 24 * 3_600_000);
  const used = await ctx.db.read.attachment.aggregate({
    where: { uploaderId: user.id, createdAt: { gte: since } },
    _sum: { size: true },
  });
  const total = (used._sum.size ?? 0) + size;
  if (total > ctx.config.uploadQuotaBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new AppError('RULE_VIOLATION', 'Daily upload quota reached; try again tomorrow.', [
      {
        path: '(body)',
        message: `${mb(used._sum.size ?? 0)} uploaded in the last 24 h; this upload would pass the quota of ${mb(ctx.config.uploadQuotaBytes)}`,
      },
    ]);
  }
}
