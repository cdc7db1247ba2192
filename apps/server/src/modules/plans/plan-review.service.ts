/**
 * Review of a draft before publishing: groups whose members are decided per plan (`相关区政府`) and
 * names the directory does not know. Both must be settled before the plan can be published.
 */
import type { PlanReviewResponse } from '@lantian/contract';
import { indexDirectory, type UnitKind } from '@lantian/core';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { allGroups, allUnits, unitById, unitsByIds } from '../directory/directory.repository.ts';
import { addUnitAlias, createUnit, readDirectory } from '../directory/directory.service.ts';
import { draftPlan, planJurisdiction } from './plan-guard.ts';
import { groupDecisions } from './plans.repository.ts';

const ROLE_ORDER = { lead: 0, responsible: 1, assisting: 2 } as const;

async function mentionsWithMeasures(db: Executor, planId: string) {
  return (
    db
      .selectFrom('measure_units as mu')
      .innerJoin('measures as m', 'm.id', 'mu.measure_id')
      .select([
        'mu.name',
        'mu.kind',
        'mu.unit_id',
        'mu.group_id',
        'mu.role',
        'mu.measure_id',
        'm.task_no',
        'm.seq',
      ])
      .where('mu.plan_id', '=', planId)
      // Only what the review counts: unknown names and mentions of groups. Every mention of a 6,000-measure
      // plan read at once held the event loop for a tenth of a second right after its import.
      .where((eb) => eb.or([eb('mu.kind', '=', 'unknown'), eb('mu.group_id', 'is not', null)]))
      .orderBy('m.task_no')
      .orderBy('m.seq')
      .execute()
  );
}

/** What still needs a decision or a fix, and what has been decided. */
export async function planReview(db: Executor, planId: string): Promise<PlanReviewResponse> {
  const [mentions, groups, units, decided] = await Promise.all([
    mentionsWithMeasures(db, planId),
    allGroups(db),
    allUnits(db),
    groupDecisions(db, planId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const perPlanGroups = groups.filter((g) => g.decided_per_plan === 1);
  const decisions = perPlanGroups
    .map((g) => {
      const count = mentions.filter((m) => m.group_id === g.id).length;
      const kinds = JSON.parse(g.candidate_kinds) as UnitKind[];
      const decision = decided.decisions.find((d) => d.group_id === g.id);
      return {
        groupId: g.id,
        groupName: g.name,
        candidateKinds: kinds,
        candidates: units
          .filter((u) => kinds.length === 0 || kinds.includes(u.kind as UnitKind))
          .map((u) => ({ id: u.id, name: u.name })),
        mentions: count,
        decided: !!decision,
        units: decided.units.filter((u) => u.group_id === g.id).map((u) => ({ id: u.id, name: u.name })),
        decidedBy: decision?.decided_by ?? null,
        decidedAt: decision?.decided_at ?? null,
      };
    })
    .filter((d) => d.mentions > 0);

  const unknownByName = new Map<string, PlanReviewResponse['unknownUnits'][number]>();
  for (const m of mentions.filter((x) => x.kind === 'unknown')) {
    let entry = unknownByName.get(m.name);
    if (!entry) {
      entry = { name: m.name, mentions: [], resolved: !!m.unit_id, unitId: m.unit_id, unitName: null };
      entry.unitName = m.unit_id ? (unitName.get(m.unit_id) ?? null) : null;
      unknownByName.set(m.name, entry);
    }
    entry.mentions.push({ measureId: m.measure_id, task: m.task_no, seq: m.seq, role: m.role });
  }
  const unknownUnits = [...unknownByName.values()];
  for (const u of unknownUnits)
    u.mentions.sort((a, b) => a.task - b.task || a.seq - b.seq || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);

  const blocking = [
    ...decisions
      .filter((d) => !d.decided)
      .map((d) => `“${d.groupName}”尚未确定包括哪些单位（${d.mentions} 处）`),
    ...unknownUnits
      .filter((u) => !u.resolved)
      .map((u) => `单位“${u.name}”不在名录中，请对应到已有单位或新建（${u.mentions.length} 处）`),
  ];
  return { decisions, unknownUnits, readyToPublish: blocking.length === 0, blocking };
}

/** Decide which units a per-plan group (`相关区政府`) stands for in this plan. */
export async function decideGroup(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  groupId: string,
  unitIds: string[],
): Promise<void> {
  await transaction(ctx, async (trx) => {
    await draftPlan(ctx, trx, planId);
    const group = (await allGroups(trx)).find((g) => g.id === groupId);
    if (!group) throw new AppError('NOT_FOUND', '单位组不存在');
    if (group.decided_per_plan !== 1) {
      throw new AppError('INVALID_DECISION', `“${group.name}”的成员已在名录中确定，无需逐个计划决定`);
    }
    const used = await trx
      .selectFrom('measure_units')
      .select('id')
      .where('plan_id', '=', planId)
      .where('group_id', '=', groupId)
      .limit(1)
      .executeTakeFirst();
    if (!used) throw new AppError('INVALID_DECISION', `本计划没有提到“${group.name}”`);
    const ids = [...new Set(unitIds)];
    const units = await unitsByIds(trx, ids);
    const missing = ids.filter((id) => !units.some((u) => u.id === id));
    if (missing.length > 0) throw new AppError('INVALID_DECISION', `单位不存在：${missing.join(', ')}`);
    const kinds = JSON.parse(group.candidate_kinds) as string[];
    const wrong = units.filter((u) => kinds.length > 0 && !kinds.includes(u.kind));
    if (wrong.length > 0) {
      throw new AppError(
        'INVALID_DECISION',
        `“${group.name}”只能包括${kinds.join('、')}类单位，不能包括：${wrong.map((u) => u.name).join('、')}`,
      );
    }
    const before = (await groupDecisions(trx, planId)).units
      .filter((u) => u.group_id === groupId)
      .map((u) => u.name);
    await trx
      .deleteFrom('plan_group_decision_units')
      .where('plan_id', '=', planId)
      .where('group_id', '=', groupId)
      .execute();
    await trx
      .deleteFrom('plan_group_decisions')
      .where('plan_id', '=', planId)
      .where('group_id', '=', groupId)
      .execute();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('plan_group_decisions')
      .values({
        plan_id: planId,
        group_id: groupId,
        decided_by: actor.username ?? 'unknown',
        decided_at: now,
      })
      .execute();
    await trx
      .insertInto('plan_group_decision_units')
      .values(ids.map((unit_id) => ({ plan_id: planId, group_id: groupId, unit_id })))
      .execute();
    await audit(ctx, trx, actor, {
      action: 'plan.group_decide',
      objectType: 'plan',
      objectId: planId,
      before: { group: group.name, units: before },
      after: { group: group.name, units: units.map((u) => u.name).sort() },
    });
  });
}

export type UnknownUnitResolution =
  | { name: string; action: 'map'; unitId: string }
  | { name: string; action: 'create'; unit: { name: string; fullName: string; kind: UnitKind } };

/** Settle a name the directory did not know: map it to a unit (remembered as an alias) or create the unit. */
export async function resolveUnknownUnit(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: UnknownUnitResolution,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const plan = await draftPlan(ctx, trx, planId);
    const mention = await trx
      .selectFrom('measure_units')
      .select('id')
      .where('plan_id', '=', planId)
      .where('kind', '=', 'unknown')
      .where('name', '=', input.name)
      .limit(1)
      .executeTakeFirst();
    if (!mention) throw new AppError('NOT_FOUND', `本计划中没有未识别的单位“${input.name}”`);
    let unitId: string;
    const jurisdiction = planJurisdiction(plan);
    if (input.action === 'map') {
      const unit = await unitById(trx, input.unitId);
      if (!unit) throw new AppError('INVALID_INPUT', '要对应的单位不存在');
      unitId = unit.id;
      if (unit.name !== input.name) await addUnitAlias(ctx, trx, actor, unit.id, input.name);
    } else {
      const aliases = input.unit.name === input.name ? [] : [input.name];
      unitId = (
        await createUnit(ctx, trx, actor, {
          ...input.unit,
          aliases,
          ...(jurisdiction !== undefined ? { jurisdiction } : {}),
        })
      ).id;
    }
    await trx
      .updateTable('measure_units')
      .set({ unit_id: unitId })
      .where('plan_id', '=', planId)
      .where('kind', '=', 'unknown')
      .where('name', '=', input.name)
      .execute();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('plan_unit_resolutions')
      .values({
        plan_id: planId,
        name: input.name,
        unit_id: unitId,
        resolved_by: actor.username ?? 'unknown',
        resolved_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['plan_id', 'name'])
          .doUpdateSet({ unit_id: unitId, resolved_by: actor.username ?? 'unknown', resolved_at: now }),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'plan.unit_resolve',
      objectType: 'plan',
      objectId: planId,
      after: { name: input.name, action: input.action, unitId },
    });
  });
}

/** Unit ids for names as people write them (any alias); refuses names that are not a single unit. */
export async function unitIdsByNames(db: Executor, names: string[]): Promise<string[]> {
  const { directory, unitIds } = await readDirectory(db);
  const index = indexDirectory(directory);
  return names.map((n) => {
    const hit = index.lookup(n);
    if (hit?.type !== 'unit') throw new AppError('INVALID_INPUT', `“${n}”不是名录中的单位`);
    return unitIds.get(hit.unit.name) as string;
  });
}

/**
 * Decide, by unit names, every per-plan group of a draft whose candidates are of `kind` (the CLI's
 * `--relevant-districts`). Returns the names of the groups decided.
 */
export async function decideGroupsOfKind(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  kind: UnitKind,
  names: string[],
): Promise<string[]> {
  const review = await planReview(ctx.db.kysely, planId);
  const ids = await unitIdsByNames(ctx.db.kysely, names);
  const groups = review.decisions.filter((d) => d.candidateKinds.includes(kind));
  for (const g of groups) await decideGroup(ctx, actor, planId, g.groupId, ids);
  return groups.map((g) => g.groupName);
}

/** Decide one per-plan group by its name (the CLI's `--decide GROUP=unit,unit`). */
export async function decideGroupByName(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  groupName: string,
  names: string[],
): Promise<void> {
  const group = (await allGroups(ctx.db.kysely)).find(
    (g) => g.name === groupName || (JSON.parse(g.aliases) as string[]).includes(groupName),
  );
  if (!group) throw new AppError('INVALID_INPUT', `名录中没有单位组“${groupName}”`);
  await decideGroup(ctx, actor, planId, group.id, await unitIdsByNames(ctx.db.kysely, names));
}
