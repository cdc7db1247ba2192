import { MyAssignmentsQuery, MyAssignmentsResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { myAssignmentsJson } from './my-assignments.cache.ts';

export async function assignmentRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/me/assignments',
    {
      config: { access: 'assignment.readOwn' },
      schema: {
        tags: ['assignments'],
        summary: '本单位在已发布计划中的全部任务分工',
        querystring: MyAssignmentsQuery,
        response: { 200: MyAssignmentsResponse },
      },
    },
    async (req, reply) => {
      const body = await myAssignmentsJson(ctx.db.kysely, principalOf(req), req.query.planId);
      // Already encoded by the response schema: sent as it is.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
}
