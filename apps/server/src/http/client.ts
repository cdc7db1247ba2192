import type { FastifyReply, FastifyRequest } from 'fastify';
import { HOUR } from '../clock.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { ClientInfo } from '../modules/auth/auth.service.ts';
import type { Principal } from '../modules/auth/principal.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';
import type {} from './types.ts';

export function clientInfo(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

/** The signed-in user; routes reach here only after the access hook checked there is one. */
export function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.principal;
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.security.cookieSecure || secure,
    path: '/',
    maxAge: Math.floor((config.security.sessionAbsoluteHours * HOUR) / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.security.cookieSecure || secure,
    path: '/',
  });
}
