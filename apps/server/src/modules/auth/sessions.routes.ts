import {
  OkResponse,
  SessionParams,
  SessionsResponse,
  UserParams,
  type UserRole,
  UserSessionParams,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { clearSessionCookie, principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { userById } from '../users/users.repository.ts';
import { rolesOf } from './auth.repository.ts';
import { ensureAuthorized } from './policy.ts';
import { actorOf } from './principal.ts';
import { endSession, listSessions } from './sessions.service.ts';

export async function sessionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/me/sessions',
    {
      config: { access: 'self.sessions' },
      schema: {
        tags: ['auth'],
        summary: '我的会话：设备、地址、最近活动时间',
        response: { 200: SessionsResponse },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return listSessions(ctx, p.userId, p.sessionId);
    },
  );

  app.delete(
    '/me/sessions/:sessionId',
    {
      config: { access: 'self.sessions' },
      schema: {
        tags: ['auth'],
        summary: '结束我的一个会话（立即失效；结束当前会话即退出登录）',
        params: SessionParams,
        response: { 200: OkResponse },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await endSession(ctx, actorOf(p), p.userId, req.params.sessionId);
      if (req.params.sessionId === p.sessionId)
        clearSessionCookie(reply, ctx.config, req.protocol === 'https');
      return { ok: true as const };
    },
  );

  /** The account must exist (404 otherwise) and pass the policy as a resource. */
  const target = async (req: Parameters<typeof principalOf>[0], userId: string) => {
    const p = principalOf(req);
    if (!(await userById(ctx.db.kysely, userId))) throw notFound('用户');
    const roles = (await rolesOf(ctx.db.kysely, userId)) as UserRole[];
    ensureAuthorized(p, 'user.sessions', { type: 'user', userId, roles });
    return p;
  };

  app.get(
    '/users/:userId/sessions',
    {
      config: { access: 'user.sessions' },
      schema: {
        tags: ['users'],
        summary: '某账户的会话（安全管理员）',
        params: UserParams,
        response: { 200: SessionsResponse },
      },
    },
    async (req) => {
      const p = await target(req, req.params.userId);
      return listSessions(ctx, req.params.userId, p.sessionId);
    },
  );

  app.delete(
    '/users/:userId/sessions/:sessionId',
    {
      config: { access: 'user.sessions' },
      schema: {
        tags: ['users'],
        summary: '结束某账户的一个会话（安全管理员；立即失效，记入审计）',
        params: UserSessionParams,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      const p = await target(req, req.params.userId);
      await endSession(ctx, actorOf(p), req.params.userId, req.params.sessionId);
      return { ok: true as const };
    },
  );
}
