/** Requests through app.inject, with the session cookie and a same-origin header. */
import type { FastifyInstance, InjectOptions } from 'fastify';

export const ORIGIN = 'http://localhost:80';

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  cookie?: string;
}

export function sessionCookieOf(setCookie: string | string[] | number | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  const c = list.find((x) => x.startsWith('lantian_session='));
  if (!c) return undefined;
  const value = c.split(';')[0] as string;
  return value === 'lantian_session=' ? undefined : value;
}

export class Api {
  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(opts: InjectOptions & { cookie?: string }): Promise<Response<T>> {
    const { cookie, headers, ...rest } = opts;
    const method = (opts.method ?? 'GET').toUpperCase();
    const res = await this.app.inject({
      ...rest,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && method !== 'HEAD' ? { origin: ORIGIN } : {}),
        ...headers,
      },
    });
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('application/json')) body = res.json();
    return {
      status: res.statusCode,
      body: body as T,
      headers: res.headers,
      cookie: sessionCookieOf(res.headers['set-cookie']),
    };
  }

  get<T = any>(url: string, cookie?: string) {
    return this.request<T>({ method: 'GET', url, cookie });
  }
  post<T = any>(url: string, payload?: unknown, cookie?: string) {
    return this.request<T>({ method: 'POST', url, payload: payload as InjectOptions['payload'], cookie });
  }
  put<T = any>(url: string, payload: unknown, cookie?: string) {
    return this.request<T>({ method: 'PUT', url, payload: payload as InjectOptions['payload'], cookie });
  }
  patch<T = any>(url: string, payload: unknown, cookie?: string) {
    return this.request<T>({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], cookie });
  }

  /** Log in and return the session cookie (throws when the login fails). */
  async login(username: string, password: string): Promise<string> {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.status !== 200 || !res.cookie)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.cookie;
  }
}
