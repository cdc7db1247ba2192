/**
 * The access hook: resolves the session behind the cookie and applies the route's action through the
 * central policy. Every /api/v1 route must name its access, or the app refuses to start.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { audit, transaction } from '../context.ts';
import { AppError } from '../errors.ts';
import { apiKeyScope, authenticateApiKey, isApiKeyAccess } from '../modules/apikeys/apikeys.service.ts';
import { authenticate, mustEnrolSecondFactor } from '../modules/auth/auth.service.ts';
import {
  ALLOWED_BEFORE_ENROLMENT,
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  authorize,
  isAction,
} from '../modules/auth/policy.ts';
import { actorOf, type Principal } from '../modules/auth/principal.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';
import { clearSessionCookie, clientInfo } from './client.ts';
import type { RouteAccess } from './types.ts';

export const API_PREFIX = '/api/v1';

export interface ApiRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/**
 * The principal behind the request's cookie, for a public route that says more to a signed-in user
 * (health, the API documentation). Never throws; an invalid or expired session is simply nobody.
 */
export async function optionalPrincipal(ctx: AppContext, req: FastifyRequest): Promise<Principal | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const result = await authenticate(ctx, token, clientInfo(req));
  return result.ok ? result.principal : null;
}

export function registerAccessControl(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('apiClient', null);
  const registered: ApiRoute[] = [];
  app.decorate('apiRoutes', registered);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const access = route.config?.access;
    if (access !== 'public' && !(access && (isAction(access) || isApiKeyAccess(access)))) {
      throw new Error(`Route ${route.method} ${route.url} names no access rule: add config.access`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registered.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (isApiKeyAccess(access)) {
      req.apiClient = await authenticateApiKey(ctx, req.headers, apiKeyScope(access));
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const scopesOf = req.routeOptions.config?.readScopes;
    const result = await authenticate(
      ctx,
      token,
      clientInfo(req),
      scopesOf ? (unitId) => scopesOf(req, unitId) : undefined,
    );
    if (!result.ok) {
      clearSessionCookie(reply, ctx.config, req.protocol === 'https');
      if (result.reason === 'expired') throw new AppError('SESSION_EXPIRED', '会话已过期，请重新登录');
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    const principal = result.principal;
    req.principal = principal;
    if (principal.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(access)) {
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        principal.passwordExpired ? '密码已过期，请先修改密码' : '首次登录或密码被重置，请先修改密码',
      );
    }
    if (mustEnrolSecondFactor(principal) && !ALLOWED_BEFORE_ENROLMENT.has(access)) {
      throw new AppError(
        'SECOND_FACTOR_ENROLMENT_REQUIRED',
        '该账户须启用双因素认证：请先绑定身份验证器应用（扫描二维码并输入验证码）',
      );
    }
    if (!authorize(principal, access)) {
      await transaction(ctx, (trx) =>
        audit(ctx, trx, actorOf(principal), {
          action: 'access.denied',
          outcome: 'denied',
          detail: { method: req.method, route: req.routeOptions.url, action: access },
        }),
      );
      throw new AppError('FORBIDDEN', '无权执行此操作');
    }
  });
}
