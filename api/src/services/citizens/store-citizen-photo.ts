import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { storeAttachment } from '../attachments/store-attachment';
import { citizenChannelUser } from './citizen-channel';

/**
 * A photo from the public page (no account): an image only (JPEG, PNG or WebP, checked by its
 * first bytes as every upload), at most MAX_UPLOAD_MB, held by the citizens' channel account
 * until a submission names it. The per-address limit stands in for the per-user quota.
 */
export async function storeCitizenPhoto(ctx: AppContext, body: Buffer, declaredMime: string) {
  if (!declaredMime.startsWith('image/'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Accepted: image/jpeg, image/png, image/webp.');
  const user = await citizenChannelUser(ctx);
  const stored = await storeAttachment(ctx, user, body, declaredMime, null, { quota: false });
  return { id: stored.id, mime: stored.mime, size: stored.size };
}
