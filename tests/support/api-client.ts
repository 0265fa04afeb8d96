import { DEMO_PASSWORD } from './paths';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiClient {
  token: string | null;
  user: any;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  send<T = any>(
    method: string,
    path: string,
    init?: { body?: BodyInit; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
}

/** A fetch-based client of one API base URL, sending `token` as a bearer token. */
export function apiClient(baseUrl: string, token: string | null, user: unknown = null): ApiClient {
  const send = async (
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
      body: init.body ?? null,
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body };
  };
  return {
    token,
    user,
    send,
    get: (path) => send('GET', path),
    post: (path, body, headers = {}) =>
      send('POST', path, {
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
  };
}

/** Logs in a demo user at `baseUrl` and returns a client bound to their token. */
export async function loginAs(baseUrl: string, username: string): Promise<ApiClient> {
  const res = await apiClient(baseUrl, null).post('/api/auth/login', { username, password: DEMO_PASSWORD });
  if (res.status !== 200)
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return apiClient(baseUrl, res.body.data.token, res.body.data.user);
}
