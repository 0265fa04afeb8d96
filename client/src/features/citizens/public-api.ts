import type { PublicPhrase } from '@wangge/shared/citizens/public-status';
import { api } from '../../lib/api';

/** A category the public page offers (GET /api/public/categories). */
export interface PublicCategory {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
}

/** The public status of a report (GET /api/public/track/:code). */
export interface TrackedReport {
  trackingCode: string;
  status: string;
  phrase: PublicPhrase;
  rejection: { reason: string; phrase: PublicPhrase } | null;
  category: { code: string; name: string; nameEn: string; group: { name: string; nameEn: string } | null };
  area: { village: string | null; township: string | null };
  submittedAt: string;
  timeline: { at: string; state: string; phrase: PublicPhrase }[];
}

export const fetchPublicCategories = () => api<PublicCategory[]>('/api/public/categories');

/** Uploads one photo from the public page; returns its id. */
export const uploadPublicPhoto = (blob: Blob) =>
  api<{ id: string }>('/api/public/photos', {
    method: 'POST',
    body: blob,
    headers: { 'content-type': blob.type },
  }).then((d) => d.id);

export const sendPublicReport = (key: string, body: unknown) =>
  api<{ trackingCode: string }>('/api/public/reports', {
    method: 'POST',
    json: body,
    headers: { 'idempotency-key': key },
  });

export const fetchTracked = (code: string) =>
  api<TrackedReport>(`/api/public/track/${encodeURIComponent(code)}`);
