/** Security headers on every response, and the CSRF check on state-changing requests. */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';
import type {} from './types.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // The API docs page brings its own CSP (with hashes for its inline script).
    if (!req.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', CSP);
    if (req.protocol === 'https')
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'no-store');
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `scheme://host[:port]` with default ports dropped, or `invalid`. */
function normalise(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}

function originOf(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  if (typeof origin === 'string') return origin === 'null' ? 'invalid' : normalise(origin);
  const referer = req.headers.referer;
  if (typeof referer === 'string') return normalise(referer);
  return undefined;
}

/**
 * Cookies are SameSite=Strict; on top of that, a state-changing request must come from the server's
 * own origin (or a configured one). A request carrying the session cookie but no Origin or Referer
 * is refused too.
 */
export function registerCsrfCheck(app: FastifyInstance, config: Config): void {
  const allowed = new Set(config.allowedOrigins.map(normalise));
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/')) return;
    const source = originOf(req);
    if (source === undefined) {
      if (req.cookies[SESSION_COOKIE])
        throw new AppError('CSRF_REJECTED', '请求缺少来源（Origin）信息，已拒绝');
      return;
    }
    const own = normalise(`${req.protocol}://${req.host}`);
    if (source !== own && !allowed.has(source)) {
      throw new AppError('CSRF_REJECTED', `不接受来自 ${source} 的跨站请求`);
    }
  });
}
