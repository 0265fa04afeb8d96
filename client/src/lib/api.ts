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
