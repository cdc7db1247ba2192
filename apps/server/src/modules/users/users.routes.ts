import {
  ActivateRequest,
  ActivateResponse,
  CreateUserRequest,
  ResetPasswordRequest,
  SetRolesRequest,
  UserActivationResponse,
  UserParams,
  UserResponse,
  type UserRole,
  UsersQuery,
  UsersResponse,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { clientInfo, principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { rolesOf } from '../auth/auth.repository.ts';
import { type Action, ensureAuthorized } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { activate, resetWithActivation } from './activation.service.ts';
import { createAccount, getUser, listUsers, setDisabled, setRoles, unlockUser } from './users.service.ts';

export async function userRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const onUser = (access: Action, summary: string, body?: typeof SetRolesRequest) => ({
    config: { access },
    schema: {
      tags: ['users'],
      summary,
      params: UserParams,
      ...(body ? { body } : {}),
      response: { 200: UserResponse },
    },
  });
  /** The target account passes the policy (an administrator cannot act on their own account). */
  const target = async (
    req: { principal: Principal | null; params: { userId: string } },
    access: Action,
    newRoles?: UserRole[],
  ) => {
    const principal = principalOf(req);
    const roles = (await rolesOf(ctx.db.kysely, req.params.userId)) as UserRole[];
    ensureAuthorized(principal, access, {
      type: 'user',
      userId: req.params.userId,
      roles,
      ...(newRoles ? { newRoles } : {}),
    });
    return actorOf(principal);
  };

  app.get(
    '/users',
    {
      config: { access: 'user.list' },
      schema: {
        tags: ['users'],
        summary: '账户列表（分页）',
        querystring: UsersQuery,
        response: { 200: UsersResponse },
      },
    },
    async (req) => listUsers(ctx, req.query),
  );

  app.post(
    '/users',
    {
      config: { access: 'user.create' },
      schema: {
        tags: ['users'],
        summary: '新建账户（无初始密码：激活码发给本单位负责人，由本人设置密码）',
        body: CreateUserRequest,
        response: { 200: UserActivationResponse },
      },
    },
    async (req) => {
      const { id, activation } = await createAccount(ctx, actorOf(principalOf(req)), {
        ...req.body,
        roles: [],
      });
      if (!activation) throw new Error('an account opened without a password has an activation');
      return {
        user: await getUser(ctx, id),
        activation: { deliveredTo: activation.deliveredTo, expiresAt: activation.expiresAt },
      };
    },
  );

  app.post(
    '/auth/activate',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '用激活码设置本人密码（新账户或密码重置后；限速同登录）',
        body: ActivateRequest,
        response: { 200: ActivateResponse },
      },
    },
    async (req) => {
      const done = await activate(ctx, req.body, clientInfo(req));
      return { activated: true as const, username: done.username };
    },
  );

  app.post('/users/:userId/disable', onUser('user.disable', '停用账户（立即结束其会话）'), async (req) => {
    await setDisabled(ctx, await target(req, 'user.disable'), req.params.userId, true);
    return { user: await getUser(ctx, req.params.userId) };
  });

  app.post('/users/:userId/enable', onUser('user.enable', '启用账户'), async (req) => {
    await setDisabled(ctx, await target(req, 'user.enable'), req.params.userId, false);
    return { user: await getUser(ctx, req.params.userId) };
  });

  app.post(
    '/users/:userId/roles',
    onUser('user.setRoles', '设置角色（三员互斥）', SetRolesRequest),
    async (req) => {
      const { roles } = SetRolesRequest.parse(req.body);
      await setRoles(ctx, await target(req, 'user.setRoles', roles), req.params.userId, roles);
      return { user: await getUser(ctx, req.params.userId) };
    },
  );

  app.post(
    '/users/:userId/password-reset',
    {
      config: { access: 'user.resetPassword' },
      schema: {
        tags: ['users'],
        summary: '重置密码（原密码失效；激活码发给本人邮箱或本单位负责人，操作人看不到）',
        params: UserParams,
        body: ResetPasswordRequest.optional(),
        response: { 200: UserActivationResponse },
      },
    },
    async (req) => {
      const issued = await resetWithActivation(
        ctx,
        await target(req, 'user.resetPassword'),
        req.params.userId,
      );
      return {
        user: await getUser(ctx, req.params.userId),
        activation: { deliveredTo: issued.deliveredTo, expiresAt: issued.expiresAt },
      };
    },
  );

  app.post('/users/:userId/unlock', onUser('user.unlock', '解除登录锁定'), async (req) => {
    await unlockUser(ctx, await target(req, 'user.unlock'), req.params.userId);
    return { user: await getUser(ctx, req.params.userId) };
  });
}
