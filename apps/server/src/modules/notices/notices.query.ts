/** Reading notices: the office sees all; a unit sees those issued to it. */
import type { Notice, NoticeDetailResponse, NoticesQuery, NoticesResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { SupervisionNoticesTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { evidenceOf } from '../evidence/evidence.service.ts';
import { pageOf, planOpen, userNames } from '../supervision/common.ts';
import { todayOf } from '../supervision/day.ts';
import { replyDecision } from '../supervision/requests.ts';
import { isHeld, presentSignoff } from '../workflow/request-signoff.ts';

const AWAITING = ['issued', 'sent_back'];

/** A 督办单's number as printed: `督办〔2022〕第 12 号`. */
export function noticeNumber(n: { number_year: number | null; number: number | null }): string | null {
  return n.number_year && n.number ? `督办〔${n.number_year}〕第 ${n.number} 号` : null;
}

/** The notices with their unit, unselected and unscoped; `rowsOf` selects what a notice shows. */
const noticesOf = (db: Executor) =>
  db.selectFrom('supervision_notices as n').innerJoin('units as u', 'u.id', 'n.unit_id');
const rowsOf = (q: ReturnType<typeof noticesOf>) => q.selectAll('n').select('u.name as unit_name');

async function present(
  db: Executor,
  rows: (SupervisionNoticesTable & { unit_name: string })[],
  today: string,
) {
  const ids = rows.map((r) => r.id);
  const measures =
    ids.length === 0
      ? []
      : await db
          .selectFrom('notice_measures as nm')
          .innerJoin('measures as m', 'm.id', 'nm.measure_id')
          .select(['nm.notice_id', 'm.id', 'm.task_no', 'm.seq', 'm.text'])
          .where('nm.notice_id', 'in', ids)
          .orderBy('m.task_no')
          .orderBy('m.seq')
          .execute();
  const names = await userNames(
    db,
    rows.map((r) => r.issued_by),
  );
  return rows.map(
    (n): Notice => ({
      id: n.id,
      number: noticeNumber(n),
      planId: n.plan_id,
      unitId: n.unit_id,
      unitName: n.unit_name,
      level: n.level,
      initialLevel: n.initial_level,
      reason: n.reason,
      replyDue: n.reply_due,
      state: n.state,
      overdue: AWAITING.includes(n.state) && n.reply_due < today,
      issuedAt: n.issued_at,
      issuedBy: n.issued_by ? (names.get(n.issued_by) ?? null) : null,
      escalatedAt: n.escalated_at,
      closedAt: n.closed_at,
      version: n.version,
      measures: measures
        .filter((m) => m.notice_id === n.id)
        .map((m) => ({
          measureId: m.id,
          task: m.task_no,
          seq: m.seq,
          text: m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text,
        })),
    }),
  );
}

export async function listNotices(
  ctx: AppContext,
  user: Principal,
  q: NoticesQuery,
): Promise<NoticesResponse> {
  const db = ctx.db.kysely;
  const today = todayOf(ctx.clock);
  let base = noticesOf(db);
  if (!user.roles.includes('supervisor')) base = base.where('n.unit_id', '=', user.unitId);
  if (q.planId) base = base.where('n.plan_id', '=', q.planId);
  if (q.state) base = base.where('n.state', '=', q.state);
  if (q.level) base = base.where('n.level', '=', q.level);
  if (q.unitId) base = base.where('n.unit_id', '=', q.unitId);
  if (q.overdue === 'true')
    base = base.where('n.state', 'in', AWAITING as never[]).where('n.reply_due', '<', today);
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    rowsOf(base).orderBy('n.issued_at', 'desc').orderBy('n.id').limit(limit).offset(offset).execute(),
  ]);
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    notices: await present(db, rows, today),
  };
}

export async function noticeDetail(
  ctx: AppContext,
  user: Principal,
  id: string,
): Promise<NoticeDetailResponse> {
  const db = ctx.db.kysely;
  const n = await rowsOf(noticesOf(db)).where('n.id', '=', id).executeTakeFirst();
  if (!n || !authorize(user, 'notice.read', { type: 'unitOwned', unitId: n.unit_id }))
    throw notFound('督办单');
  const [notice] = await present(db, [n], todayOf(ctx.clock));
  // Outside the unit, a reply exists once its leader signed it off (when the plan asks for that).
  const inUnit = user.unitId === n.unit_id;
  const all = await db
    .selectFrom('notice_replies')
    .selectAll()
    .where('notice_id', '=', id)
    .orderBy('seq')
    .execute();
  const replies = inUnit ? all : all.filter((r) => !r.signoff_state || r.signoff_state === 'approved');
  const names = await userNames(
    db,
    replies.flatMap((r) => [r.replied_by, r.decided_by, r.signed_off_by]),
  );
  const who = (x: string | null) => (x ? (names.get(x) ?? null) : null);
  const files = (await evidenceOf(ctx, 'notice', [id])).get(id) ?? [];
  const sent = new Set(
    all
      .filter((r) => r.signoff_state !== 'returned')
      .flatMap((r) => JSON.parse(r.attachment_ids) as string[]),
  );
  const live = await planOpen(db, n.plan_id);
  const held = all.some(isHeld);
  const open = AWAITING.includes(n.state) && live && !held;
  const mayReply = authorize(user, 'notice.reply', { type: 'unitOwned', unitId: n.unit_id });
  return {
    notice: notice as Notice,
    replies: replies.map((r) => {
      const ids = JSON.parse(r.attachment_ids) as string[];
      return {
        id: r.id,
        text: r.text,
        repliedAt: r.replied_at,
        repliedBy: r.replied_by ? (names.get(r.replied_by) ?? null) : null,
        evidence: files.filter((f) => ids.includes(f.id)),
        decision: r.decision,
        decisionComment: r.decision_comment,
        decidedAt: r.decided_at,
        decidedBy: r.decided_by ? (names.get(r.decided_by) ?? null) : null,
        signoff: presentSignoff(r, who),
      };
    }),
    pendingEvidence: files.filter((f) => !sent.has(f.id)),
    actions: {
      reply: open && mayReply,
      decide:
        live &&
        n.state === 'replied' &&
        authorize(user, 'notice.decide', replyDecision(n.unit_id, replies[replies.length - 1]?.replied_by)),
      uploadEvidence: open && mayReply,
    },
  };
}

/**
 * The notices of a plan issued, or answered, within `[from, before)` (UTC instants), for the office's
 * bulletin, each with its first reply in that span.
 */
export async function noticesOfPeriod(
  ctx: AppContext,
  planId: string,
  from: string,
  before: string,
): Promise<(Notice & { answeredAt: string | null })[]> {
  const db = ctx.db.kysely;
  const rows = await rowsOf(noticesOf(db))
    .where('n.plan_id', '=', planId)
    .where((eb) =>
      eb.or([
        eb.and([eb('n.issued_at', '>=', from), eb('n.issued_at', '<', before)]),
        eb.exists(
          eb
            .selectFrom('notice_replies as r')
            .select('r.id')
            .whereRef('r.notice_id', '=', 'n.id')
            .where('r.replied_at', '>=', from)
            .where('r.replied_at', '<', before),
        ),
      ]),
    )
    .orderBy('n.number_year')
    .orderBy('n.number')
    .orderBy('n.issued_at')
    .execute();
  const ids = rows.map((r) => r.id);
  const replies =
    ids.length === 0
      ? []
      : await db
          .selectFrom('notice_replies')
          .select(['notice_id', 'replied_at'])
          .where('notice_id', 'in', ids)
          .where('replied_at', '>=', from)
          .where('replied_at', '<', before)
          .orderBy('replied_at')
          .execute();
  const first = new Map<string, string>();
  for (const r of replies) if (!first.has(r.notice_id)) first.set(r.notice_id, r.replied_at);
  const notices = await present(db, rows, todayOf(ctx.clock));
  return notices.map((n) => ({ ...n, answeredAt: first.get(n.id) ?? null }));
}

/** The unit that issued a notice (its issuer's unit, by its full name): the 落款 of the printed 督办单. */
export async function noticeIssuerUnit(db: Executor, noticeId: string): Promise<string | null> {
  const row = await db
    .selectFrom('supervision_notices as n')
    .innerJoin('users as s', 's.id', 'n.issued_by')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['u.name', 'u.full_name'])
    .where('n.id', '=', noticeId)
    .executeTakeFirst();
  return row ? row.full_name.trim() || row.name : null;
}
