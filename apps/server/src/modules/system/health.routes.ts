import { HealthResponse } from '@lantian/contract';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { ZodApp } from '../../http/types.ts';
import { VERSION } from '../../version.ts';

export async function healthRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '健康检查（含数据库连通性）', response: { 200: HealthResponse } },
    },
    async () => {
      await sql`select 1`.execute(ctx.db.kysely);
      return {
        status: 'ok' as const,
        database: ctx.db.dialect,
        version: VERSION,
        time: ctx.clock.now().toISOString(),
      };
    },
  );
}
