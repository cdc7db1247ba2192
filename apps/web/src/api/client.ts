import type { ZodType } from 'zod';

/** The base of every API path (the server's convention: JSON under /api/v1). */
export const API_BASE = '/api/v1';

/** An error the server answered with (`{ error: { code, message } }`) or one met on the way. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Codes the client itself produces, for failures that never reached a server answer. */
export const CLIENT_CODES = { network: 'NETWORK_ERROR', badResponse: 'BAD_RESPONSE' } as const;

/** Server codes that mean the password must be changed before anything else. */
const PASSWORD_CHANGE_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'PASSWORD_EXPIRED']);

export interface SessionEvents {
  /** A request came back 401: the session ended (expired, logged out elsewhere, disabled). */
  onUnauthorized(error: ApiError): void;
  /** The server refuses work until the password is changed. */
  onPasswordChangeRequired(error: ApiError): void;
  /** The server refuses work until a second factor is enrolled. */
  onEnrolmentRequired?(error: ApiError): void;
}

let events: SessionEvents = { onUnauthorized: () => {}, onPasswordChangeRequired: () => {} };

/** Installed once by the session layer, so that any request can end the session or force a password change. */
export function setSessionEvents(next: SessionEvents): void {
  events = next;
}

/**
 * Whether the browser checks each response against its schema again. The server checks every response
 * against the same contract before it sends it (its serializer, fastify-type-provider-zod) and serves this
 * very build, so the check here is for development and the tests, where a page and a changed server can
 * drift apart. On the users' machines it only repeated the server's work: loading and building the
 * contract's schemas and parsing each answer cost 60–120 ms of a cold page's first paint (issue #12 item 3).
 */
const CHECK_RESPONSES = import.meta.env.DEV;

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;
  /**
   * Validates the response (in development and tests: see CHECK_RESPONSES): the zod schema from
   * @lantian/contract, or a function loading it, which keeps zod out of the page's own chunk.
   */
  schema?: ZodType<T> | (() => Promise<ZodType<T>>);
  signal?: AbortSignal;
  /** For the login call itself: a 401 there is a wrong password, not an expired session. */
  expectUnauthorized?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions<unknown>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function readError(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  let details: unknown;
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    if (body?.error && typeof body.error.code === 'string') code = body.error.code;
    if (body?.error && typeof body.error.message === 'string') message = body.error.message;
    details = body?.error?.details;
  } catch {
    // Not JSON (a proxy's error page): keep the HTTP status as the message.
  }
  return new ApiError(response.status, code, message, details);
}

/** Call the API: same-origin cookie session, JSON both ways, errors as ApiError. */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  const schemaPromise =
    CHECK_RESPONSES && typeof options.schema === 'function' ? options.schema() : undefined;
  // Fetched alongside the request; a failure to load it surfaces below, not as an unhandled rejection.
  schemaPromise?.catch(() => {});
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, CLIENT_CODES.network, '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.expectUnauthorized) events.onUnauthorized(error);
    else if (PASSWORD_CHANGE_CODES.has(error.code)) events.onPasswordChangeRequired(error);
    else if (error.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED') events.onEnrolmentRequired?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON although it succeeded (a proxy's or portal's page in between).
    throw new ApiError(response.status, CLIENT_CODES.badResponse, `服务器返回的数据格式不符（${path}）`);
  }
  if (!CHECK_RESPONSES) return data as T;
  const schema = schemaPromise ? await schemaPromise : (options.schema as ZodType<T> | undefined);
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      CLIENT_CODES.badResponse,
      `服务器返回的数据格式不符（${path}）`,
      parsed.error.issues,
    );
  }
  return parsed.data;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: Omit<RequestOptions<T>, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/** Every row under a list's filters, fetched page by page (200 a page): what an export needs. */
export async function fetchAllPages<T>(
  fetchPage: (page: number) => Promise<{ total: number; rows: T[] }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let p = 1; ; p++) {
    const r = await fetchPage(p);
    out.push(...r.rows);
    if (out.length >= r.total || r.rows.length === 0) return out;
  }
}

/** The file name a download names in `Content-Disposition` (the UTF-8 form first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // A malformed name: fall back to the plain one.
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Download a file the server writes (an export, a ledger) and hand it to the user; errors as ApiError,
 * like every other call. Returns the file's name.
 */
export async function downloadFile(path: string, query?: RequestOptions<unknown>['query']): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, CLIENT_CODES.network, '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401) events.onUnauthorized(error);
    else if (PASSWORD_CHANGE_CODES.has(error.code)) events.onPasswordChangeRequired(error);
    throw error;
  }
  const name = fileNameOf(response.headers.get('content-disposition'), path.split('/').pop() ?? 'download');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
