/**
 * Corrections a supervisor makes to what the parser read, before publishing. Each changed field is
 * kept (before, after, who, when, why) and audited.
 */
import { randomUUID } from 'node:crypto';
import type { CorrectMeasureRequest, CorrectPlanRequest, CorrectTaskRequest } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { MeasureUnitsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { readDirectory, scopeIndex } from '../directory/directory.service.ts';
import { draftPlan, planJurisdiction } from './plan-guard.ts';
import { presentDeadline, presentMilestone, presentTarget } from './plans.presenters.ts';
import { insertMany, measuresOf, mentionsOf, milestonesOf, targetsOf } from './plans.repository.ts';

interface Change {
  entity: 'plan' | 'task' | 'measure';
  entityId: string;
  field: string;
  before: unknown;
  after: unknown;
}

async function record(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  planId: string,
  changes: Change[],
  reason?: string,
) {
  if (changes.length === 0) throw new AppError('INVALID_INPUT', '没有要更正的内容（与现有内容相同）');
  const now = ctx.clock.now().toISOString();
  await insertMany(
    trx,
    'corrections',
    changes.map((c) => ({
      id: randomUUID(),
      plan_id: planId,
      entity: c.entity,
      entity_id: c.entityId,
      field: c.field,
      before: JSON.stringify(c.before),
      after: JSON.stringify(c.after),
      reason: reason ?? null,
      corrected_by: actor.username ?? 'unknown',
      corrected_at: now,
    })),
  );
  await audit(ctx, trx, actor, {
    action: 'plan.correct',
    objectType: changes[0]?.entity,
    objectId: changes[0]?.entityId,
    before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
    after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    detail: { planId, reason: reason ?? null },
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const stripIds = <T extends { id: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);

export async function correctMeasure(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  measureId: string,
  input: CorrectMeasureRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const plan = await draftPlan(ctx, trx, planId);
    const [m] = await measuresOf(trx, planId, measureId);
    if (!m) throw new AppError('NOT_FOUND', '措施不存在');
    if (m.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', '该措施已被他人修改，请刷新后再更正');
    }
    const changes: Change[] = [];
    const change = (field: string, before: unknown, after: unknown) => {
      if (!same(before, after))
        changes.push({ entity: 'measure', entityId: measureId, field, before, after });
    };
    const now = ctx.clock.now().toISOString();

    if (input.text !== undefined) change('text', m.text, input.text);
    if (input.deadline) {
      const { assumed: _a, ...before } = presentDeadline(m);
      const d = input.deadline;
      const after = {
        raw: d.raw,
        kind: d.kind,
        due: d.due ?? null,
        start: d.start ?? null,
        end: d.end ?? null,
        recurrence: d.recurrence ?? null,
      };
      change('deadline', before, after);
    }
    if (input.milestones) {
      const before = stripIds((await milestonesOf(trx, [measureId])).map(presentMilestone));
      change('milestones', before, input.milestones);
    }
    if (input.targets) {
      const before = stripIds((await targetsOf(trx, [measureId])).map(presentTarget));
      change('targets', before, input.targets);
    }
    const newMentions: MeasureUnitsTable[] = [];
    if (input.units) {
      const { directory, unitIds, groupIds } = await readDirectory(trx);
      // Names are read as the plan's own jurisdiction reads them (another city's 市城管委 is its own unit).
      const index = scopeIndex(directory, planJurisdiction(plan));
      const current = await mentionsOf(trx, { planId, measureIds: [measureId] });
      for (const role of ['lead', 'responsible', 'assisting'] as const) {
        const names = input.units[role];
        if (!names) continue;
        const resolved = names.map((written, position): MeasureUnitsTable => {
          const hit = index.lookup(written);
          if (!hit) throw new AppError('INVALID_INPUT', `单位“${written}”不在名录中：请先在单位名录中新建`);
          const name = hit.type === 'unit' ? hit.unit.name : hit.group.name;
          return {
            id: randomUUID(),
            plan_id: planId,
            measure_id: measureId,
            role,
            position,
            written,
            name,
            kind: hit.type,
            unit_id: hit.type === 'unit' ? (unitIds.get(name) ?? null) : null,
            group_id: hit.type === 'group' ? (groupIds.get(name) ?? null) : null,
            acting_as: null,
          };
        });
        const before = current.filter((c) => c.role === role).map((c) => c.name);
        const after = resolved.map((r) => r.name);
        if (!same(before, after)) {
          change(`units.${role}`, before, after);
          newMentions.push(...resolved);
          await trx
            .deleteFrom('measure_units')
            .where('measure_id', '=', measureId)
            .where('role', '=', role)
            .execute();
        }
      }
    }

    await record(ctx, trx, actor, planId, changes, input.reason);
    const fields = new Set(changes.map((c) => c.field));
    const d = input.deadline;
    const updated = await trx
      .updateTable('measures')
      .set((eb) => ({
        ...(fields.has('text') ? { text: input.text } : {}),
        ...(fields.has('deadline') && d
          ? {
              deadline_raw: d.raw,
              deadline_kind: d.kind,
              deadline_due: d.due ?? null,
              deadline_start: d.start ?? null,
              deadline_end: d.end ?? null,
              deadline_recurrence: d.recurrence ?? null,
              deadline_assumed: 0 as const,
            }
          : {}),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', measureId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('VERSION_CONFLICT', '该措施已被他人修改，请刷新后再更正');
    if (fields.has('milestones') && input.milestones) {
      await trx.deleteFrom('milestones').where('measure_id', '=', measureId).execute();
      await insertMany(
        trx,
        'milestones',
        input.milestones.map((x, position) => ({ id: randomUUID(), measure_id: measureId, position, ...x })),
      );
    }
    if (fields.has('targets') && input.targets) {
      // Corrected targets are new targets: the office decides their scope and shares again.
      await trx
        .deleteFrom('target_shares')
        .where('target_id', 'in', trx.selectFrom('targets').select('id').where('measure_id', '=', measureId))
        .execute();
      await trx.deleteFrom('targets').where('measure_id', '=', measureId).execute();
      await insertMany(
        trx,
        'targets',
        input.targets.map((t, position) => ({
          id: randomUUID(),
          measure_id: measureId,
          position,
          value: t.value,
          unit: t.unit,
          comparison: t.comparison,
          year_on_year: (t.yearOnYear ? 1 : 0) as 0 | 1,
          text: t.text,
        })),
      );
    }
    await insertMany(trx, 'measure_units', newMentions);
  });
}

export async function correctTask(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  taskId: string,
  input: CorrectTaskRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    await draftPlan(ctx, trx, planId);
    const task = await trx
      .selectFrom('plan_tasks')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', taskId)
      .executeTakeFirst();
    if (!task) throw new AppError('NOT_FOUND', '重点任务不存在');
    const changes: Change[] =
      task.name === input.name
        ? []
        : [{ entity: 'task', entityId: taskId, field: 'name', before: task.name, after: input.name }];
    await record(ctx, trx, actor, planId, changes, input.reason);
    await trx.updateTable('plan_tasks').set({ name: input.name }).where('id', '=', taskId).execute();
  });
}

export async function correctPlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: CorrectPlanRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const plan = await draftPlan(ctx, trx, planId);
    if (plan.version !== input.version)
      throw new AppError('VERSION_CONFLICT', '该计划已被他人修改，请刷新后再更正');
    const changes: Change[] = [];
    if (input.title !== undefined && input.title !== plan.title) {
      changes.push({
        entity: 'plan',
        entityId: planId,
        field: 'title',
        before: plan.title,
        after: input.title,
      });
    }
    if (input.year !== undefined && input.year !== plan.year) {
      changes.push({ entity: 'plan', entityId: planId, field: 'year', before: plan.year, after: input.year });
    }
    await record(ctx, trx, actor, planId, changes, input.reason);
    const now = ctx.clock.now().toISOString();
    const updated = await trx
      .updateTable('plans')
      .set((eb) => ({
        title: input.title ?? plan.title,
        year: input.year ?? plan.year,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', planId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('VERSION_CONFLICT', '该计划已被他人修改，请刷新后再更正');
  });
}
