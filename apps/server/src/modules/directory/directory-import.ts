/**
 * Importing the unit directory from a table (issue 8 §3), in two steps: a preview says what would be
 * created, renamed and changed and lists every bad row with its line and column; applying re-reads the
 * file against the directory as it is then and writes everything in the caller's one transaction, or
 * nothing. A row is matched to a unit by its name; a row whose name is new but one of whose aliases is an
 * existing unit's name renames that unit (its former names stay aliases, as a rename in the web does).
 * Units the file does not name are left as they are; a column the file does not have is left as it is.
 * A row's 地区 is the unit's jurisdiction (the directory's own, or another city's whose plans keep their
 * own names); its 状态 停用 disables the unit, 启用 enables it (as the directory page does).
 */
import { createHash } from 'node:crypto';
import type { DirectoryImportPreview } from '@lantian/contract';
import { beijingDirectory, isOwnJurisdiction, nameKey, type UnitKind } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { UnitRow } from '../../db/schema.ts';
import * as repo from './directory.repository.ts';
import { strings } from './directory.service.ts';
import {
  type DirectoryField,
  disabledOf,
  isPlaceName,
  kindOf,
  NO_PLACE,
  readDirectoryTable,
  splitList,
  type TableProblem,
} from './directory-table.ts';

const MAX_NAME = 100;
const MAX_ALIASES = 50;
const MAX_NOTE = 500;

/** What one row does to the unit it names, once every row is read. */
export interface PlannedUnit {
  line: number;
  /** The unit it updates; absent: a new unit. */
  existing?: UnitRow;
  renamedFrom: string | null;
  name: string;
  fullName: string;
  kind: UnitKind;
  aliases: string[];
  /** Names of the fixed groups it belongs to; null: left as they are (no 所属分组 column). */
  groups: string[] | null;
  /** The parent's name; null: none; undefined: left as it is. */
  parent: string | null | undefined;
  note: string | null;
  /** null: the directory's own; `''`: made for plans that name no place; else the place (`成都市`). */
  jurisdiction: string | null;
  /** Whether the unit is disabled after the import. */
  disabled: boolean;
  changed: string[];
}

export interface DirectoryImportPlan {
  units: PlannedUnit[];
  newGroups: string[];
  problems: TableProblem[];
  preview: DirectoryImportPreview;
}

type Owner = { label: string; line?: number };

const dedupe = (names: string[], except: string[]) => {
  const seen = new Set(except.map(nameKey));
  return names.filter((n) => {
    const k = nameKey(n);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Read the table against the directory as `db` holds it now. Nothing is written. */
export async function planDirectoryImport(
  db: Executor,
  cells: string[][],
  fileName: string,
): Promise<DirectoryImportPlan> {
  const { rows, problems } = readDirectoryTable(cells);
  const [allUnits, groups, members] = await Promise.all([
    repo.allUnits(db),
    repo.allGroups(db),
    repo.allGroupMembers(db),
  ]);
  const byNameKey = new Map(allUnits.map((u) => [u.name_key, u]));
  const groupByKey = new Map<string, (typeof groups)[number]>();
  for (const g of groups) for (const n of [g.name, ...strings(g.aliases)]) groupByKey.set(nameKey(n), g);
  const problem = (row: (typeof rows)[number], field: DirectoryField | '', message: string) =>
    problems.push({ line: row.line, ...(field ? row.where(field) : { column: '', cell: null }), message });

  // 1. Each row on its own: the cells, and the unit it names.
  const planned: PlannedUnit[] = [];
  const rowOf = new Map<PlannedUnit, (typeof rows)[number]>();
  const lineOfName = new Map<string, number>();
  const targeted = new Map<string, number>();
  for (const row of rows) {
    const v = row.values;
    const name = v.name ?? '';
    if (!name) {
      problem(row, 'name', '单位名称不能为空');
      continue;
    }
    const key = nameKey(name);
    const dup = lineOfName.get(key);
    if (dup !== undefined) {
      problem(row, 'name', `单位“${name}”在第 ${dup} 行已出现`);
      continue;
    }
    lineOfName.set(key, row.line);
    const aliasList = v.aliases === undefined ? undefined : splitList(v.aliases);
    let existing = byNameKey.get(key);
    let renamedFrom: string | null = null;
    if (!existing) {
      // A new name renames the unit whose full name the row keeps, or whose name and full name are both
      // among its aliases (as a unit renamed in the web keeps them); an alias alone is a conflict.
      const keys = new Set((aliasList ?? []).map(nameKey));
      const full = v.fullName ? nameKey(v.fullName) : undefined;
      const former = allUnits.filter(
        (u) =>
          !u.merged_into &&
          ((full !== undefined && u.full_name !== u.name && nameKey(u.full_name) === full) ||
            (keys.has(u.name_key) && keys.has(nameKey(u.full_name)))),
      );
      if (former.length > 1) {
        problem(
          row,
          'aliases',
          `本行同时对应多个已有单位（${former.map((u) => u.name).join('、')}）：一行只能改名一个单位`,
        );
        continue;
      }
      const [from] = former;
      if (from && rows.some((r) => r !== row && nameKey(r.values.name ?? '') === from.name_key)) {
        problem(row, 'name', `“${from.name}”是本文件中另一行的单位名称，不能同时改名`);
        continue;
      }
      if (from) [existing, renamedFrom] = [from, from.name];
    }
    if (existing?.merged_into) {
      const into = allUnits.find((u) => u.id === existing?.merged_into);
      problem(row, 'name', `单位“${existing.name}”已并入“${into?.name ?? '其他单位'}”，不能再导入`);
      continue;
    }
    const stateText = v.state ?? '';
    const stateSaid = stateText ? disabledOf(stateText) : undefined;
    if (stateText && stateSaid === undefined) {
      problem(row, 'state', `状态“${stateText}”不认识：可填 启用 或 停用`);
      continue;
    }
    const disabled = stateSaid ?? existing?.disabled_at != null;
    if (existing?.disabled_at && v.state === undefined) {
      problem(row, 'name', `单位“${existing.name}”已停用：请先在单位名录中启用，或在“状态”列填写“启用”`);
      continue;
    }
    if (existing) {
      const other = targeted.get(existing.id);
      if (other !== undefined) {
        problem(row, 'name', `第 ${other} 行已对应单位“${existing.name}”`);
        continue;
      }
      targeted.set(existing.id, row.line);
    }
    let bad = false;
    const kindText = v.kind ?? '';
    const kind = kindText ? kindOf(kindText) : (existing?.kind as UnitKind | undefined);
    if (!kind) {
      bad = true;
      problem(
        row,
        'kind',
        kindText
          ? `类型“${kindText}”不认识：可填 市级部门（委办局）、区（区政府）、企业、街道乡镇、其他`
          : '新单位须填写类型',
      );
    }
    const fullName = v.fullName || existing?.full_name || name;
    for (const [field, text] of [
      ['name', name],
      ['fullName', fullName],
    ] as const)
      if (text.length > MAX_NAME) {
        bad = true;
        problem(row, field, `名称过长（${text.length} 字，最多 ${MAX_NAME} 字）`);
      }
    const former = renamedFrom && existing ? [existing.name, existing.full_name] : [];
    const aliases = dedupe(
      [...(aliasList ?? strings(existing?.aliases ?? '[]')), ...former],
      [name, fullName],
    );
    if (aliases.length > MAX_ALIASES || aliases.some((a) => a.length > MAX_NAME)) {
      bad = true;
      problem(row, 'aliases', `别名最多 ${MAX_ALIASES} 个、每个最多 ${MAX_NAME} 字`);
    }
    const note = v.note === undefined ? (existing?.note ?? null) : v.note || null;
    const place = (v.jurisdiction ?? '').replace(/[\s\u3000]/g, '');
    let jurisdiction: string | null = existing?.jurisdiction ?? null;
    if (place === NO_PLACE) jurisdiction = '';
    else if (place && isOwnJurisdiction(place, beijingDirectory)) jurisdiction = null;
    // A place as written, or the unit's own as stored (an export read back is never refused).
    else if (place && (isPlaceName(place) || place === existing?.jurisdiction)) jurisdiction = place;
    else if (place) {
      bad = true;
      problem(
        row,
        'jurisdiction',
        `地区“${v.jurisdiction}”不是地名：可填 ${beijingDirectory.name}（本名录）、另一地区的名称（如 成都市、河北省）或 ${NO_PLACE}`,
      );
    }
    if (note && note.length > MAX_NOTE) {
      bad = true;
      problem(row, 'note', `备注过长（${note.length} 字，最多 ${MAX_NOTE} 字）`);
    }
    if (bad || !kind) continue;
    const p: PlannedUnit = {
      line: row.line,
      renamedFrom,
      name,
      fullName,
      kind,
      aliases,
      groups: v.groups === undefined ? null : dedupe(splitList(v.groups), []),
      parent: v.parent === undefined ? undefined : v.parent || null,
      note,
      jurisdiction,
      disabled,
      changed: [],
      ...(existing ? { existing } : {}),
    };
    planned.push(p);
    rowOf.set(p, row);
  }

  // 2. Names: every name a unit or group answers to after the import belongs to one of them.
  const owners = new Map<string, Owner>();
  const scope = (j: string | null) => `${j === null ? '' : `@${nameKey(j)}`}`;
  for (const g of groups)
    for (const n of [g.name, ...strings(g.aliases)])
      owners.set(`*${nameKey(n)}`, { label: `单位组“${g.name}”` });
  for (const u of allUnits) {
    if (targeted.has(u.id)) continue;
    // A disabled or merged unit keeps its own name; its other names answer to nothing (or to its successor).
    const names = u.disabled_at ? [u.name] : [u.name, u.full_name, ...strings(u.aliases)];
    for (const n of names) owners.set(`${scope(u.jurisdiction)}${nameKey(n)}`, { label: `单位“${u.name}”` });
    owners.set(`!${u.name_key}`, { label: `单位“${u.name}”` });
  }
  for (const p of planned) {
    const row = rowOf.get(p) as (typeof rows)[number];
    const s = scope(p.jurisdiction);
    const mine: Owner = { label: `第 ${p.line} 行的单位“${p.name}”`, line: p.line };
    const claim = (n: string, field: DirectoryField, keys: string[]) => {
      for (const k of keys) {
        const o = owners.get(k);
        if (o && o !== mine) {
          problem(row, field, `“${n}”已是${o.label}的名称或别名`);
          return;
        }
      }
      for (const k of keys) owners.set(k, mine);
    };
    claim(p.name, 'name', [`!${nameKey(p.name)}`, `*${nameKey(p.name)}`, `${s}${nameKey(p.name)}`]);
    // A unit disabled by the import keeps its own name only (as the directory page leaves it).
    if (p.disabled) continue;
    for (const [n, field] of [
      [p.fullName, 'fullName'],
      ...p.aliases.map((a) => [a, 'aliases'] as const),
    ] as const)
      if (nameKey(n) !== nameKey(p.name)) claim(n, field, [`*${nameKey(n)}`, `${s}${nameKey(n)}`]);
  }

  // 3. Parents and groups, against the directory after the import.
  const plannedByKey = new Map(planned.map((p) => [nameKey(p.name), p]));
  const activeByAnyName = new Map<string, UnitRow>();
  for (const u of allUnits)
    if (!u.disabled_at && !targeted.has(u.id))
      for (const n of [u.name, u.full_name, ...strings(u.aliases)]) activeByAnyName.set(nameKey(n), u);
  const newGroups: string[] = [];
  for (const p of planned) {
    const row = rowOf.get(p) as (typeof rows)[number];
    if (p.parent) {
      const k = nameKey(p.parent);
      const target =
        plannedByKey.get(k)?.name ??
        activeByAnyName.get(k)?.name ??
        planned.find((q) => q.aliases.some((a) => nameKey(a) === k))?.name;
      if (!target) problem(row, 'parent', `上级单位“${p.parent}”不在单位名录中，也不在本文件中`);
      else if (nameKey(target) === nameKey(p.name)) problem(row, 'parent', '上级单位不能是自己');
      else p.parent = target;
    }
    for (const gName of p.groups ?? []) {
      const g = groupByKey.get(nameKey(gName));
      if (g?.decided_per_plan)
        problem(row, 'groups', `“${g.name}”的成员由每个计划的审核决定，不能在名录中指定`);
      else if (!g && (byNameKey.has(nameKey(gName)) || plannedByKey.has(nameKey(gName))))
        problem(row, 'groups', `“${gName}”是单位，不是单位组`);
      else if (!g && !newGroups.some((n) => nameKey(n) === nameKey(gName))) newGroups.push(gName);
    }
    if (p.groups) p.groups = p.groups.map((n) => groupByKey.get(nameKey(n))?.name ?? n);
  }
  // A chain of parents must end (A under B under A is refused).
  const idOf = new Map(allUnits.map((u) => [u.id, u]));
  const plannedById = new Map(planned.flatMap((p) => (p.existing ? [[p.existing.id, p] as const] : [])));
  const finalName = (u: UnitRow) => plannedById.get(u.id)?.name ?? u.name;
  const parentOf = (name: string): string | null => {
    const p = plannedByKey.get(nameKey(name));
    if (p && p.parent !== undefined) return p.parent;
    const u = p ? p.existing : byNameKey.get(nameKey(name));
    const parent = u?.parent_id ? idOf.get(u.parent_id) : undefined;
    return parent ? finalName(parent) : null;
  };
  for (const p of planned) {
    const seen = new Set([p.name]);
    for (let at = parentOf(p.name); at; at = parentOf(at)) {
      if (seen.has(at)) {
        problem(
          rowOf.get(p) as (typeof rows)[number],
          'parent',
          `上级单位形成循环（${[...seen, at].join(' → ')}）`,
        );
        break;
      }
      seen.add(at);
    }
  }

  // 4. What changes.
  const fixedGroups = new Map(groups.filter((g) => !g.decided_per_plan).map((g) => [g.id, g.name]));
  const groupsOf = (unitId: string) =>
    members
      .filter((m) => m.unit_id === unitId && fixedGroups.has(m.group_id))
      .map((m) => fixedGroups.get(m.group_id) as string)
      .sort();
  const creates: DirectoryImportPreview['creates'] = [];
  const updates: DirectoryImportPreview['updates'] = [];
  let unchanged = 0;
  for (const p of planned) {
    const u = p.existing;
    const parentName = (id: string | null, final = true) => {
      const parent = id ? idOf.get(id) : undefined;
      return parent ? (final ? finalName(parent) : parent.name) : null;
    };
    const after = {
      name: p.name,
      fullName: p.fullName,
      kind: p.kind,
      aliases: p.aliases,
      groups: p.groups ? [...p.groups].sort() : u ? groupsOf(u.id) : [],
      parent: p.parent === undefined ? parentName(u?.parent_id ?? null) : p.parent,
      jurisdiction: p.jurisdiction,
      disabled: p.disabled,
      note: p.note,
    };
    if (!u) {
      creates.push({ line: p.line, ...after });
      continue;
    }
    const before = {
      name: u.name,
      fullName: u.full_name,
      kind: u.kind as UnitKind,
      aliases: strings(u.aliases),
      groups: groupsOf(u.id),
      parent: parentName(u.parent_id, false),
      jurisdiction: u.jurisdiction,
      disabled: u.disabled_at !== null,
      note: u.note,
    };
    // A parent renamed by this same import is still the same parent.
    // An alias repeating the unit's own name or full name is no name of its own.
    const same = {
      ...before,
      aliases: dedupe(before.aliases, [u.name, u.full_name]),
      parent: parentName(u.parent_id),
    };
    p.changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => {
      const [a, b] = [after[k], same[k]];
      return Array.isArray(a) && Array.isArray(b) ? !sameList(a, b) : a !== b;
    });
    // A unit that stays disabled is not edited: it is enabled first (as on the directory page).
    if (p.disabled && u.disabled_at && p.changed.length > 0) {
      problem(
        rowOf.get(p) as (typeof rows)[number],
        'state',
        `单位“${u.name}”已停用，不能修改（${p.changed.join('、')}）：请把状态改为“启用”`,
      );
      continue;
    }
    if (p.changed.length === 0) unchanged++;
    else
      updates.push({
        line: p.line,
        unitId: u.id,
        renamedFrom: p.renamedFrom,
        changed: p.changed,
        before,
        after,
      });
  }
  problems.sort((a, b) => a.line - b.line);
  const effect = { creates, updates, newGroups };
  const digest = createHash('sha256').update(JSON.stringify(effect)).digest('hex').slice(0, 32);
  return {
    units: planned,
    newGroups,
    problems,
    preview: { fileName, rows: rows.length, ...effect, unchanged, problems, digest },
  };
}
