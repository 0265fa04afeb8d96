import { api } from '../../lib/api';

/** Uploads one compressed photo; the id is then named in a report or an action. */
export async function uploadPhoto(blob: Blob, name: string): Promise<string> {
  const { id } = await api<{ id: string }>('/api/attachments', {
    method: 'POST',
    body: blob,
    headers: { 'content-type': blob.type || 'image/jpeg', 'x-file-name': encodeURIComponent(name) },
  });
  return id;
}
