import type { ErrorBody } from '@wangge/shared/errors';
import { ApiError } from './api-error';

export { ApiError };

let token: string | null = localStorage.getItem('wangge.token');

/** The bearer token of the signed-in user (kept across reloads). */
export function setToken(next: string | null) {
  token = next;
  if (next) localStorage.setItem('wangge.token', next);
  else localStorage.removeItem('wangge.token');
}
export const getToken = () => token;

/** Calls the API; resolves with `data` or throws ApiError (status 0 when offline). */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'offline');
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as { data?: T } & Partial<ErrorBody>) : {};
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login') setToken(null);
    const e = parsed.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details ?? []);
  }
  return (parsed as { data: T }).data;
}

/** One page of a keyset-paged list: the API puts `nextCursor` beside `data`. */
export async function apiPage<T>(path: string): Promise<{ data: T[]; nextCursor: string | null }> {
  const headers = new Headers();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'offline');
  }
  const text = await res.text();
  const parsed = text
    ? (JSON.parse(text) as { data?: T[]; nextCursor?: string | null } & Partial<ErrorBody>)
    : {};
  if (!res.ok) {
    if (res.status === 401) setToken(null);
    const e = parsed.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details ?? []);
  }
  return { data: parsed.data ?? [], nextCursor: parsed.nextCursor ?? null };
}

/**
 * Downloads a file the API builds (with the bearer token): fetch → Blob → a temporary link.
 * With `json`, the file is asked for by a POST of that body (an export with its filters).
 */
export async function apiDownload(path: string, fallbackName: string, json?: unknown): Promise<void> {
  let res: Response;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  try {
    res = await fetch(
      path,
      json === undefined
        ? { headers }
        : {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(json),
          },
    );
  } catch {
    throw new ApiError(0, 'OFFLINE', 'offline');
  }
  if (!res.ok) {
    const e = ((await res.json().catch(() => ({}))) as Partial<ErrorBody>).error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details ?? []);
  }
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  const name = star ? decodeURIComponent(star) : (/filename="([^"]+)"/.exec(header)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
