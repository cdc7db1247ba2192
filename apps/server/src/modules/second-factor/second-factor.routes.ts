import {
  EnrolmentResponse,
  FactorCodeRequest,
  OkResponse,
  RecoveryCodesResponse,
  ResetUserFactorRequest,
  SecondFactorPolicy,
  SecondFactorStatus,
  SetSecondFactorPolicyRequest,
  UserParams,
  type UserRole,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { rolesOf } from '../auth/auth.repository.ts';
import { ensureAuthorized } from '../auth/policy.ts';
import { actorOf } from '../auth/principal.ts';
import { userById } from '../users/users.repository.ts';
import {
  confirmEnrolment,
  factorStatus,
  readPolicy,
  regenerateRecoveryCodes,
  resetOwnSecondFactor,
  resetSecondFactor,
  startEnrolment,
  writePolicy,
} from './second-factor.service.ts';

export async function secondFactorRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const self = { config: { access: 'self.secondFactor' as const } };

  app.get(
    '/me/second-factor',
    {
      ...self,
      schema: {
        tags: ['auth'],
        summary: '我的双因素认证：是否启用、是否必须、剩余恢复码',
        response: { 200: SecondFactorStatus },
      },
    },
    async (req) => factorStatus(ctx, principalOf(req)),
  );

  app.post(
    '/me/second-factor/enrolment',
    {
      ...self,
      schema: {
        tags: ['auth'],
        summary: '开始绑定身份验证器：生成密钥（服务器端生成并加密保存），返回二维码与手动输入的密钥',
        response: { 200: EnrolmentResponse },
      },
    },
    async (req) => startEnrolment(ctx, principalOf(req)),
  );

  app.post(
    '/me/second-factor/confirmation',
    {
      ...self,
      schema: {
        tags: ['auth'],
        summary: '用第一个验证码确认绑定；返回 10 个一次性恢复码（只显示这一次）',
        body: FactorCodeRequest,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (req) => confirmEnrolment(ctx, principalOf(req), req.body.code),
  );

  app.post(
    '/me/second-factor/recovery-codes',
    {
      ...self,
      schema: {
        tags: ['auth'],
        summary: '用当前验证码重新生成恢复码（原有恢复码全部作废）',
        body: FactorCodeRequest,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (req) => regenerateRecoveryCodes(ctx, principalOf(req), req.body.code),
  );

  app.post(
    '/me/second-factor/reset',
    {
      ...self,
      schema: {
        tags: ['auth'],
        summary: '更换设备：用当前验证码或一个恢复码解除绑定，随后重新绑定（其他会话结束，记入审计）',
        body: FactorCodeRequest,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      await resetOwnSecondFactor(ctx, principalOf(req), req.body.code);
      return { ok: true as const };
    },
  );

  app.post(
    '/users/:userId/second-factor/reset',
    {
      config: { access: 'user.resetSecondFactor' },
      schema: {
        tags: ['users'],
        summary: '重置某业务账户的双因素认证（安全管理员；会话全部结束，下次登录须重新绑定，记入审计）',
        params: UserParams,
        body: ResetUserFactorRequest,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const userId = req.params.userId;
      if (!(await userById(ctx.db.kysely, userId))) throw notFound('用户');
      const roles = (await rolesOf(ctx.db.kysely, userId)) as UserRole[];
      ensureAuthorized(p, 'user.resetSecondFactor', { type: 'user', userId, roles });
      await resetSecondFactor(ctx, actorOf(p), userId, req.body.reason);
      return { ok: true as const };
    },
  );

  app.get(
    '/security/second-factor-policy',
    {
      config: { access: 'security.secondFactorPolicy' },
      schema: {
        tags: ['users'],
        summary: '双因素认证策略：三员与市级办公室始终须启用，另可要求的业务角色',
        response: { 200: SecondFactorPolicy },
      },
    },
    async () => readPolicy(ctx),
  );

  app.put(
    '/security/second-factor-policy',
    {
      config: { access: 'security.secondFactorPolicy' },
      schema: {
        tags: ['users'],
        summary: '设置另须启用双因素认证的业务角色（安全管理员，记入审计）',
        body: SetSecondFactorPolicyRequest,
        response: { 200: SecondFactorPolicy },
      },
    },
    async (req) => writePolicy(ctx, principalOf(req), req.body.roles),
  );
}
