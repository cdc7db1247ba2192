/** Reading cases: the list (filters, paging, what waits for me) and one case with its timeline. */
import {
  CASE_CLOCK_STATES,
  CASE_STATES,
  type CaseDetail,
  type CasesQuery,
  type CasesResponse,
} from '@lantian/contract';
import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { todayOf } from '../supervision/day.ts';
import { caseEvidence } from './cases.evidence.ts';
import { caseVisible, officeDecision } from './cases.kind.ts';
import { suggestedUnit } from './cases.place.ts';
import { isOverdue, type ListedCase, presentCase } from './cases.present.ts';

type Eb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

const SORTS = {
  reportedAt: 'c.reported_at',
  dueOn: 'c.due_on',
  occurredAt: 'c.occurred_at',
} as const;

const OFFICE_QUEUE = ['reported', 'verified', 'returned', 'reopened', 'feedback'] as const;
const UNIT_QUEUE = ['dispatched', 'signed', 'rectifying', 'rework'] as const;

function base(db: Executor) {
  return db
    .selectFrom('cases as c')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('case_categories as k', 'k.code', 'c.category')
    .leftJoin('areas as ar', 'ar.id', 'c.area_id');
}

function overdueExpr(eb: Eb, today: string) {
  return eb.or([
    eb.and([eb('c.state', 'in', [...CASE_CLOCK_STATES]), eb('c.due_on', '<', today)]),
    eb.and([eb('c.closed_on', 'is not', null), eb('c.closed_on', '>', eb.ref('c.due_on'))]),
  ]);
}

export async function listCases(ctx: AppContext, user: Principal, q: CasesQuery): Promise<CasesResponse> {
  const db = ctx.db.kysely;
  const today = todayOf(ctx.clock);
  const office = user.roles.includes('supervisor');
  const states = q.state?.split(',');
  const bad = states?.find((s) => !(CASE_STATES as readonly string[]).includes(s));
  if (bad) throw new AppError('VALIDATION_FAILED', `state：未知的状态“${bad}”`);
  const where = (eb: Eb) => {
    const all = [];
    if (!office) all.push(eb('c.unit_id', '=', user.unitId), eb('c.dispatched_at', 'is not', null));
    if (states) all.push(eb('c.state', 'in', states as CaseDetail['state'][]));
    if (q.category) all.push(eb('c.category', '=', q.category));
    if (q.severity) all.push(eb('c.severity', '=', q.severity));
    if (q.origin) all.push(eb('c.origin', '=', q.origin));
    if (q.source) all.push(eb('c.source', '=', q.source));
    if (q.unitId) all.push(eb('c.unit_id', '=', q.unitId));
    if (q.district) all.push(eb('c.district', '=', q.district));
    if (q.street) all.push(eb('c.street', '=', q.street));
    if (q.from) all.push(eb('c.reported_day', '>=', q.from));
    if (q.to) all.push(eb('c.reported_day', '<=', q.to));
    if (q.q) {
      const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const l = (col: 'c.number' | 'c.address' | 'c.description' | 'c.external_id') =>
        eb(eb.fn('lower', [eb.ref(col)]), 'like', like);
      all.push(eb.or([l('c.number'), l('c.address'), l('c.description'), l('c.external_id')]));
    }
    if (q.overdue === 'true') all.push(overdueExpr(eb, today));
    if (q.overdue === 'false') all.push(eb.not(overdueExpr(eb, today)));
    if (q.awaitingMe === 'true')
      all.push(
        office
          ? eb.or([
              eb('c.state', 'in', [...OFFICE_QUEUE]),
              eb('c.extension_state', '=', 'pending'),
              eb.and([eb('c.state', '=', 'closed'), eb('c.revisit_on', '<=', today)]),
            ])
          : eb('c.state', 'in', [...UNIT_QUEUE]),
      );
    return eb.and(all);
  };
  const desc = q.sort.startsWith('-');
  const col = SORTS[q.sort.replace('-', '') as keyof typeof SORTS];
  // The page's ids first, from the cases alone, then only those rows with their names: sorting and
  // skipping tens of thousands of matches never carries whole rows and joins along (a planner without
  // statistics — SQLite before its first ANALYZE, PostgreSQL right after a bulk load — did just that).
  const [ids, count] = await Promise.all([
    db
      .selectFrom('cases as c')
      .select('c.id')
      .where(where)
      .orderBy(col, desc ? 'desc' : 'asc')
      .orderBy('c.id', desc ? 'desc' : 'asc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom('cases as c')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  const rows =
    ids.length === 0
      ? []
      : await base(db)
          .selectAll('c')
          .select(['u.name as unit_name', 'k.name as category_name', 'ar.code as area_code'])
          .where(
            'c.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
    cases: ids.flatMap((r) => {
      const row = byId.get(r.id);
      return row ? [presentCase(row as ListedCase, today)] : [];
    }),
  };
}

export async function caseDetail(ctx: AppContext, user: Principal, id: string): Promise<CaseDetail> {
  const db = ctx.db.kysely;
  const r = (await base(db)
    .selectAll('c')
    .select(['u.name as unit_name', 'k.name as category_name', 'ar.code as area_code'])
    .where('c.id', '=', id)
    .executeTakeFirst()) as ListedCase | undefined;
  if (!r || !caseVisible(user, r)) throw notFound('问题案件');
  const today = todayOf(ctx.clock);
  const office = user.roles.includes('supervisor');
  const [events, evidence, links] = await Promise.all([
    db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
    caseEvidence(db, id),
    db
      .selectFrom('cases')
      .select(['id', 'number', 'state', 'duplicate_of', 'repeat_of', 'unit_id'])
      .where((eb) =>
        eb.or([
          eb('id', 'in', [r.duplicate_of ?? '', r.repeat_of ?? '']),
          eb('duplicate_of', '=', id),
          eb('repeat_of', '=', id),
        ]),
      )
      .orderBy('reported_at')
      .execute(),
  ]);
  const unitCase = { type: 'unitOwned' as const, unitId: r.unit_id ?? '' };
  const can = (ok: boolean, f: () => boolean) => ok && f();
  const clock = (CASE_CLOCK_STATES as readonly string[]).includes(r.state);
  return {
    ...presentCase(r, today),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      fromState: (e.from_state as CaseDetail['state'] | null) ?? null,
      toState: (e.to_state as CaseDetail['state'] | null) ?? null,
      by: e.user_name,
      byUnitName: e.unit_name,
      comment: e.comment,
      detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
    })),
    evidence,
    feedbackText: r.feedback_text,
    extension:
      r.extension_state && r.extension_due && r.extension_at
        ? {
            state: r.extension_state,
            requestedDue: r.extension_due,
            reason: r.extension_reason ?? '',
            requestedAt: r.extension_at,
            decidedAt: r.extension_decided_at,
            decisionComment: r.extension_comment,
          }
        : null,
    suggestedUnit: office ? await suggestedUnit(db, r.area_id, r.district) : null,
    linked: links
      .filter((l) => l.id !== id && (office || caseVisible(user, l)))
      .map((l) => ({
        id: l.id,
        number: l.number,
        state: l.state,
        relation:
          l.id === r.duplicate_of
            ? ('duplicateOf' as const)
            : l.id === r.repeat_of
              ? ('repeatOf' as const)
              : l.duplicate_of === id
                ? ('duplicate' as const)
                : ('repeat' as const),
      })),
    actions: {
      verify: can(r.state === 'reported', () =>
        authorize(user, 'case.verify', officeDecision(r.reported_by)),
      ),
      dispatch: can(['verified', 'returned', 'reopened'].includes(r.state), () =>
        authorize(user, 'case.dispatch'),
      ),
      sign: can(r.state === 'dispatched', () => authorize(user, 'case.sign', unitCase)),
      rectify: can(['signed', 'rework'].includes(r.state), () => authorize(user, 'case.rectify', unitCase)),
      feedback: can(r.state === 'rectifying', () => authorize(user, 'case.feedback', unitCase)),
      check: can(r.state === 'feedback', () => authorize(user, 'case.check', officeDecision(r.feedback_by))),
      revisit: can(r.state === 'closed' && !!r.revisit_on && r.revisit_on <= today, () =>
        authorize(user, 'case.revisit'),
      ),
      requestExtension: can(clock && r.extension_state !== 'pending', () =>
        authorize(user, 'case.requestExtension', unitCase),
      ),
      decideExtension: can(clock && r.extension_state === 'pending', () =>
        authorize(user, 'case.decideExtension', officeDecision(r.extension_by)),
      ),
      uploadEvidence: can(['signed', 'rectifying', 'rework'].includes(r.state), () =>
        authorize(user, 'case.evidence', unitCase),
      ),
    },
  };
}

export { isOverdue };
