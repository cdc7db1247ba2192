import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiRequest, CLIENT_CODES } from './client.ts';

const answer = (body: string, init: ResponseInit = { status: 200 }) =>
  vi.fn(async () => new Response(body, { headers: { 'content-type': 'application/json' }, ...init }));

afterEach(() => vi.unstubAllGlobals());

describe('apiRequest', () => {
  it('turns a successful answer that is not JSON into a clear error naming the path', async () => {
    vi.stubGlobal('fetch', answer('<html>登录门户</html>'));
    const error = await apiRequest('/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(CLIENT_CODES.badResponse);
    expect((error as ApiError).message).toContain('/me');
  });

  it('checks answers against their schema in development and tests', async () => {
    expect(import.meta.env.DEV).toBe(true);
    vi.stubGlobal('fetch', answer(JSON.stringify({ n: 'one' })));
    const schema = z.strictObject({ n: z.number() });
    const error = await apiRequest('/x', { schema }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(CLIENT_CODES.badResponse);
    vi.stubGlobal('fetch', answer(JSON.stringify({ n: 1 })));
    await expect(apiRequest('/x', { schema: async () => schema })).resolves.toEqual({ n: 1 });
  });

  it('reports the server’s own error code and message', async () => {
    vi.stubGlobal(
      'fetch',
      answer(JSON.stringify({ error: { code: 'NOT_FOUND', message: '没有这个计划' } }), { status: 404 }),
    );
    const error = (await apiRequest('/plans/x').catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code, error.message]).toEqual([404, 'NOT_FOUND', '没有这个计划']);
  });
});
