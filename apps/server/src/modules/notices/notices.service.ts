/**
 * 督办单: the office issues a notice to a unit about one or more measures, with a reason, a level
 * (黄牌/红牌) and a reply date; the unit replies with text and evidence; the office accepts the reply or
 * sends it back. Overdue yellow notices turn red (see escalation.job.ts).
 */
import { randomUUID } from 'node:crypto';
import type {
  IssueNoticeRequest,
  IssueNoticesRequest,
  NoticeDecisionRequest,
  NoticeReplyRequest,
} from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { lockRow } from '../../db/lock.ts';
import type { SupervisionNoticesTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, supervisorRecipients, unitRecipients } from '../notifications/notify.ts';
import { sentence } from '../notifications/sentence.ts';
import { ensureNoticePlanOpen } from '../supervision/common.ts';
import { beijingDay, parseDay, todayOf } from '../supervision/day.ts';
import { replyDecision } from '../supervision/requests.ts';
import type { Step, WorkflowKind } from '../workflow/engine.ts';
import { newEvidence } from '../workflow/evidence.ts';
import {
  isHeld,
  notifySignoffNeeded,
  type SignoffColumns,
  signoffOnWrite,
} from '../workflow/request-signoff.ts';

const LEVEL_NAMES = { yellow: '黄牌', red: '红牌' } as const;

function checkReplyDue(ctx: AppContext, replyDue: string) {
  if (!parseDay(replyDue)) throw new AppError('INVALID_INPUT', `replyDue：${replyDue} 不是有效日期`);
  const today = todayOf(ctx.clock);
  if (replyDue < today) throw new AppError('INVALID_INPUT', `replyDue：答复期限 ${replyDue} 早于今天`);
}

export async function issueNotice(
  ctx: AppContext,
  user: Principal,
  input: IssueNoticeRequest,
): Promise<string> {
  checkReplyDue(ctx, input.replyDue);
  return transaction(ctx, (trx) => issueNoticeIn(ctx, trx, user, input));
}

/**
 * One 督办单 per unit, in one transaction: all are issued (each audited and notified) or none is.
 * A unit named twice is refused rather than sent two notices.
 */
export async function issueNotices(
  ctx: AppContext,
  user: Principal,
  input: IssueNoticesRequest,
): Promise<string[]> {
  checkReplyDue(ctx, input.replyDue);
  const seen = new Set<string>();
  input.units.forEach((u, i) => {
    if (seen.has(u.unitId)) throw new AppError('INVALID_INPUT', `units[${i}].unitId：同一单位只能列一次`);
    seen.add(u.unitId);
  });
  const { units, ...common } = input;
  return transaction(ctx, async (trx) => {
    const ids: string[] = [];
    for (const u of units)
      ids.push(
        await issueNoticeIn(ctx, trx, user, { ...common, unitId: u.unitId, measureIds: u.measureIds }),
      );
    return ids;
  });
}

async function issueNoticeIn(
  ctx: AppContext,
  trx: Trx,
  user: Principal,
  input: IssueNoticeRequest,
): Promise<string> {
  const plan = await trx
    .selectFrom('plans')
    .select(['id', 'status'])
    .where('id', '=', input.planId)
    .executeTakeFirst();
  if (!plan) throw notFound('计划');
  if (plan.status !== 'published') throw new AppError('INVALID_STATE', '只能就已发布的计划下发督办单');
  const unit = await trx
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit) throw new AppError('INVALID_INPUT', 'unitId：单位不存在');
  const measureIds = [...new Set(input.measureIds)];
  const onMeasures = await trx
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['m.id', 'm.task_no', 'm.seq'])
    .where('a.plan_id', '=', plan.id)
    .where('a.unit_id', '=', unit.id)
    .where('a.measure_id', 'in', measureIds)
    .execute();
  const found = new Map(onMeasures.map((m) => [m.id, m]));
  const missing = measureIds.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      `measureIds：${unit.name}在 ${missing.length} 条所列措施上没有分工（或措施不属于该计划）`,
    );
  const now = ctx.clock.now().toISOString();
  const { year, number } = await nextNoticeNumber(ctx, trx, plan.id, now);
  const row: SupervisionNoticesTable = {
    id: randomUUID(),
    plan_id: plan.id,
    unit_id: unit.id,
    level: input.level,
    initial_level: input.level,
    reason: input.reason,
    reply_due: input.replyDue,
    state: 'issued',
    issued_by: user.userId,
    issued_at: now,
    escalated_at: null,
    closed_at: null,
    version: 1,
    updated_at: now,
    number_year: year,
    number,
  };
  await trx.insertInto('supervision_notices').values(row).execute();
  await trx
    .insertInto('notice_measures')
    .values(measureIds.map((measure_id) => ({ notice_id: row.id, measure_id })))
    .execute();
  await audit(ctx, trx, actorOf(user), {
    action: 'notice.issue',
    objectType: 'supervision_notice',
    objectId: row.id,
    after: { unitId: unit.id, level: row.level, replyDue: row.reply_due, measureIds },
  });
  const list = [...found.values()].map((m) => measureNo(m.task_no, m.seq)).join('、');
  await notify(ctx, trx, await unitRecipients(trx, unit.id), {
    kind: 'notice.issued',
    title: `督办单（${LEVEL_NAMES[row.level]}）：措施 ${list}`,
    body: `${input.reason}\n请于 ${row.reply_due} 前答复。`,
    objectType: 'notice',
    objectId: row.id,
    planId: plan.id,
    email: true,
  });
  return row.id;
}

/**
 * The next 督办单 number of a plan in the Beijing year of `at`: one more than the highest so far. The
 * plan row is locked first, so two offices issuing at once on PostgreSQL take the numbers in turn.
 */
async function nextNoticeNumber(ctx: AppContext, trx: Trx, planId: string, at: string) {
  await lockRow(ctx, trx, 'plans', planId);
  const year = Number(beijingDay(at).slice(0, 4));
  const top = await trx
    .selectFrom('supervision_notices')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', planId)
    .where('number_year', '=', year)
    .executeTakeFirst();
  return { year, number: Number(top?.n ?? 0) + 1 };
}

/** The notice, locked for the rest of the transaction (answers and decisions on it go one at a time). */
export const notices: WorkflowKind<SupervisionNoticesTable, undefined> = {
  table: 'supervision_notices',
  label: '督办单',
  objectType: 'supervision_notice',
  deadline: { column: 'reply_due', states: ['issued', 'sent_back'] },
  async load(ctx, trx, user, id) {
    await lockRow(ctx, trx, 'supervision_notices', id);
    const n = await trx.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!n || !authorize(user, 'notice.read', { type: 'unitOwned', unitId: n.unit_id }))
      throw notFound('督办单');
    return { row: n, subject: undefined };
  },
};
export type NoticeStep<I, P = void> = Step<SupervisionNoticesTable, undefined, I, P>;
export const planOpen = (x: { trx: Trx; row: SupervisionNoticesTable }) =>
  ensureNoticePlanOpen(x.trx, x.row.plan_id);

type ReplyPrepared = { replyId: string; seq: number; attachmentIds: string[]; signoff: SignoffColumns };

const reply: NoticeStep<NoticeReplyRequest, ReplyPrepared> = {
  from: ['issued', 'sent_back'],
  wrongState: (s) => (s === 'replied' ? '已答复，等待督办人员审核' : '督办单已办结'),
  action: 'notice.reply',
  resource: (x) => ({ type: 'unitOwned', unitId: x.row.unit_id }),
  checks: ['authorize', 'guard', 'version', 'state'],
  async guard(x) {
    await planOpen(x);
    const latest = await latestReplyOf(x.trx, x.row.id);
    if (latest && isHeld(latest)) throw new AppError('INVALID_STATE', '已答复，等待本单位领导签发');
  },
  async prepare(x) {
    const previous = await x.trx
      .selectFrom('notice_replies')
      .select(['attachment_ids', 'signoff_state'])
      .where('notice_id', '=', x.row.id)
      .execute();
    // Files of a reply its leader returned go with the next one.
    const sent = new Set(
      previous
        .filter((r) => r.signoff_state !== 'returned')
        .flatMap((r) => JSON.parse(r.attachment_ids) as string[]),
    );
    const attachmentIds = await newEvidence(x.trx, 'notice', x.row.id, sent);
    const signoff = await signoffOnWrite(x.trx, x.row.plan_id);
    return { replyId: randomUUID(), seq: previous.length + 1, attachmentIds, signoff };
  },
  // Held for the unit's sign-off, the notice stays as it was until the reply leaves the unit.
  to: (x) => (isHeld(x.prepared.signoff) ? x.row.state : 'replied'),
  set: (x) => ({ updated_at: x.now }),
  audit: (x, to) => ({
    action: 'notice.reply',
    after: {
      state: to,
      replyId: x.prepared.replyId,
      evidence: x.prepared.attachmentIds.length,
      ...(isHeld(x.prepared.signoff) ? { signoff: 'pending' } : {}),
    },
  }),
  async after(x) {
    await x.trx
      .insertInto('notice_replies')
      .values({
        id: x.prepared.replyId,
        notice_id: x.row.id,
        seq: x.prepared.seq,
        text: x.input.text,
        attachment_ids: JSON.stringify(x.prepared.attachmentIds),
        replied_by: x.user.userId,
        replied_at: x.now,
        decision: null,
        decision_comment: null,
        decided_by: null,
        decided_at: null,
        ...x.prepared.signoff,
      })
      .execute();
    const message = {
      body: x.input.text.slice(0, 500),
      objectType: 'notice',
      objectId: x.row.id,
      planId: x.row.plan_id,
    };
    if (isHeld(x.prepared.signoff))
      await notifySignoffNeeded(x.ctx, x.trx, x.row.unit_id, {
        ...message,
        kind: 'notice.pending_signoff',
        title: `待签发：督办单答复（${x.user.unitName}）`,
      });
    else await notifyReplied(x, x.user.unitName, x.input.text);
  },
};

/** The office hears of a reply once it has left the unit. */
export async function notifyReplied(
  x: { ctx: AppContext; trx: Trx; row: SupervisionNoticesTable },
  unitName: string,
  text?: string,
) {
  const latest = text ?? (await latestReplyOf(x.trx, x.row.id))?.text ?? '';
  await notify(x.ctx, x.trx, await supervisorRecipients(x.trx), {
    kind: 'notice.replied',
    title: `督办单已答复：${unitName}`,
    body: latest.slice(0, 500),
    objectType: 'notice',
    objectId: x.row.id,
    planId: x.row.plan_id,
  });
}

/** A notice's latest reply, if any. */
export const latestReplyOf = (trx: Trx, noticeId: string) =>
  trx
    .selectFrom('notice_replies')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();

/** The reply being decided: the latest. */
const latestReply = (trx: Trx, noticeId: string) =>
  trx
    .selectFrom('notice_replies')
    .select(['id', 'replied_by'])
    .where('notice_id', '=', noticeId)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();

const decide: NoticeStep<NoticeDecisionRequest, { replyId: string }> = {
  from: ['replied'],
  wrongState: () => '督办单尚未答复或已办结，不能审核',
  action: 'notice.decide',
  checks: ['guard', 'version', 'state', 'authorize'],
  guard: planOpen,
  resource: async (x) => replyDecision(x.row.unit_id, (await latestReply(x.trx, x.row.id)).replied_by),
  prepare: async (x) => ({ replyId: (await latestReply(x.trx, x.row.id)).id }),
  to: (x) => (x.input.decision === 'accept' ? 'accepted' : 'sent_back'),
  set: (x, to) => ({ closed_at: to === 'accepted' ? x.now : null, updated_at: x.now }),
  audit: (x, to) => ({
    action: to === 'accepted' ? 'notice.accept' : 'notice.send_back',
    after: { state: to },
    detail: x.input.comment ? { comment: x.input.comment } : undefined,
  }),
  async after(x, to) {
    const accept = to === 'accepted';
    const comment = x.input.comment;
    await x.trx
      .updateTable('notice_replies')
      .set({
        decision: accept ? 'accepted' : 'sent_back',
        decision_comment: comment?.trim() || null,
        decided_by: x.user.userId,
        decided_at: x.now,
      })
      .where('id', '=', x.prepared.replyId)
      .execute();
    await notify(x.ctx, x.trx, await unitRecipients(x.trx, x.row.unit_id), {
      kind: accept ? 'notice.accepted' : 'notice.sent_back',
      title: accept ? '督办单已办结' : '督办单答复被退回',
      body: accept
        ? `答复已认可${comment ? `：${sentence(comment)}` : '。'}`
        : `请重新答复：${comment ?? ''}`,
      objectType: 'notice',
      objectId: x.row.id,
      planId: x.row.plan_id,
    });
  },
};

export const noticeSteps = { reply, decide };
