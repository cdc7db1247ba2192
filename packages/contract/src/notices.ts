/** 督办单: supervision notices issued by the office to a unit, answered by a date, escalating when late. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { RequestSignoff } from './signoff.ts';
import { Attachment, Page, Paged, PageSize, Version } from './supervision-common.ts';

export const NoticeLevel = z.enum(['yellow', 'red']);
export const NoticeState = z.enum(['issued', 'replied', 'sent_back', 'accepted']);

export const IssueNoticeRequest = z.strictObject({
  planId: Id,
  unitId: Id,
  measureIds: z.array(Id).min(1).max(50),
  reason: FieldText.trim().min(1).max(4000),
  level: NoticeLevel,
  replyDue: IsoDate,
});
export type IssueNoticeRequest = z.infer<typeof IssueNoticeRequest>;

/** One 督办单 to each of several units at once (the board's multi-select): all are issued, or none. */
export const IssueNoticesRequest = z.strictObject({
  planId: Id,
  units: z
    .array(z.strictObject({ unitId: Id, measureIds: z.array(Id).min(1).max(50) }))
    .min(1)
    .max(100),
  reason: FieldText.trim().min(1).max(4000),
  level: NoticeLevel,
  replyDue: IsoDate,
});
export type IssueNoticesRequest = z.infer<typeof IssueNoticesRequest>;
export const IssueNoticesResponse = z.object({ noticeIds: z.array(z.string()) });
export type IssueNoticesResponse = z.infer<typeof IssueNoticesResponse>;

export const NoticeReplyRequest = z.strictObject({
  version: Version,
  text: FieldText.trim().min(1).max(8000),
});
export type NoticeReplyRequest = z.infer<typeof NoticeReplyRequest>;

export const NoticeDecisionRequest = z
  .strictObject({
    version: Version,
    decision: z.enum(['accept', 'send_back']),
    comment: FieldText.max(2000).optional(),
  })
  .refine((r) => r.decision !== 'send_back' || (r.comment ?? '').trim().length > 0, {
    message: '退回时须说明理由',
    path: ['comment'],
  });
export type NoticeDecisionRequest = z.infer<typeof NoticeDecisionRequest>;

export const NoticeParams = z.strictObject({ noticeId: Id });

export const Notice = z.object({
  id: z.string(),
  /** 督办单编号 `督办〔2022〕第 12 号`: a sequence per plan and Beijing year of issue. */
  number: z.string().nullable(),
  planId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  level: NoticeLevel,
  initialLevel: NoticeLevel,
  reason: z.string(),
  replyDue: IsoDate,
  state: NoticeState,
  /** Past its reply date and not answered. */
  overdue: z.boolean(),
  issuedAt: IsoDateTime,
  issuedBy: z.string().nullable(),
  escalatedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  measures: z.array(
    z.object({ measureId: z.string(), task: z.number().int(), seq: z.number().int(), text: z.string() }),
  ),
});
export type Notice = z.infer<typeof Notice>;

export const NoticeReply = z.object({
  id: z.string(),
  text: z.string(),
  repliedAt: IsoDateTime,
  repliedBy: z.string().nullable(),
  evidence: z.array(Attachment),
  decision: z.enum(['accepted', 'sent_back']).nullable(),
  decisionComment: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  /** The unit's own sign-off of the reply (null: the plan requires none). */
  signoff: RequestSignoff.nullable(),
});

export const NoticeDetailResponse = z.object({
  notice: Notice,
  replies: z.array(NoticeReply),
  /** Evidence uploaded and not yet sent with a reply. */
  pendingEvidence: z.array(Attachment),
  actions: z.object({ reply: z.boolean(), decide: z.boolean(), uploadEvidence: z.boolean() }),
});
export type NoticeDetailResponse = z.infer<typeof NoticeDetailResponse>;

export const NoticesQuery = z.strictObject({
  planId: Id.optional(),
  state: NoticeState.optional(),
  level: NoticeLevel.optional(),
  unitId: Id.optional(),
  /** `true`: only notices awaiting an answer past their reply date. */
  overdue: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type NoticesQuery = z.infer<typeof NoticesQuery>;

export const NoticesResponse = z.object({ ...Paged, notices: z.array(Notice) });
export type NoticesResponse = z.infer<typeof NoticesResponse>;
