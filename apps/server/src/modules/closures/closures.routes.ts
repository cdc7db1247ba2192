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
  app.get(
    '/closures',
    {
      config: { access: 'closure.read' },
      schema: {
        tags,
        summary: '销号申请列表（awaitingMe=true：待我确认）',
        querystring: ClosuresQuery,
        response: { 200: ClosuresResponse },
      },
    },
    async (req) => listClosures(ctx, principalOf(req), req.query),
  );
  app.get(
    '/closures/:closureId',
    {
      config: { access: 'closure.read' },
      schema: {
        tags,
        summary: '销号申请详情与佐证材料',
        params: ClosureParams,
        response: { 200: ClosureResponse },
      },
    },
    async (req) => closureDetail(ctx, principalOf(req), req.params.closureId),
  );
  app.post(
    '/closures/:closureId/submit',
    {
      config: { access: 'closure.request' },
      schema: {
        tags,
        summary: '提交销号申请（须已上传佐证材料）',
        params: ClosureParams,
        body: SubmitClosureRequest,
        response: { 200: ClosureResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await submitClosure(ctx, user, req.params.closureId, req.body.version);
      return closureDetail(ctx, user, req.params.closureId);
    },
  );
  app.post(
    '/closures/:closureId/decision',
    {
      config: { access: 'closure.decide' },
      schema: {
        tags,
        summary: '牵头单位领导确认、督办人员销号（approve），或驳回（reject，须说明理由）',
        params: ClosureParams,
        body: ClosureDecisionRequest,
        response: { 200: ClosureResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await decideClosure(ctx, user, req.params.closureId, req.body);
      return closureDetail(ctx, user, req.params.closureId);
    },
  );
  app.post(
    '/closures/:closureId/signoff',
    {
      config: { access: 'closure.signoff' },
      schema: {
        tags,
        summary: '本单位领导签发销号申请（签发后报出），或退回草稿（须说明理由）',
        params: ClosureParams,
        body: RequestSignoffRequest,
        response: { 200: ClosureResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await signoffClosure(ctx, user, req.params.closureId, req.body);
      return closureDetail(ctx, user, req.params.closureId);
    },
  );
}
