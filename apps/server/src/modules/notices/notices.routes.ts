/** HTTP for supervision notices (督办单). */
import {
  IssueNoticeRequest,
  IssueNoticesRequest,
  IssueNoticesResponse,
  NoticeDecisionRequest,
  NoticeDetailResponse,
  NoticeParams,
  NoticeReplyRequest,
  NoticesQuery,
  NoticesResponse,
  RequestSignoffRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { requestRoutes, stepRoute } from '../workflow/request-routes.ts';
import { signoffReply } from './notice-signoff.ts';
import { listNotices, noticeDetail } from './notices.query.ts';
import { issueNotice, issueNotices, noticeSteps, notices } from './notices.service.ts';

const tags = ['notices'];

export async function noticeRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/notices/batch',
    {
      config: { access: 'notice.issue' },
      schema: {
        tags,
        summary: '一次向多个单位下发督办单（每个单位一份，全部成功或全部不下发；各自留痕）',
        body: IssueNoticesRequest,
        response: { 200: IssueNoticesResponse },
      },
    },
    async (req) => ({ noticeIds: await issueNotices(ctx, principalOf(req), req.body) }),
  );
  requestRoutes(app, ctx, {
    tags,
    create: {
      path: '/notices',
      access: 'notice.issue',
      summary: '下发督办单（督办人员；可从看板一键下发：planId、unitId、measureIds）',
      body: IssueNoticeRequest,
      run: (ctx, user, _params, body) => issueNotice(ctx, user, body),
    },
    base: '/notices',
    param: 'noticeId',
    params: NoticeParams,
    response: NoticeDetailResponse,
    detail: noticeDetail,
    read: {
      access: 'notice.read',
      listSummary: '督办单列表（单位只见下发给本单位的）',
      detailSummary: '督办单详情、答复与佐证材料',
    },
    list: { querystring: NoticesQuery, response: NoticesResponse, run: listNotices },
    steps: [
      stepRoute(notices, {
        path: 'reply',
        summary: '答复督办单（先上传佐证材料，随答复一并报送）',
        body: NoticeReplyRequest,
        step: noticeSteps.reply,
      }),
      stepRoute(notices, {
        path: 'decision',
        summary: '督办人员认可答复（办结）或退回重答',
        body: NoticeDecisionRequest,
        step: noticeSteps.decide,
      }),
      stepRoute(notices, {
        path: 'signoff',
        summary: '本单位领导签发答复（签发后报督办人员），或退回经办人（须说明理由）',
        body: RequestSignoffRequest,
        step: signoffReply,
      }),
    ],
  });
}
