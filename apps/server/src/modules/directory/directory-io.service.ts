/**
 * The unit directory in and out as a table (issue 8 §3): apply an import planned by `directory-import.ts`
 * in the caller's transaction (all rows or none; each change in the directory's history, the whole import
 * in the audit trail), and the lines of an export in the same columns.
 */
import { randomUUID } from 'node:crypto';
import type { DirectoryImportResponse } from '@lantian/contract';
import { beijingDirectory, nameKey, type UnitKind, validateDirectory } from '@lantian/core';
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import * as repo from './directory.repository.ts';
import { readDirectory, strings, unitRow } from './directory.service.ts';
import { recordChange } from './directory-changes.ts';
import { type DirectoryImportPlan, planDirectoryImport } from './directory-import.ts';
import {
  type DirectoryLine,
  jurisdictionWord,
  kindWord,
  stateWord,
  type TableProblem,
} from './directory-table.ts';
import { changeUnitState } from './unit-edit.service.ts';

function problemsError(problems: readonly TableProblem[]): AppError {
  const first = problems
    .slice(0, 5)
    .map(
      (p) =>
        `第 ${p.line} 行${p.column ? `“${p.column}”列` : ''}${p.cell ? `（${p.cell}）` : ''}：${p.message}`,
    )
    .join('；');
  return new AppError('INVALID_INPUT', `单位名录表有 ${problems.length} 处错误，未导入任何数据：${first}`, {
    rejected: problems,
  });
}

/** Import a directory table: re-planned inside the transaction, so what is written is what the rows say now. */
export async function importDirectory(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  cells: string[][],
  fileName: string,
  digest?: string,
): Promise<DirectoryImportResponse> {
  const plan = await planDirectoryImport(trx, cells, fileName);
  if (plan.problems.length > 0) throw problemsError(plan.problems);
  if (digest !== undefined && digest !== plan.preview.digest)
    throw new AppError('CONFLICT', '单位名录在预览之后有变化：请重新预览，确认后再导入');
  const result = await applyPlan(ctx, trx, actor, plan, `导入单位名录：${fileName}`);
  await guardDirectory(trx);
  await audit(ctx, trx, actor, {
    action: 'directory.import',
    objectType: 'directory',
    objectId: 'lantian',
    detail: { fileName, ...result },
  });
  return result;
}

async function applyPlan(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  plan: DirectoryImportPlan,
  reason: string,
): Promise<DirectoryImportResponse> {
  const now = ctx.clock.now().toISOString();
  const groupIds = new Map((await repo.allGroups(trx)).map((g) => [g.name, g.id]));
  for (const name of plan.newGroups) {
    const id = randomUUID();
    const row = {
      id,
      name,
      name_en: null,
      aliases: '[]',
      decided_per_plan: 0 as const,
      candidate_kinds: '[]',
    };
    await repo.insertGroup(trx, { ...row, created_at: now }, []);
    groupIds.set(name, id);
    await recordChange(ctx, trx, actor, {
      subjectType: 'group',
      subjectId: id,
      action: 'create',
      after: { name, members: [] },
      reason,
    });
  }
  const unitIds = new Map<(typeof plan.units)[number], string>();
  const byLine = new Map(plan.preview.updates.map((u) => [u.line, u]));
  // Renames and changes first, then new units: every name is free by then (the plan checked them all).
  for (const p of plan.units) {
    const u = p.existing;
    if (!u) continue;
    unitIds.set(p, u.id);
    if (p.changed.length === 0) continue;
    await trx
      .updateTable('units')
      .set({
        name: p.name,
        name_key: nameKey(p.name),
        full_name: p.fullName,
        kind: p.kind,
        aliases: JSON.stringify(p.aliases),
        note: p.note,
        jurisdiction: p.jurisdiction,
        updated_at: now,
      })
      .where('id', '=', u.id)
      .execute();
  }
  for (const p of plan.units) {
    if (p.existing) continue;
    const row = unitRow(
      randomUUID(),
      {
        name: p.name,
        fullName: p.fullName,
        kind: p.kind,
        aliases: p.aliases,
        ...(p.jurisdiction !== null ? { jurisdiction: p.jurisdiction } : {}),
      },
      null,
      now,
    );
    await repo.insertUnit(trx, { ...row, note: p.note });
    unitIds.set(p, row.id);
  }
  // Parents, by their names after the import (a unit's name is its own, disabled or not).
  const named = (await repo.allUnits(trx)).filter((u) => u.merged_into === null);
  const idByName = new Map(named.map((u) => [u.name_key, u.id]));
  for (const p of plan.units) {
    if (p.parent === undefined) continue;
    const id = unitIds.get(p) as string;
    const parentId = p.parent === null ? null : (idByName.get(nameKey(p.parent)) ?? null);
    if (parentId !== (p.existing?.parent_id ?? null))
      await trx
        .updateTable('units')
        .set({ parent_id: parentId, updated_at: now })
        .where('id', '=', id)
        .execute();
  }
  // Fixed groups: each named unit belongs to exactly the groups its row lists.
  const fixed = new Set((await repo.allGroups(trx)).filter((g) => !g.decided_per_plan).map((g) => g.id));
  const members = await repo.allGroupMembers(trx);
  for (const p of plan.units) {
    if (p.groups === null) continue;
    const id = unitIds.get(p) as string;
    const now_ = new Set(
      members.filter((m) => m.unit_id === id && fixed.has(m.group_id)).map((m) => m.group_id),
    );
    const want = new Set(p.groups.map((n) => groupIds.get(n) as string));
    const gone = [...now_].filter((g) => !want.has(g));
    const added = [...want].filter((g) => !now_.has(g));
    if (gone.length > 0)
      await trx
        .deleteFrom('unit_group_members')
        .where('unit_id', '=', id)
        .where('group_id', 'in', gone)
        .execute();
    if (added.length > 0)
      await trx
        .insertInto('unit_group_members')
        .values(added.map((group_id) => ({ group_id, unit_id: id })))
        .execute();
  }
  for (const c of plan.preview.creates) {
    const p = plan.units.find((x) => x.line === c.line) as (typeof plan.units)[number];
    const { line: _line, ...after } = c;
    await recordChange(ctx, trx, actor, {
      subjectType: 'unit',
      subjectId: unitIds.get(p) as string,
      action: 'create',
      after,
      reason,
    });
  }
  for (const p of plan.units) {
    const change = byLine.get(p.line);
    if (!p.existing || !change) continue;
    await recordChange(ctx, trx, actor, {
      subjectType: 'unit',
      subjectId: p.existing.id,
      action: p.renamedFrom ? 'rename' : 'import',
      before: change.before,
      after: change.after,
      reason,
    });
  }
  // 停用 / 启用 last, through the directory page's own step (its refusals, history and audit record).
  for (const p of plan.units) {
    const id = unitIds.get(p) as string;
    if (p.disabled === (p.existing ? p.existing.disabled_at !== null : false)) continue;
    const u = await repo.unitById(trx, id);
    if (u) await changeUnitState(ctx, trx, actor, u, p.disabled, reason);
  }
  return {
    created: plan.preview.creates.length,
    updated: plan.preview.updates.length,
    unchanged: plan.preview.unchanged,
    groupsCreated: plan.newGroups.length,
  };
}

/** The directory's own units and its groups still answer to one name each (a last check before commit). */
async function guardDirectory(trx: Trx): Promise<void> {
  const { directory } = await readDirectory(trx);
  const problems = validateDirectory({
    ...directory,
    units: directory.units.filter((u) => u.jurisdiction === undefined),
    groups: directory.groups.filter((g) => g.members !== null),
  });
  if (problems.length > 0)
    throw new AppError('INVALID_INPUT', `导入后的单位名录有误：${problems.slice(0, 5).join('；')}`);
}

/** Every unit not merged into another (a disabled one with 状态 停用), in the table's columns. */
export async function directoryLines(db: Executor): Promise<DirectoryLine[]> {
  const [units, groups, members] = await Promise.all([
    repo.allUnits(db),
    repo.allGroups(db),
    repo.allGroupMembers(db),
  ]);
  const nameById = new Map(units.map((u) => [u.id, u.name]));
  const fixed = new Map(groups.filter((g) => !g.decided_per_plan).map((g) => [g.id, g.name]));
  return units
    .filter((u) => u.merged_into === null)
    .map((u) => ({
      name: u.name,
      fullName: u.full_name,
      aliases: strings(u.aliases).join('、'),
      kind: kindWord(u.kind as UnitKind),
      groups: members
        .filter((m) => m.unit_id === u.id && fixed.has(m.group_id))
        .map((m) => fixed.get(m.group_id) as string)
        .sort()
        .join('、'),
      parent: u.parent_id ? (nameById.get(u.parent_id) ?? '') : '',
      jurisdiction: jurisdictionWord(u.jurisdiction, beijingDirectory.name),
      state: stateWord(u.disabled_at !== null),
      note: u.note ?? '',
    }));
}
