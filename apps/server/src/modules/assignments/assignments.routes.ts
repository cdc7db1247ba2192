import { MyAssignmentsQuery, MyAssignmentsResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { myAssignments } from './my-assignments.ts';

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
    async (req) => ({ assignments: await myAssignments(ctx.db.kysely, principalOf(req), req.query.planId) }),
  );
}
