import { nameKey } from '../text/normalize.ts';
import type { DirectoryGroup, DirectoryUnit, UnitDirectory } from './model.ts';

export type DirectoryEntry = { type: 'unit'; unit: DirectoryUnit } | { type: 'group'; group: DirectoryGroup };

/** A directory indexed for lookup by any of its names. */
export interface DirectoryIndex {
  directory: UnitDirectory;
  /** Resolve a name as written (any alias, full name or sector word) to its entry. */
  lookup(name: string): DirectoryEntry | undefined;
  /** Resolve an already-normalised key (see `nameKey`). */
  lookupKey(key: string): DirectoryEntry | undefined;
  unit(name: string): DirectoryUnit | undefined;
  group(name: string): DirectoryGroup | undefined;
  /** Canonical member unit names of a group, expanded through nested groups; `null` if decided per plan. */
  members(groupName: string): string[] | null;
  /** Length in characters of the longest name, to bound greedy matching. */
  longestKey: number;
}

export function indexDirectory(directory: UnitDirectory): DirectoryIndex {
  const byKey = new Map<string, DirectoryEntry>();
  const units = new Map<string, DirectoryUnit>();
  const groups = new Map<string, DirectoryGroup>();
  let longestKey = 0;
  const add = (name: string, entry: DirectoryEntry, weak = false) => {
    const key = nameKey(name);
    if (!key || (weak && byKey.has(key))) return;
    byKey.set(key, entry);
    longestKey = Math.max(longestKey, key.length);
  };
  // Sector words are weaker than names: a real unit or group named the same wins.
  for (const unit of directory.units) {
    for (const s of unit.sectors ?? []) add(s, { type: 'unit', unit }, true);
  }
  for (const group of directory.groups) {
    groups.set(group.name, group);
    for (const n of [group.name, ...group.aliases]) add(n, { type: 'group', group });
  }
  for (const unit of directory.units) {
    units.set(unit.name, unit);
    for (const n of [unit.name, unit.fullName, ...unit.aliases]) add(n, { type: 'unit', unit });
  }
  const members = (groupName: string, seen = new Set<string>()): string[] | null => {
    const group = groups.get(groupName);
    if (!group || group.members === null) return null;
    const out: string[] = [];
    for (const m of group.members) {
      if (groups.has(m)) {
        if (seen.has(m)) continue;
        seen.add(m);
        for (const n of members(m, seen) ?? []) if (!out.includes(n)) out.push(n);
      } else if (!out.includes(m)) out.push(m);
    }
    return out;
  };
  return {
    directory,
    lookup: (name) => byKey.get(nameKey(name)),
    lookupKey: (key) => byKey.get(key),
    unit: (name) => units.get(name),
    group: (name) => groups.get(name),
    members: (g) => members(g),
    longestKey,
  };
}

/** Problems that make a directory unusable: duplicate names, members that do not exist. */
export function validateDirectory(directory: UnitDirectory): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    const key = nameKey(name);
    const prev = seen.get(key);
    if (prev !== undefined && prev !== owner) problems.push(`名称“${name}”同时属于“${prev}”和“${owner}”`);
    seen.set(key, owner);
  };
  for (const u of directory.units)
    for (const n of new Set([u.name, u.fullName, ...u.aliases])) claim(n, u.name);
  for (const g of directory.groups) for (const n of new Set([g.name, ...g.aliases])) claim(n, g.name);
  const names = new Set([...directory.units.map((u) => u.name), ...directory.groups.map((g) => g.name)]);
  for (const g of directory.groups) {
    for (const m of g.members ?? []) if (!names.has(m)) problems.push(`组“${g.name}”的成员“${m}”不在名录中`);
  }
  return problems;
}
