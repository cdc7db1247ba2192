import {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  OkResponse,
  SecondStepRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { clearSessionCookie, clientInfo, principalOf, setSessionCookie } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { changePassword, logout, presentMe } from './auth.service.ts';
import { login, loginSecondStep } from './login.service.ts';
import { auditRefusedLogin } from './login-refusals.ts';

export async function authRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      onError: async (req, _reply, err) => auditRefusedLogin(ctx, req, err),
      schema: {
        tags: ['auth'],
        summary:
          '登录第一步（密码）：未启用双因素时设置会话 Cookie；已启用时只返回短时有效的 challenge（不建会话），须再提交验证码',
        body: LoginRequest,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const outcome = await login(ctx, req.body, clientInfo(req));
      if (outcome.kind === 'challenge')
        return {
          secondFactor: 'required' as const,
          challenge: outcome.challenge,
          expiresAt: outcome.expiresAt,
        };
      setSessionCookie(reply, outcome.token, ctx.config, req.protocol === 'https');
      return presentMe(ctx, outcome.principal);
    },
  );

  app.post(
    '/auth/login/second-factor',
    {
      config: { access: 'public' },
      onError: async (req, _reply, err) => auditRefusedLogin(ctx, req, err),
      schema: {
        tags: ['auth'],
        summary:
          '登录第二步：身份验证器的 6 位验证码（或一次性恢复码）与第一步的 challenge；成功后设置会话 Cookie',
        body: SecondStepRequest,
        response: { 200: MeResponse },
      },
    },
    async (req, reply) => {
      const { token, principal } = await loginSecondStep(ctx, req.body, clientInfo(req));
      setSessionCookie(reply, token, ctx.config, req.protocol === 'https');
      return presentMe(ctx, principal);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'self.logout' },
      schema: { tags: ['auth'], summary: '退出登录：结束当前会话', response: { 200: OkResponse } },
    },
    async (req, reply) => {
      await logout(ctx, principalOf(req));
      clearSessionCookie(reply, ctx.config, req.protocol === 'https');
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'self.changePassword' },
      schema: {
        tags: ['auth'],
        summary: '修改密码：结束该账户的所有会话，并为本次请求换发新会话',
        body: ChangePasswordRequest,
        response: { 200: MeResponse },
      },
    },
    async (req, reply) => {
      const { token, principal } = await changePassword(ctx, principalOf(req), req.body, clientInfo(req));
      setSessionCookie(reply, token, ctx.config, req.protocol === 'https');
      return presentMe(ctx, principal);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'self.read' },
      schema: { tags: ['auth'], summary: '当前用户、所属单位、角色', response: { 200: MeResponse } },
    },
    async (req) => presentMe(ctx, principalOf(req)),
  );
}
