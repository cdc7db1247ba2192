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
import type { ZodApp } from '../../http/types.ts';
import { requestRoutes, stepRoute } from '../workflow/request-routes.ts';
import { closureDetail, listClosures } from './closures.query.ts';
import { closureSteps, closures, createClosure } from './closures.service.ts';

export async function closureRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  requestRoutes(app, ctx, {
    tags: ['closures'],
    create: {
      path: '/assignments/:assignmentId/closure',
      access: 'closure.request',
      summary: '起草销号申请（随后上传佐证材料并提交）',
      params: AssignmentParams,
      body: CreateClosureRequest,
      run: (ctx, user, params, body) => createClosure(ctx, user, params.assignmentId, body),
    },
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
      stepRoute(closures, {
        path: 'submit',
        summary: '提交销号申请（须已上传佐证材料）',
        body: SubmitClosureRequest,
        step: closureSteps.submit,
      }),
      stepRoute(closures, {
        path: 'decision',
        summary: '牵头单位领导确认、督办人员销号（approve），或驳回（reject，须说明理由）',
        body: ClosureDecisionRequest,
        step: closureSteps.decide,
      }),
      stepRoute(closures, {
        path: 'signoff',
        summary: '本单位领导签发销号申请（签发后报出），或退回草稿（须说明理由）',
        body: RequestSignoffRequest,
        step: closureSteps.signoff,
      }),
    ],
  });
}
