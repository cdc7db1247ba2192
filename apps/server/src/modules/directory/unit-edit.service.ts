/**
 * Editing the unit directory (issue 12 item 16): rename a unit or change its aliases (a former name
 * stays an alias, so a later plan naming it still maps to the unit), disable and enable it (a disabled
 * unit gets no new assignments; what it did stays), and set a fixed group's members. Every edit is in
 * the directory's history and the audit trail.
 */
import type { SetGroupMembersRequest, UpdateUnitRequest } from '@lantian/contract';
import { nameKey } from '@lantian/core';
import { type AppContext, type Trx, transaction } from '../../context.ts';
import type { UnitRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import * as repo from './directory.repository.ts';
import { ensureNameFree, strings } from './directory.service.ts';
import { recordChange } from './directory-changes.ts';

async function existingUnit(db: Parameters<typeof repo.unitById>[0], id: string): Promise<UnitRow> {
  const u = await repo.unitById(db, id);
  if (!u) throw new AppError('NOT_FOUND', '单位不存在');
  return u;
}

const uniqueNames = (names: string[], except: string[]) => {
  const skip = new Set(except.map(nameKey));
  const seen = new Set<string>();
  return names
    .map((n) => n.trim())
    .filter((n) => {
      const k = nameKey(n);
      if (!n || skip.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
};

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  input: UpdateUnitRequest,
): Promise<UnitRow> {
  return transaction(ctx, async (trx) => {
    const u = await existingUnit(trx, unitId);
    if (u.merged_into) throw new AppError('INVALID_STATE', `单位“${u.name}”已合并，不能再修改`);
    const name = input.name?.trim() ?? u.name;
    const fullName = input.fullName?.trim() ?? u.full_name;
    const renamed = name !== u.name || fullName !== u.full_name;
    // A former name stays an alias: documents written before the rename still name the unit.
    const former = renamed ? [u.name, u.full_name] : [];
    const aliases = uniqueNames([...(input.aliases ?? strings(u.aliases)), ...former], [name, fullName]);
    const fresh = [name, fullName, ...aliases].filter(
      (n) => ![u.name, u.full_name, ...strings(u.aliases)].some((o) => nameKey(o) === nameKey(n)),
    );
    if (fresh.length > 0)
      await ensureNameFree(trx, fresh, { jurisdiction: u.jurisdiction ?? undefined, exceptUnitId: u.id });
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('units')
      .set({
        name,
        name_key: nameKey(name),
        full_name: fullName,
        aliases: JSON.stringify(aliases),
        updated_at: now,
      })
      .where('id', '=', u.id)
      .execute();
    await recordChange(ctx, trx, actor, {
      subjectType: 'unit',
      subjectId: u.id,
      action: renamed ? 'rename' : 'aliases',
      before: { name: u.name, fullName: u.full_name, aliases: strings(u.aliases) },
      after: { name, fullName, aliases },
      reason: input.reason,
    });
    return existingUnit(trx, u.id);
  });
}

export async function setUnitDisabled(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  disabled: boolean,
  reason: string | null,
): Promise<UnitRow> {
  return transaction(ctx, async (trx) => {
    await changeUnitState(ctx, trx, actor, await existingUnit(trx, unitId), disabled, reason);
    return existingUnit(trx, unitId);
  });
}

/**
 * Disable or enable one unit in the caller's transaction, with its refusals (a merged unit, a unit already
 * in that state, a unit whose names another took while it was disabled), its history and audit record:
 * the directory page and the directory import (a row whose 状态 is 停用) both go through it.
 */
export async function changeUnitState(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  u: UnitRow,
  disabled: boolean,
  reason: string | null,
): Promise<void> {
  if (u.merged_into)
    throw new AppError('INVALID_STATE', `单位“${u.name}”已合并，不能${disabled ? '停用' : '启用'}`);
  if ((u.disabled_at !== null) === disabled)
    throw new AppError('INVALID_STATE', `单位“${u.name}”已${disabled ? '停用' : '启用'}`);
  if (!disabled)
    await ensureNameFree(trx, [u.name, u.full_name, ...strings(u.aliases)], {
      jurisdiction: u.jurisdiction ?? undefined,
      exceptUnitId: u.id,
    });
  const now = ctx.clock.now().toISOString();
  await trx
    .updateTable('units')
    .set({ disabled_at: disabled ? now : null, disabled_reason: disabled ? reason : null, updated_at: now })
    .where('id', '=', u.id)
    .execute();
  await recordChange(ctx, trx, actor, {
    subjectType: 'unit',
    subjectId: u.id,
    action: disabled ? 'disable' : 'enable',
    before: { name: u.name, disabled: u.disabled_at !== null },
    after: { name: u.name, disabled },
    reason,
  });
}

/** The members of a group with fixed membership; a group decided per plan has none to set. */
export async function setGroupMembers(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
  input: SetGroupMembersRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const g = await repo.groupById(trx, groupId);
    if (!g) throw new AppError('NOT_FOUND', '单位组不存在');
    if (g.decided_per_plan === 1)
      throw new AppError('INVALID_INPUT', `unitIds：“${g.name}”的成员由每个计划的审核决定，不在名录中设置`);
    const ids = [...new Set(input.unitIds)];
    const units = await repo.unitsByIds(trx, ids);
    const found = new Map(units.map((u) => [u.id, u]));
    ids.forEach((id, i) => {
      const u = found.get(id);
      if (!u) throw new AppError('INVALID_INPUT', `unitIds[${i}]：单位不存在`);
      if (u.disabled_at) throw new AppError('INVALID_INPUT', `unitIds[${i}]：单位“${u.name}”已停用`);
    });
    const before = (await repo.allGroupMembers(trx)).filter((m) => m.group_id === g.id);
    await trx.deleteFrom('unit_group_members').where('group_id', '=', g.id).execute();
    if (ids.length > 0)
      await trx
        .insertInto('unit_group_members')
        .values(ids.map((unit_id) => ({ group_id: g.id, unit_id })))
        .execute();
    const names = (xs: string[]) => xs.sort((a, b) => a.localeCompare(b, 'zh'));
    await recordChange(ctx, trx, actor, {
      subjectType: 'group',
      subjectId: g.id,
      action: 'members',
      before: { name: g.name, members: names(before.map((m) => m.unit_name)) },
      after: { name: g.name, members: names(units.map((u) => u.name)) },
      reason: input.reason,
    });
  });
}
