import { MyAssignmentsQuery, MyAssignmentsResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import { sendEncoded } from '../../http/compression.ts';
import type { ZodApp } from '../../http/types.ts';
import { myAssignmentScopes, myAssignmentsBody } from './my-assignments.cache.ts';

export async function assignmentRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/me/assignments',
    {
      config: {
        access: 'assignment.readOwn',
        // Read with the session: a cached page then costs one query.
        readScopes: (req, unitId) => {
          const planId = (req.query as { planId?: unknown }).planId;
          return myAssignmentScopes(unitId, typeof planId === 'string' && planId ? planId : undefined);
        },
      },
      schema: {
        tags: ['assignments'],
        summary: '本单位在已发布计划中的任务分工（分页，可按计划筛选）',
        querystring: MyAssignmentsQuery,
        response: { 200: MyAssignmentsResponse },
      },
    },
    async (req, reply) => {
      const body = await myAssignmentsBody(ctx.db.kysely, principalOf(req), req.query);
      // Already encoded by the response schema: sent as it is, in the encoding the client accepts.
      return sendEncoded(req, reply, body);
    },
  );
}
