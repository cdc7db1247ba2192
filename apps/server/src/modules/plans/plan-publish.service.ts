/**
 * Publishing: every unit and group named in a role cell becomes one assignment per member unit
 * (measure × unit × role), remembering the group it came through. Publishing twice changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { PublishPlanResponse } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { AssignmentsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { refreshPlan } from '../status/summary.ts';
import { todayOf } from '../supervision/day.ts';
import { planReview } from './plan-review.service.ts';
import { retireReplaced } from './plan-versions.service.ts';
import { presentPlanSummary } from './plans.presenters.ts';
import { insertMany, mentionsOf, planSummaries } from './plans.repository.ts';

/** The assignments a draft expands to. Units named directly win over the same unit reached through a group. */
export async function expandAssignments(
  ctx: AppContext,
  trx: Trx,
  planId: string,
): Promise<AssignmentsTable[]> {
  const [mentions, members, decided, groups, retired] = await Promise.all([
    mentionsOf(trx, { planId }),
    trx.selectFrom('unit_group_members').select(['group_id', 'unit_id']).execute(),
    trx
      .selectFrom('plan_group_decision_units')
      .select(['group_id', 'unit_id'])
      .where('plan_id', '=', planId)
      .execute(),
    trx.selectFrom('unit_groups').select(['id', 'decided_per_plan']).execute(),
    trx
      .selectFrom('units')
      .select(['id', 'name', 'merged_into'])
      .where('disabled_at', 'is not', null)
      .execute(),
  ]);
  // A merged unit's work goes to its successor; a disabled unit gets none (a group's other members do).
  const gone = new Map(retired.map((u) => [u.id, u]));
  const current = (unitId: string): string | null => {
    let id: string | null = unitId;
    for (let hops = 0; id && gone.has(id) && hops < 20; hops++) id = gone.get(id)?.merged_into ?? null;
    return id && !gone.has(id) ? id : null;
  };
  for (const m of mentions) {
    if (m.unit_id && !current(m.unit_id))
      throw new AppError(
        'PLAN_NOT_READY',
        `计划还不能发布：单位“${gone.get(m.unit_id)?.name ?? ''}”已停用，请在审核中改为其他单位`,
      );
  }
  const perPlan = new Set(groups.filter((g) => g.decided_per_plan === 1).map((g) => g.id));
  const membersOf = (groupId: string) =>
    (perPlan.has(groupId) ? decided : members).filter((m) => m.group_id === groupId).map((m) => m.unit_id);
  const now = ctx.clock.now().toISOString();
  const rows = new Map<string, AssignmentsTable>();
  const add = (m: (typeof mentions)[number], named: string, via: string | null) => {
    const unitId = current(named);
    if (!unitId) return;
    const key = `${m.measure_id}|${unitId}|${m.role}`;
    if (rows.has(key)) return;
    rows.set(key, {
      id: randomUUID(),
      plan_id: planId,
      measure_id: m.measure_id,
      unit_id: unitId,
      role: m.role,
      via_group_id: via,
      acting_as: via ? null : m.acting_as,
      created_at: now,
    });
  };
  for (const m of mentions) if (m.unit_id) add(m, m.unit_id, null);
  for (const m of mentions) {
    if (m.unit_id || !m.group_id) continue;
    for (const unitId of membersOf(m.group_id)) add(m, unitId, m.group_id);
  }
  return [...rows.values()];
}

export async function publishPlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
): Promise<PublishPlanResponse> {
  return transaction(ctx, async (trx) => {
    let q = trx.selectFrom('plans').select(['id', 'status']).where('id', '=', planId);
    if (ctx.db.dialect === 'postgres') q = q.forUpdate();
    const plan = await q.executeTakeFirst();
    if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
    if (plan.status === 'archived') throw new AppError('PLAN_ARCHIVED', '计划已归档，不能发布');
    let created = 0;
    if (plan.status === 'draft') {
      const review = await planReview(trx, planId);
      if (!review.readyToPublish) {
        throw new AppError('PLAN_NOT_READY', `计划还不能发布：${review.blocking.join('；')}`, {
          blocking: review.blocking,
        });
      }
      const rows = await expandAssignments(ctx, trx, planId);
      // Idempotent even if assignments somehow exist already: the unique key drops duplicates.
      const existing = new Set(
        (
          await trx
            .selectFrom('assignments')
            .select(['measure_id', 'unit_id', 'role'])
            .where('plan_id', '=', planId)
            .execute()
        ).map((a) => `${a.measure_id}|${a.unit_id}|${a.role}`),
      );
      const fresh = rows.filter((r) => !existing.has(`${r.measure_id}|${r.unit_id}|${r.role}`));
      await insertMany(trx, 'assignments', fresh);
      created = fresh.length;
      const now = ctx.clock.now().toISOString();
      await trx
        .updateTable('plans')
        .set((eb) => ({
          status: 'published',
          published_at: now,
          published_by: actor.userId,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', planId)
        .execute();
      await audit(ctx, trx, actor, {
        action: 'plan.publish',
        objectType: 'plan',
        objectId: planId,
        before: { status: 'draft' },
        after: { status: 'published' },
        detail: { assignments: created },
      });
      // A new version takes the old one's place in the same transaction: units never see both.
      await retireReplaced(ctx, trx, actor, planId);
      // The lights are there from the first look: nobody waits for the first read to compute them.
      await refreshPlan(ctx, trx, planId, todayOf(ctx.clock));
    }
    const [summary] = await planSummaries(trx, { id: planId });
    return {
      plan: presentPlanSummary(summary as NonNullable<typeof summary>),
      assignmentsCreated: created,
      alreadyPublished: plan.status === 'published',
    };
  });
}

/** Archiving lives with withdrawing in plan-retire.service.ts. */
export { archivePlan } from './plan-retire.service.ts';
