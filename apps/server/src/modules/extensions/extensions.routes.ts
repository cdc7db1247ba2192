/** HTTP for extension requests (延期申请). */
import {
  AssignmentParams,
  ExtensionDecisionRequest,
  ExtensionParams,
  ExtensionResponse,
  ExtensionsQuery,
  ExtensionsResponse,
  RequestExtensionRequest,
  RequestSignoffRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { extensionDetail, listExtensions } from './extensions.query.ts';
import { decideExtension, requestExtension, signoffExtension } from './extensions.service.ts';

const tags = ['extensions'];

export async function extensionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/assignments/:assignmentId/extensions',
    {
      config: { access: 'extension.request' },
      schema: {
        tags,
        summary: '申请延期（某个节点，或 milestoneId 为 null 时的完成时限）',
        params: AssignmentParams,
        body: RequestExtensionRequest,
        response: { 200: ExtensionResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      return extensionDetail(ctx, user, await requestExtension(ctx, user, req.params.assignmentId, req.body));
    },
  );
  app.get(
    '/extensions',
    {
      config: { access: 'extension.read' },
      schema: {
        tags,
        summary: '延期申请列表（awaitingMe=true：待我审批）',
        querystring: ExtensionsQuery,
        response: { 200: ExtensionsResponse },
      },
    },
    async (req) => listExtensions(ctx, principalOf(req), req.query),
  );
  app.get(
    '/extensions/:extensionId',
    {
      config: { access: 'extension.read' },
      schema: {
        tags,
        summary: '延期申请详情',
        params: ExtensionParams,
        response: { 200: ExtensionResponse },
      },
    },
    async (req) => extensionDetail(ctx, principalOf(req), req.params.extensionId),
  );
  app.post(
    '/extensions/:extensionId/decision',
    {
      config: { access: 'extension.decide' },
      schema: {
        tags,
        summary: '审批延期：牵头单位领导先审，督办人员终审（不同意须说明理由）',
        params: ExtensionParams,
        body: ExtensionDecisionRequest,
        response: { 200: ExtensionResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await decideExtension(ctx, user, req.params.extensionId, req.body);
      return extensionDetail(ctx, user, req.params.extensionId);
    },
  );
  app.post(
    '/extensions/:extensionId/signoff',
    {
      config: { access: 'extension.signoff' },
      schema: {
        tags,
        summary: '本单位领导签发延期申请（签发后报出），或退回（须说明理由）',
        params: ExtensionParams,
        body: RequestSignoffRequest,
        response: { 200: ExtensionResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await signoffExtension(ctx, user, req.params.extensionId, req.body);
      return extensionDetail(ctx, user, req.params.extensionId);
    },
  );
}
