/** HTTP for closure requests (销号). */
import {
  AssignmentParams,
  ClosureDecisionRequest,
  ClosureParams,
  ClosureResponse,
  ClosuresQuery,
  ClosuresResponse,
  CreateClosureRequest,
  RequestSignoffRequest,
  SubmitClosureRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { requestRoutes, stepRoute } from '../workflow/request-routes.ts';
import { closureDetail, listClosures } from './closures.query.ts';
import { createClosure, decideClosure, signoffClosure, submitClosure } from './closures.service.ts';

const tags = ['closures'];

export async function closureRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/assignments/:assignmentId/closure',
    {
      config: { access: 'closure.request' },
      schema: {
        tags,
        summary: '起草销号申请（随后上传佐证材料并提交）',
        params: AssignmentParams,
        body: CreateClosureRequest,
        response: { 200: ClosureResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      return closureDetail(ctx, user, await createClosure(ctx, user, req.params.assignmentId, req.body));
    },
  );
  requestRoutes(app, ctx, {
    tags,
    base: '/closures',
    param: 'closureId',
    params: ClosureParams,
    response: ClosureResponse,
    detail: closureDetail,
    read: {
      access: 'closure.read',
      listSummary: '销号申请列表（awaitingMe=true：待我确认）',
      detailSummary: '销号申请详情与佐证材料',
    },
    list: { querystring: ClosuresQuery, response: ClosuresResponse, run: listClosures },
    steps: [
      stepRoute({
        path: 'submit',
        access: 'closure.request',
        summary: '提交销号申请（须已上传佐证材料）',
        body: SubmitClosureRequest,
        run: (ctx, user, id, body) => submitClosure(ctx, user, id, body.version),
      }),
      stepRoute({
        path: 'decision',
        access: 'closure.decide',
        summary: '牵头单位领导确认、督办人员销号（approve），或驳回（reject，须说明理由）',
        body: ClosureDecisionRequest,
        run: decideClosure,
      }),
      stepRoute({
        path: 'signoff',
        access: 'closure.signoff',
        summary: '本单位领导签发销号申请（签发后报出），或退回草稿（须说明理由）',
        body: RequestSignoffRequest,
        run: signoffClosure,
      }),
    ],
  });
}
