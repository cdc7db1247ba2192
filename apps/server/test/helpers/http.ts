/** Requests through app.inject, with the session cookie and a same-origin header. */
import type { FastifyInstance, InjectOptions } from 'fastify';

// biome-ignore lint/suspicious/noExplicitAny: tests check response bodies field by field.
type Body = any;

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

  /** `noOrigin`: send no Origin header (as a non-browser client, or a forged form post in an old browser). */
  async request<T = Body>(
    opts: InjectOptions & { cookie?: string; noOrigin?: boolean },
  ): Promise<Response<T>> {
    const { cookie, headers, noOrigin, ...rest } = opts;
    const method = (opts.method ?? 'GET').toUpperCase();
    const res = await this.app.inject({
      ...rest,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && method !== 'HEAD' && !noOrigin ? { origin: ORIGIN } : {}),
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

  get<T = Body>(url: string, cookie?: string) {
    return this.request<T>({ method: 'GET', url, cookie });
  }
  post<T = Body>(url: string, payload?: unknown, cookie?: string) {
    return this.request<T>({ method: 'POST', url, payload: payload as InjectOptions['payload'], cookie });
  }
  put<T = Body>(url: string, payload: unknown, cookie?: string) {
    return this.request<T>({ method: 'PUT', url, payload: payload as InjectOptions['payload'], cookie });
  }
  patch<T = Body>(url: string, payload: unknown, cookie?: string) {
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
