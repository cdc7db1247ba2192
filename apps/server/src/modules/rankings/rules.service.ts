/**
 * The office's rules on measured data ("in the bottom 10 of the street ranking 2 periods in a row",
 * "above its goal 3 months in a row") PROPOSE a 督办单 or a 约谈 entry for an area's unit. Nothing is
 * sent until a supervisor confirms a proposal; confirming issues the notice through the notices service.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConfirmProposalRequest,
  DismissProposalRequest,
  Proposal,
  Rule,
  RuleInput,
  RuleUpdate,
} from '@lantian/contract';
import { bottomN, parsePeriod, periodsEndingWith } from '@lantian/core';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { MonitoringRulesTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { areaViews } from '../areas/areas.repository.ts';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { goalsOf } from '../indicators/indicators.repository.ts';
import { goalFor, requireIndicator } from '../indicators/indicators.service.ts';
import { issueNotice } from '../notices/notices.service.ts';
import { computeRanking } from './rankings.query.ts';

function ruleView(r: MonitoringRulesTable, code: string): Rule {
  return {
    id: r.id,
    name: r.name,
    indicator: code,
    kind: r.kind,
    level: r.level,
    n: r.n,
    periods: r.periods,
    action: r.action,
    planId: r.plan_id,
    measureId: r.measure_id,
    active: r.active === 1,
  };
}

export async function listRules(db: Executor): Promise<Rule[]> {
  const rows = await db
    .selectFrom('monitoring_rules as r')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .selectAll('r')
    .select('i.code')
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ruleView(r, r.code));
}

export async function createRule(ctx: AppContext, user: Principal, input: RuleInput): Promise<Rule> {
  return transaction(ctx, async (trx) => {
    const indicator = await requireIndicator(trx, input.indicator);
    await requireMeasureOfPlan(trx, input.planId, input.measureId);
    const row: MonitoringRulesTable = {
      id: randomUUID(),
      name: input.name,
      indicator_id: indicator.id,
      kind: input.kind,
      level: input.level,
      n: input.n ?? null,
      periods: input.periods,
      action: input.action,
      plan_id: input.planId,
      measure_id: input.measureId,
      active: 1,
      created_by: user.userId,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('monitoring_rules').values(row).execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'rule.create',
      objectType: 'monitoring_rule',
      objectId: row.id,
      after: input,
    });
    return ruleView(row, indicator.code);
  });
}

async function requireMeasureOfPlan(trx: Trx, planId: string, measureId: string): Promise<void> {
  const measure = await trx
    .selectFrom('measures')
    .select('id')
    .where('id', '=', measureId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!measure) throw new AppError('VALIDATION_FAILED', 'measureId：措施不属于该计划');
}

/**
 * Edit a rule, or disable / enable it (`active`). What it proposed stays as decided; a changed rule
 * applies from its next evaluation (the daily job's remembered period is kept, so a period already
 * evaluated is not evaluated again by the job; the office's "evaluate" may re-run it).
 */
export async function updateRule(
  ctx: AppContext,
  user: Principal,
  ruleId: string,
  input: RuleUpdate,
): Promise<Rule> {
  return transaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('monitoring_rules as r')
      .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
      .selectAll('r')
      .select('i.code')
      .where('r.id', '=', ruleId)
      .executeTakeFirst();
    if (!row) throw notFound('规则');
    const { code, ...current } = row;
    const next: MonitoringRulesTable = {
      ...current,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.level !== undefined && { level: input.level }),
      ...(input.n !== undefined && { n: input.n }),
      ...(input.periods !== undefined && { periods: input.periods }),
      ...(input.action !== undefined && { action: input.action }),
      ...(input.planId !== undefined && { plan_id: input.planId }),
      ...(input.measureId !== undefined && { measure_id: input.measureId }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    };
    if (next.kind === 'bottom_n' && next.n === null)
      throw new AppError('VALIDATION_FAILED', 'n：“排名后 N 名”规则须给出 N');
    if (next.kind === 'above_goal') next.n = null;
    if (input.planId !== undefined && input.measureId !== undefined)
      await requireMeasureOfPlan(trx, input.planId, input.measureId);
    const { id, created_by, created_at, indicator_id, ...changes } = next;
    await trx.updateTable('monitoring_rules').set(changes).where('id', '=', id).execute();
    await audit(ctx, trx, actorOf(user), {
      action: input.active === false ? 'rule.disable' : input.active ? 'rule.enable' : 'rule.update',
      objectType: 'monitoring_rule',
      objectId: id,
      before: ruleView(current, code),
      after: input,
    });
    return ruleView(next, code);
  });
}

type Evidence = { period: string; rank: number | null; value: number | null };

/** Which areas the rule catches for the run of periods ending with `period`, with the evidence. */
export async function ruleMatches(
  db: Executor,
  rule: MonitoringRulesTable,
  code: string,
  period: string,
): Promise<Map<string, Evidence[]>> {
  const p = parsePeriod(period);
  if (!p) throw new AppError('VALIDATION_FAILED', `period：${period} 不是有效期间`);
  const run = periodsEndingWith(p, rule.periods);
  const goals =
    rule.kind === 'above_goal'
      ? (await goalsOf(db, rule.indicator_id)).map((g) => ({ ...g, value: Number(g.value) }))
      : [];
  let caught: Map<string, Evidence[]> | null = null;
  for (const q of run) {
    const { ranking, indicator } = await computeRanking(db, {
      indicator: code,
      period: q.key,
      level: rule.level,
      by: 'value',
      cumulative: false,
    });
    const hits = new Map<string, Evidence>();
    if (rule.kind === 'bottom_n') {
      for (const r of bottomN(ranking.rows, rule.n ?? 10))
        hits.set(r.areaId, { period: q.key, rank: r.rank, value: r.value });
    } else {
      for (const r of ranking.rows) {
        const goal = goalFor(goals, r.areaId, q.key);
        if (goal === null) continue;
        const worse = indicator.better === 'lower' ? r.value > goal : r.value < goal;
        if (worse) hits.set(r.areaId, { period: q.key, rank: r.rank, value: r.value });
      }
    }
    const next = new Map<string, Evidence[]>();
    for (const [id, e] of hits) {
      const before: Evidence[] | undefined = caught ? caught.get(id) : [];
      if (before) next.set(id, [...before, e]);
    }
    caught = next;
  }
  return caught ?? new Map();
}

/** Evaluate a rule for a period and store its proposals (once per rule, area and period). */
export async function evaluateRule(
  ctx: AppContext,
  user: Principal,
  ruleId: string,
  period: string,
): Promise<Proposal[]> {
  await transaction(ctx, (trx) => proposeForRule(ctx, trx, actorOf(user), ruleId, period));
  return (await listProposals(ctx.db.kysely, {})).filter(
    (p) => p.ruleId === ruleId && p.period === (parsePeriod(period)?.key ?? period),
  );
}

/**
 * Inside the caller's transaction: store the proposals a rule makes for a period (an area already
 * proposed for that rule and period, whatever was decided, is not proposed again); returns how many
 * were new. The daily job (jobs/rules.job.ts) and the office's "evaluate" both come here.
 */
export async function proposeForRule(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  ruleId: string,
  period: string,
): Promise<number> {
  const rule = await trx
    .selectFrom('monitoring_rules')
    .selectAll()
    .where('id', '=', ruleId)
    .executeTakeFirst();
  if (!rule) throw notFound('规则');
  const indicator = await trx
    .selectFrom('indicators')
    .select('code')
    .where('id', '=', rule.indicator_id)
    .executeTakeFirstOrThrow();
  const matches = await ruleMatches(trx, rule, indicator.code, period);
  const { byId } = await areaViews(trx);
  const now = ctx.clock.now().toISOString();
  const key = parsePeriod(period)?.key ?? period;
  const rows = [...matches]
    .map(([areaId, evidence]) => ({ area: byId.get(areaId), evidence }))
    .filter((x) => x.area?.unitId)
    .map(({ area, evidence }) => ({
      id: randomUUID(),
      rule_id: rule.id,
      area_id: area?.id as string,
      unit_id: area?.unitId as string,
      period: key,
      evidence: JSON.stringify(evidence),
      state: 'proposed' as const,
      notice_id: null,
      case_id: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
    }));
  let added = 0;
  for (const r of rows) {
    const res = await trx
      .insertInto('rule_proposals')
      .values(r)
      .onConflict((oc) => oc.columns(['rule_id', 'area_id', 'period']).doNothing())
      .executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  await audit(ctx, trx, actor, {
    action: 'rule.evaluate',
    objectType: 'monitoring_rule',
    objectId: rule.id,
    detail: { period: key, matches: rows.length, added },
  });
  return added;
}

export async function listProposals(db: Executor, q: { state?: Proposal['state'] }): Promise<Proposal[]> {
  let query = db
    .selectFrom('rule_proposals as p')
    .innerJoin('monitoring_rules as r', 'r.id', 'p.rule_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select(['r.name as rule_name', 'r.action', 'u.name as unit_name']);
  if (q.state) query = query.where('p.state', '=', q.state);
  const rows = await query.orderBy('p.created_at').orderBy('p.id').execute();
  const { byId } = await areaViews(db);
  return rows.map((p) => ({
    id: p.id,
    ruleId: p.rule_id,
    rule: p.rule_name,
    action: p.action,
    areaId: p.area_id,
    area: byId.get(p.area_id)?.name ?? '',
    district: byId.get(p.area_id)?.parentName ?? null,
    unitId: p.unit_id,
    unit: p.unit_name,
    period: p.period,
    evidence: JSON.parse(p.evidence),
    state: p.state,
    noticeId: p.notice_id,
    caseId: p.case_id ?? null,
    dismissReason: p.dismiss_reason ?? null,
    createdAt: p.created_at,
  }));
}

/** `2022-10-H1 第 340 名（300）；2022-10-H2 第 341 名（300）` — the facts the rule saw. */
export function evidenceText(evidence: Proposal['evidence']): string {
  return evidence.map((e) => `${e.period} 第 ${e.rank ?? '—'} 名（${e.value ?? '数据不足'}）`).join('；');
}

/** The supervisor's one click: claim the proposal, then issue the notice (released again if that fails). */
export async function confirmProposal(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: ConfirmProposalRequest,
): Promise<Proposal> {
  const p = (await listProposals(ctx.db.kysely, {})).find((x) => x.id === id);
  if (!p) throw notFound('建议');
  const claimed = await ctx.db.kysely
    .updateTable('rule_proposals')
    .set({ state: 'confirmed', decided_by: user.userId, decided_at: ctx.clock.now().toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'proposed')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('INVALID_STATE', '该建议已处理');
  const rule = await ctx.db.kysely
    .selectFrom('monitoring_rules')
    .selectAll()
    .where('id', '=', p.ruleId)
    .executeTakeFirstOrThrow();
  const evidence = evidenceText(p.evidence);
  try {
    const noticeId = await issueNotice(ctx, user, {
      planId: rule.plan_id,
      unitId: p.unitId,
      measureIds: [rule.measure_id],
      level: input.level ?? 'yellow',
      replyDue: input.replyDue,
      reason:
        input.reason ??
        `${p.action === 'summons' ? '约谈：' : ''}${p.district ? `${p.district}` : ''}${p.area}触发规则“${p.rule}”：${evidence}`,
    });
    await ctx.db.kysely
      .updateTable('rule_proposals')
      .set({ notice_id: noticeId })
      .where('id', '=', id)
      .execute();
    return { ...p, state: 'confirmed', noticeId };
  } catch (e) {
    await ctx.db.kysely
      .updateTable('rule_proposals')
      .set({ state: 'proposed', decided_by: null, decided_at: null })
      .where('id', '=', id)
      .execute();
    throw e;
  }
}

export async function dismissProposal(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: DismissProposalRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const r = await trx
      .updateTable('rule_proposals')
      .set({
        state: 'dismissed',
        decided_by: user.userId,
        decided_at: ctx.clock.now().toISOString(),
        dismiss_reason: input.reason,
      })
      .where('id', '=', id)
      .where('state', '=', 'proposed')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      const exists = await trx
        .selectFrom('rule_proposals')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND', '该建议不存在');
      throw new AppError('INVALID_STATE', '该建议已处理');
    }
    await audit(ctx, trx, actorOf(user), {
      action: 'proposal.dismiss',
      objectType: 'rule_proposal',
      objectId: id,
      detail: { reason: input.reason },
    });
  });
}
