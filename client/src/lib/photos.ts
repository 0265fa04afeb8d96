import { api } from './api';

/** Uploads one image/PDF as an attachment; returns its id. */
export async function uploadAttachment(file: Blob, fileName?: string): Promise<string> {
  const data = await api<{ id: string }>('/api/attachments', {
    method: 'POST',
    body: file,
    headers: {
      'content-type': file.type,
      ...(fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {}),
    },
  });
  return data.id;
}
