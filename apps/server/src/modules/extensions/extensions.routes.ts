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
import type { ZodApp } from '../../http/types.ts';
import { requestRoutes, stepRoute } from '../workflow/request-routes.ts';
import { extensionDetail, listExtensions } from './extensions.query.ts';
import { extensionSteps, extensions, requestExtension } from './extensions.service.ts';

export async function extensionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  requestRoutes(app, ctx, {
    tags: ['extensions'],
    create: {
      path: '/assignments/:assignmentId/extensions',
      access: 'extension.request',
      summary: '申请延期（某个节点，或 milestoneId 为 null 时的完成时限）',
      params: AssignmentParams,
      body: RequestExtensionRequest,
      run: (ctx, user, params, body) => requestExtension(ctx, user, params.assignmentId, body),
    },
    base: '/extensions',
    param: 'extensionId',
    params: ExtensionParams,
    response: ExtensionResponse,
    detail: extensionDetail,
    read: {
      access: 'extension.read',
      listSummary: '延期申请列表（awaitingMe=true：待我审批）',
      detailSummary: '延期申请详情',
    },
    list: { querystring: ExtensionsQuery, response: ExtensionsResponse, run: listExtensions },
    steps: [
      stepRoute(extensions, {
        path: 'decision',
        summary: '审批延期：牵头单位领导先审，督办人员终审（不同意须说明理由）',
        body: ExtensionDecisionRequest,
        step: extensionSteps.decide,
      }),
      stepRoute(extensions, {
        path: 'signoff',
        summary: '本单位领导签发延期申请（签发后报出），或退回（须说明理由）',
        body: RequestSignoffRequest,
        step: extensionSteps.signoff,
      }),
    ],
  });
}
