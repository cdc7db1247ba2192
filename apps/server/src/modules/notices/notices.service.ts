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
import { authorize, ensureAuthorized } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, supervisorRecipients, unitRecipients } from '../notifications/notify.ts';
import { sentence } from '../notifications/sentence.ts';
import { ensureNoticePlanOpen, versionConflict } from '../supervision/common.ts';
import { parseDay, todayOf } from '../supervision/day.ts';
import { replyDecision } from '../supervision/requests.ts';

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

/** The notice, locked for the rest of the transaction (answers and decisions on it go one at a time). */
async function visibleNotice(ctx: AppContext, trx: Trx, user: Principal, id: string) {
  await lockRow(ctx, trx, 'supervision_notices', id);
  const n = await trx.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n || !authorize(user, 'notice.read', { type: 'unitOwned', unitId: n.unit_id }))
    throw notFound('督办单');
  return n;
}

async function bump(
  trx: Trx,
  n: SupervisionNoticesTable,
  version: number,
  changes: Partial<SupervisionNoticesTable>,
) {
  const r = await trx
    .updateTable('supervision_notices')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', n.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw versionConflict('督办单');
}

export async function replyNotice(ctx: AppContext, user: Principal, id: string, input: NoticeReplyRequest) {
  await transaction(ctx, async (trx) => {
    const n = await visibleNotice(ctx, trx, user, id);
    ensureAuthorized(user, 'notice.reply', { type: 'unitOwned', unitId: n.unit_id });
    await ensureNoticePlanOpen(trx, n.plan_id);
    if (n.version !== input.version) throw versionConflict('督办单');
    if (n.state !== 'issued' && n.state !== 'sent_back')
      throw new AppError(
        'INVALID_STATE',
        n.state === 'replied' ? '已答复，等待督办人员审核' : '督办单已办结',
      );
    const previous = await trx
      .selectFrom('notice_replies')
      .select(['attachment_ids', 'seq'])
      .where('notice_id', '=', id)
      .execute();
    const sent = new Set(previous.flatMap((r) => JSON.parse(r.attachment_ids) as string[]));
    const files = await trx
      .selectFrom('attachments')
      .select('id')
      .where('owner_type', '=', 'notice')
      .where('owner_id', '=', id)
      .orderBy('uploaded_at')
      .execute();
    const now = ctx.clock.now().toISOString();
    const replyId = randomUUID();
    const attachmentIds = files.map((f) => f.id).filter((f) => !sent.has(f));
    await trx
      .insertInto('notice_replies')
      .values({
        id: replyId,
        notice_id: id,
        seq: previous.length + 1,
        text: input.text,
        attachment_ids: JSON.stringify(attachmentIds),
        replied_by: user.userId,
        replied_at: now,
        decision: null,
        decision_comment: null,
        decided_by: null,
        decided_at: null,
      })
      .execute();
    await bump(trx, n, input.version, { state: 'replied', updated_at: now });
    await audit(ctx, trx, actorOf(user), {
      action: 'notice.reply',
      objectType: 'supervision_notice',
      objectId: id,
      before: { state: n.state },
      after: { state: 'replied', replyId, evidence: attachmentIds.length },
    });
    await notify(ctx, trx, await supervisorRecipients(trx), {
      kind: 'notice.replied',
      title: `督办单已答复：${user.unitName}`,
      body: input.text.slice(0, 500),
      objectType: 'notice',
      objectId: id,
      planId: n.plan_id,
    });
  });
}

export async function decideNotice(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: NoticeDecisionRequest,
) {
  await transaction(ctx, async (trx) => {
    const n = await visibleNotice(ctx, trx, user, id);
    await ensureNoticePlanOpen(trx, n.plan_id);
    if (n.version !== input.version) throw versionConflict('督办单');
    if (n.state !== 'replied') throw new AppError('INVALID_STATE', '督办单尚未答复或已办结，不能审核');
    const reply = await trx
      .selectFrom('notice_replies')
      .select(['id', 'replied_by'])
      .where('notice_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    ensureAuthorized(user, 'notice.decide', replyDecision(n.unit_id, reply.replied_by));
    const now = ctx.clock.now().toISOString();
    const accept = input.decision === 'accept';
    await trx
      .updateTable('notice_replies')
      .set({
        decision: accept ? 'accepted' : 'sent_back',
        decision_comment: input.comment?.trim() || null,
        decided_by: user.userId,
        decided_at: now,
      })
      .where('id', '=', reply.id)
      .execute();
    await bump(trx, n, input.version, {
      state: accept ? 'accepted' : 'sent_back',
      closed_at: accept ? now : null,
      updated_at: now,
    });
    await audit(ctx, trx, actorOf(user), {
      action: accept ? 'notice.accept' : 'notice.send_back',
      objectType: 'supervision_notice',
      objectId: id,
      before: { state: n.state },
      after: { state: accept ? 'accepted' : 'sent_back' },
      detail: input.comment ? { comment: input.comment } : undefined,
    });
    await notify(ctx, trx, await unitRecipients(trx, n.unit_id), {
      kind: accept ? 'notice.accepted' : 'notice.sent_back',
      title: accept ? '督办单已办结' : '督办单答复被退回',
      body: accept
        ? `答复已认可${input.comment ? `：${sentence(input.comment)}` : '。'}`
        : `请重新答复：${input.comment ?? ''}`,
      objectType: 'notice',
      objectId: id,
      planId: n.plan_id,
    });
  });
}
