/** The unit directory in the database: loading the bundled one, reading it back, adding units. */
import { randomUUID } from 'node:crypto';
import {
  beijingDirectory,
  type DirectoryGroup,
  type DirectoryIndex,
  type DirectoryUnit,
  indexDirectory,
  indexForPlan,
  nameKey,
  type UnitDirectory,
  type UnitKind,
  validateDirectory,
} from '@lantian/core';
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { UnitRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import * as repo from './directory.repository.ts';

export const strings = (json: string): string[] => JSON.parse(json) as string[];

/** Load a directory into an empty database (first start). Groups are stored with their expanded members. */
export async function loadDirectory(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  directory: UnitDirectory,
): Promise<void> {
  const problems = validateDirectory(directory);
  if (problems.length > 0) throw new AppError('INVALID_INPUT', `单位名录有误：${problems.join('；')}`);
  const now = ctx.clock.now().toISOString();
  const ids = new Map<string, string>();
  for (const u of directory.units) ids.set(u.name, randomUUID());
  // Parents first, so the foreign key always points at an existing row.
  const ordered = [...directory.units].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  for (const u of ordered) {
    await repo.insertUnit(
      trx,
      unitRow(ids.get(u.name) as string, u, u.parent ? (ids.get(u.parent) ?? null) : null, now),
    );
  }
  const index = indexDirectory(directory);
  for (const g of directory.groups) {
    const members = index.members(g.name) ?? [];
    await repo.insertGroup(
      trx,
      groupRow(g, now),
      members.map((m) => ids.get(m)).filter((x): x is string => !!x),
    );
  }
  await audit(ctx, trx, actor, {
    action: 'directory.load',
    objectType: 'directory',
    objectId: directory.id,
    detail: { name: directory.name, units: directory.units.length, groups: directory.groups.length },
  });
}

export function unitRow(id: string, u: DirectoryUnit, parentId: string | null, now: string): UnitRow {
  return {
    id,
    name: u.name,
    name_key: nameKey(u.name),
    full_name: u.fullName,
    name_en: u.nameEn ?? null,
    kind: u.kind,
    parent_id: parentId,
    aliases: JSON.stringify(u.aliases),
    sectors: JSON.stringify(u.sectors ?? []),
    created_at: now,
    updated_at: now,
    jurisdiction: u.jurisdiction ?? null,
    disabled_at: null,
    disabled_reason: null,
    merged_into: null,
    note: null,
  };
}

function groupRow(g: DirectoryGroup, now: string) {
  return {
    id: randomUUID(),
    name: g.name,
    name_en: g.nameEn ?? null,
    aliases: JSON.stringify(g.aliases),
    decided_per_plan: (g.members === null ? 1 : 0) as 0 | 1,
    candidate_kinds: JSON.stringify(g.candidateKinds ?? []),
    created_at: now,
  };
}

/** The directory as stored, in the parser's shape, with the ids of its entries by name. */
export async function readDirectory(db: Executor): Promise<{
  directory: UnitDirectory;
  unitIds: Map<string, string>;
  groupIds: Map<string, string>;
}> {
  // A disabled or merged unit answers to no name: plans read later map to the units that remain
  // (a merged unit's names are its successor's aliases).
  const [units, groups, allMembers] = await Promise.all([
    repo.allUnits(db).then((all) => all.filter((u) => u.disabled_at === null)),
    repo.allGroups(db),
    repo.allGroupMembers(db),
  ]);
  const active = new Set(units.map((u) => u.id));
  const members = allMembers.filter((m) => active.has(m.unit_id));
  const nameById = new Map(units.map((u) => [u.id, u.name]));
  const directory: UnitDirectory = {
    id: 'lantian',
    // The installation's own jurisdiction: the bundled directory it starts from (a plan titled 北京市… is its own).
    name: beijingDirectory.name,
    units: units.map((u) => ({
      name: u.name,
      fullName: u.full_name,
      ...(u.name_en ? { nameEn: u.name_en } : {}),
      kind: u.kind as UnitKind,
      aliases: strings(u.aliases),
      sectors: strings(u.sectors),
      ...(u.parent_id && nameById.get(u.parent_id) ? { parent: nameById.get(u.parent_id) } : {}),
      ...(u.jurisdiction !== null ? { jurisdiction: u.jurisdiction } : {}),
    })),
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.name_en ? { nameEn: g.name_en } : {}),
      aliases: strings(g.aliases),
      members: g.decided_per_plan ? null : members.filter((m) => m.group_id === g.id).map((m) => m.unit_name),
      ...(g.decided_per_plan ? { candidateKinds: strings(g.candidate_kinds) as UnitKind[] } : {}),
    })),
  };
  return {
    directory,
    unitIds: new Map(units.map((u) => [u.name, u.id])),
    groupIds: new Map(groups.map((g) => [g.name, g.id])),
  };
}

/**
 * The names a unit of `jurisdiction` (undefined: the directory's own) answers to are read against:
 * the directory's own units, or only that jurisdiction's.
 */
export function scopeIndex(directory: UnitDirectory, jurisdiction: string | undefined): DirectoryIndex {
  return indexForPlan(directory, indexDirectory(directory), jurisdiction ?? undefined);
}

/**
 * Refuse a name that a unit or group of the same jurisdiction already answers to, and a unit name that
 * any unit or group has (names are the units' identity everywhere; another city's 市商务局 is renamed,
 * `成都市商务局`, and keeps `市商务局` as its alias there).
 */
export async function ensureNameFree(
  db: Executor,
  names: string[],
  opts: { jurisdiction?: string | undefined; unitName?: string; exceptUnitId?: string } = {},
): Promise<void> {
  const { directory, unitIds } = await readDirectory(db);
  const index = scopeIndex(directory, opts.jurisdiction);
  const unitName = opts.unitName;
  for (const n of names) {
    // A disabled unit keeps its name (within its jurisdiction: another city's alias may repeat it).
    const taken = await repo.unitByNameKey(db, nameKey(n));
    if (taken && taken.id !== opts.exceptUnitId && (taken.jurisdiction ?? undefined) === opts.jurisdiction)
      throw new AppError(
        'UNIT_EXISTS',
        `名称“${n}”已属于${taken.disabled_at ? '已停用的' : ''}单位“${taken.name}”`,
      );
    const hit = index.lookup(n);
    // Sector words are weak matches; a unit may still be named like one. The plan's own groups are no names.
    if (hit?.type === 'unit' && unitIds.get(hit.unit.name) === opts.exceptUnitId) continue;
    if (
      hit &&
      !(hit.type === 'unit' && (hit.unit.sectors ?? []).some((s) => nameKey(s) === nameKey(n))) &&
      !(hit.type === 'group' && !directory.groups.some((g) => g.name === hit.group.name))
    ) {
      const owner = hit.type === 'unit' ? hit.unit.name : hit.group.name;
      throw new AppError('UNIT_EXISTS', `名称“${n}”已属于“${owner}”`);
    }
  }
  if (unitName === undefined) return;
  const key = nameKey(unitName);
  const taken = [...directory.units, ...directory.groups].find((x) => nameKey(x.name) === key);
  if (taken) {
    const where =
      'kind' in taken && taken.jurisdiction !== undefined
        ? taken.jurisdiction || '未注明地区'
        : directory.name;
    throw new AppError(
      'UNIT_EXISTS',
      `单位名称“${unitName}”已被${where}的单位使用：请改名（例如加上地名），原名可作为别名。`,
    );
  }
}

export interface NewUnit {
  name: string;
  fullName: string;
  kind: UnitKind;
  aliases?: string[];
  parentId?: string;
  /** Another jurisdiction's unit (`成都市`; `''` for plans that name no place); absent: the directory's own. */
  jurisdiction?: string;
}

export async function createUnit(ctx: AppContext, trx: Trx, actor: Actor, input: NewUnit): Promise<UnitRow> {
  const aliases = [
    ...new Set((input.aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== input.name)),
  ];
  await ensureNameFree(
    trx,
    [input.name, input.fullName === input.name ? '' : input.fullName, ...aliases].filter(Boolean),
    { jurisdiction: input.jurisdiction, unitName: input.name },
  );
  if (input.parentId && !(await repo.unitById(trx, input.parentId)))
    throw new AppError('INVALID_INPUT', '上级单位不存在');
  const now = ctx.clock.now().toISOString();
  const row = unitRow(
    randomUUID(),
    {
      name: input.name.trim(),
      fullName: input.fullName.trim(),
      kind: input.kind,
      aliases,
      ...(input.jurisdiction !== undefined ? { jurisdiction: input.jurisdiction } : {}),
    },
    input.parentId ?? null,
    now,
  );
  await repo.insertUnit(trx, row);
  await audit(ctx, trx, actor, {
    action: 'unit.create',
    objectType: 'unit',
    objectId: row.id,
    after: {
      name: row.name,
      fullName: row.full_name,
      kind: row.kind,
      aliases,
      ...(row.jurisdiction !== null ? { jurisdiction: row.jurisdiction } : {}),
    },
  });
  return row;
}

/** Teach the directory another name for a unit (an unknown name mapped during review). */
export async function addUnitAlias(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  unitId: string,
  alias: string,
): Promise<void> {
  const unit = await repo.unitById(trx, unitId);
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  const { directory } = await readDirectory(trx);
  // Known already among the names of the unit's own jurisdiction: nothing to learn.
  if (scopeIndex(directory, unit.jurisdiction ?? undefined).lookup(alias)) return;
  const aliases = [...strings(unit.aliases), alias];
  await repo.setUnitAliases(trx, unitId, aliases, ctx.clock.now().toISOString());
  await audit(ctx, trx, actor, {
    action: 'unit.alias_add',
    objectType: 'unit',
    objectId: unitId,
    before: { aliases: strings(unit.aliases) },
    after: { aliases },
  });
}

/**
 * The plan's own groups the directory does not hold yet (`各县（区）政府` of another city's plan): stored as
 * groups decided per plan, so the review asks which units they are, as it does for 相关区政府. Returns their ids.
 */
export async function addPlanGroups(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  names: string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = ctx.clock.now().toISOString();
  for (const name of new Set(names)) {
    const row = groupRow({ name, aliases: [], members: null }, now);
    await repo.insertGroup(trx, row, []);
    ids.set(name, row.id);
    await audit(ctx, trx, actor, {
      action: 'group.create',
      objectType: 'unit_group',
      objectId: row.id,
      after: { name, decidedPerPlan: true },
    });
  }
  return ids;
}

export function presentUnit(u: UnitRow) {
  return {
    id: u.id,
    name: u.name,
    fullName: u.full_name,
    kind: u.kind as UnitKind,
    aliases: strings(u.aliases),
    parentId: u.parent_id,
    disabled: u.disabled_at !== null,
    mergedInto: u.merged_into,
  };
}
