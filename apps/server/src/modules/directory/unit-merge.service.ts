/**
 * Merging one unit into another (机构合并, issue 12 item 16): the source's assignments, their reports,
 * statuses, reminders and requests, its 督办单, its accounts and its group memberships move to the
 * target; the source's names become the target's aliases, so a plan read later that names the old unit
 * maps to the new one; the source stays on record, disabled and pointing at its successor. One
 * transaction, audited on both units. Two units that both hold the same measure in the same role are
 * refused (which of the two assignments would carry the history?) with the measures named.
 */
import type { MergeUnitRequest } from '@lantian/contract';
import { nameKey } from '@lantian/core';
import { type AppContext, type Trx, transaction } from '../../context.ts';
import type { UnitRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { measureNo } from '../notifications/measure-no.ts';
import * as repo from './directory.repository.ts';
import { strings } from './directory.service.ts';
import { recordChange } from './directory-changes.ts';

/** Tables whose rows follow their unit, keyed by nothing else that involves the unit. */
const FOLLOWING = [
  'assignments',
  'progress_reports',
  'assignment_status',
  'reminders',
  'supervision_notices',
  'extension_requests',
  'closure_requests',
  'users',
  'areas',
  'rule_proposals',
  'plan_unit_resolutions',
] as const;

async function clashes(trx: Trx, from: string, into: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('assignments as a')
    .innerJoin('assignments as b', (j) =>
      j.onRef('b.measure_id', '=', 'a.measure_id').onRef('b.role', '=', 'a.role'),
    )
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['m.task_no', 'm.seq'])
    .where('a.unit_id', '=', from)
    .where('b.unit_id', '=', into)
    .orderBy('m.task_no')
    .orderBy('m.seq')
    .execute();
  return rows.map((r) => measureNo(r.task_no, r.seq));
}

/** Move rows keyed by (…, unit): the target's row wins where both exist; shares add up. */
async function moveKeyed(trx: Trx, from: string, into: string): Promise<void> {
  const groups = await trx
    .selectFrom('unit_group_members')
    .select('group_id')
    .where('unit_id', '=', into)
    .execute();
  let members = trx.updateTable('unit_group_members').set({ unit_id: into }).where('unit_id', '=', from);
  if (groups.length > 0)
    members = members.where(
      'group_id',
      'not in',
      groups.map((g) => g.group_id),
    );
  await members.execute();
  await trx.deleteFrom('unit_group_members').where('unit_id', '=', from).execute();

  const decided = await trx
    .selectFrom('plan_group_decision_units')
    .select(['plan_id', 'group_id'])
    .where('unit_id', '=', into)
    .execute();
  const has = new Set(decided.map((d) => `${d.plan_id}|${d.group_id}`));
  const mine = await trx
    .selectFrom('plan_group_decision_units')
    .select(['plan_id', 'group_id'])
    .where('unit_id', '=', from)
    .execute();
  for (const d of mine)
    if (!has.has(`${d.plan_id}|${d.group_id}`))
      await trx
        .updateTable('plan_group_decision_units')
        .set({ unit_id: into })
        .where('plan_id', '=', d.plan_id)
        .where('group_id', '=', d.group_id)
        .where('unit_id', '=', from)
        .execute();
  await trx.deleteFrom('plan_group_decision_units').where('unit_id', '=', from).execute();

  const shares = await trx.selectFrom('target_shares').selectAll().where('unit_id', '=', from).execute();
  for (const s of shares) {
    const theirs = await trx
      .selectFrom('target_shares')
      .select('value')
      .where('target_id', '=', s.target_id)
      .where('unit_id', '=', into)
      .executeTakeFirst();
    if (theirs)
      await trx
        .updateTable('target_shares')
        .set({ value: theirs.value + s.value, updated_at: s.updated_at })
        .where('target_id', '=', s.target_id)
        .where('unit_id', '=', into)
        .execute();
    else
      await trx
        .insertInto('target_shares')
        .values({ ...s, unit_id: into })
        .execute();
  }
  await trx.deleteFrom('target_shares').where('unit_id', '=', from).execute();
}

export async function mergeUnit(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  input: MergeUnitRequest,
): Promise<{ unit: UnitRow; into: UnitRow; moved: Record<string, number> }> {
  return transaction(ctx, async (trx) => {
    const from = await repo.unitById(trx, unitId);
    if (!from) throw new AppError('NOT_FOUND', '单位不存在');
    const into = await repo.unitById(trx, input.intoUnitId);
    if (!into) throw new AppError('INVALID_INPUT', 'intoUnitId：单位不存在');
    if (into.id === from.id) throw new AppError('INVALID_INPUT', 'intoUnitId：不能合并到单位自身');
    if (from.merged_into) throw new AppError('INVALID_STATE', `单位“${from.name}”已合并`);
    if (into.disabled_at)
      throw new AppError('INVALID_INPUT', `intoUnitId：单位“${into.name}”已停用或已合并，不能并入`);
    const both = await clashes(trx, from.id, into.id);
    if (both.length > 0)
      throw new AppError(
        'INVALID_STATE',
        `“${from.name}”和“${into.name}”在措施 ${both.slice(0, 10).join('、')}${both.length > 10 ? ` 等 ${both.length} 条` : ''} 上承担相同职责，请先在计划中调整后再合并`,
      );
    const moved: Record<string, number> = {};
    for (const table of FOLLOWING) {
      const r = await trx
        .updateTable(table)
        .set({ unit_id: into.id } as never)
        .where('unit_id' as never, '=', from.id as never)
        .executeTakeFirst();
      moved[table] = Number(r.numUpdatedRows);
    }
    await moveKeyed(trx, from.id, into.id);
    const now = ctx.clock.now().toISOString();
    const own = [into.name, into.full_name];
    const aliases = [...strings(into.aliases)];
    for (const n of [from.name, from.full_name, ...strings(from.aliases)])
      if (![...own, ...aliases].some((x) => nameKey(x) === nameKey(n))) aliases.push(n);
    await trx
      .updateTable('units')
      .set({ aliases: JSON.stringify(aliases), updated_at: now })
      .where('id', '=', into.id)
      .execute();
    await trx
      .updateTable('units')
      .set({
        merged_into: into.id,
        disabled_at: from.disabled_at ?? now,
        disabled_reason: input.reason,
        updated_at: now,
      })
      .where('id', '=', from.id)
      .execute();
    await recordChange(ctx, trx, actor, {
      subjectType: 'unit',
      subjectId: from.id,
      action: 'merge',
      before: { name: from.name },
      after: { name: from.name, mergedInto: into.id, into: into.name, moved },
      reason: input.reason,
    });
    await recordChange(ctx, trx, actor, {
      subjectType: 'unit',
      subjectId: into.id,
      action: 'merged_from',
      before: { name: into.name, aliases: strings(into.aliases) },
      after: { name: into.name, aliases, mergedFrom: from.id, from: from.name, moved },
      reason: input.reason,
    });
    const [unit, target] = await Promise.all([repo.unitById(trx, from.id), repo.unitById(trx, into.id)]);
    return { unit: unit as UnitRow, into: target as UnitRow, moved };
  });
}
