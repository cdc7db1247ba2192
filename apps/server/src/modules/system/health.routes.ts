import { ADMIN_ROLES, HealthResponse } from '@lantian/contract';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { optionalPrincipal } from '../../http/access.ts';
import type { ZodApp } from '../../http/types.ts';
import { VERSION } from '../../version.ts';

export async function healthRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查：up / down；版本与数据库类型仅对已登录的管理员显示',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (req, reply) => {
      let up = true;
      try {
        await sql`select 1`.execute(ctx.db.kysely);
      } catch {
        up = false;
      }
      if (!up) return reply.code(503).send({ status: 'down' as const });
      const who = await optionalPrincipal(ctx, req).catch(() => null);
      if (!who?.roles.some((r) => ADMIN_ROLES.includes(r))) return { status: 'up' as const };
      return {
        status: 'up' as const,
        database: ctx.db.dialect,
        version: VERSION,
        time: ctx.clock.now().toISOString(),
      };
    },
  );
}
