import type { TLocation } from '@wangge/shared/schemas/common';
import { api } from '../../lib/api';
import type { Photo } from './compress-image';
import { uploadPhoto } from './upload';

/**
 * Sends a report draft as a supplementary report of an existing case (POST
 * /api/cases/:id/attach, 并案 at intake): its photos uploaded first, then the description,
 * place and photos with the draft's Idempotency-Key, so pressing it twice attaches once.
 */
export async function attachDraft(
  caseId: string,
  draft: { key: string; description: string; address: string; point: TLocation | null; photos: Photo[] },
): Promise<void> {
  const attachmentIds: string[] = [];
  for (const p of draft.photos) attachmentIds.push(await uploadPhoto(p.blob, p.name));
  await api(`/api/cases/${caseId}/attach`, {
    method: 'POST',
    headers: { 'idempotency-key': draft.key },
    json: {
      description: draft.description.trim(),
      location: draft.point,
      ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
      ...(attachmentIds.length ? { attachmentIds } : {}),
    },
  });
}
