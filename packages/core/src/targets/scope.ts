/**
 * Whose target is it: the whole city's (the lead holds the total, units contribute to it) or each
 * carrying unit's own? `共完成8000户以上` written for 各区政府 is one total; `每个区完成…`, a rate, or a
 * target of a single unit is each unit's. A pure rule over the target's own words and the measure's
 * carriers; the office may overrule it per target (`targets.city_wide`).
 */
import type { Comparison, IsoDate } from '../plan/model.ts';

export interface TargetScopeInput {
  /** The clause the target was read from (`全年检测量不低于230组`). */
  text: string;
  unit: string;
  comparison: Comparison;
  yearOnYear: boolean;
  /**
   * Who carries the measure: the units and groups named in its 主责单位 cell, or in its 牵头部门 cell when
   * it names no responsible unit. A group (各区政府) counts as several.
   */
  carriers: { units: number; groups: number };
}

export type TargetScopeReason =
  /** `每个区`, `各区分别`, `每家`, `均需`: the words give each unit the target. */
  | 'EACH_WORDING'
  /** A rate, share, intensity or count of days does not add up over units. */
  | 'NOT_ADDITIVE'
  /** One unit carries the measure: its target is its own. */
  | 'SINGLE_CARRIER'
  /** `共完成`, `全年…不低于`, `全市`, `累计`, `总量`: the words speak of one total. */
  | 'TOTAL_WORDING'
  /** Several carriers, but nothing says the number is a total: each unit's, until the office says otherwise. */
  | 'NO_TOTAL_WORDING';

export interface TargetScope {
  cityWide: boolean;
  reason: TargetScopeReason;
  /** The words that decided it (`共完成`, `每个区`), when words did. */
  cue?: string;
}

// Each unit: a distributive word before the number. `各区…` alone is weaker than `每个区` or `分别`: a
// total word in the same clause (`各区政府共完成…`) wins over it.
const EACH_STRONG =
  /(每个区|每个县|每个乡镇|每个街道|每个单位|每个部门|每区|每县|每家|每个|每户|分别|各自|均需|均应|均要|均须|均达到|均完成|均不低于|均不少于|均实现|平均)/;
const EACH_WEAK = /(各区|各县|各市|各乡镇|各街道|各单位|各部门|各地)/;
// `共` only as a total (`共完成`, `共计`, `共 8000 户`), not `共享`, `共同`, `公共`.
const TOTAL =
  /(全年|共(?:完成|计|实施|改造|推广|淘汰|治理|新增|建成|替代|安装|检查|抽检|整治|检测|培训|\s*\d)|合计|总计|累计|全市|全省|全区|全县|全州|全盟|总量|总数|总规模|总共|一共)/;

const NOT_ADDITIVE_UNITS = new Set(['%', '％', '‰', '个百分点', '天']);

/** Whether amounts in this unit add up over units (counts, volumes, money), unlike rates or intensities. */
export function isAdditiveUnit(unit: string): boolean {
  if (NOT_ADDITIVE_UNITS.has(unit)) return false;
  return !/[/／]/.test(unit);
}

/** Does the target read as one total for all carrying units (the lead holds it) or as each unit's? */
export function targetScope(input: TargetScopeInput): TargetScope {
  const text = input.text;
  const strong = EACH_STRONG.exec(text);
  if (strong) return { cityWide: false, reason: 'EACH_WORDING', cue: strong[1] };
  if (!isAdditiveUnit(input.unit) || input.yearOnYear || input.comparison === 'increase_by')
    return { cityWide: false, reason: 'NOT_ADDITIVE' };
  if (input.carriers.groups === 0 && input.carriers.units < 2)
    return { cityWide: false, reason: 'SINGLE_CARRIER' };
  const total = TOTAL.exec(text);
  if (total) return { cityWide: true, reason: 'TOTAL_WORDING', cue: total[1] };
  const weak = EACH_WEAK.exec(text);
  if (weak) return { cityWide: false, reason: 'EACH_WORDING', cue: weak[1] };
  return { cityWide: false, reason: 'NO_TOTAL_WORDING' };
}

/**
 * Who carries a measure, for `targetScope`: the responsible cell's mentions, or the lead cell's when the
 * measure names no responsible unit. Unknown names count as units.
 */
export function measureCarriers(mentions: readonly { role: string; kind: string }[]): {
  units: number;
  groups: number;
} {
  const responsible = mentions.filter((m) => m.role === 'responsible');
  const carrying = responsible.length > 0 ? responsible : mentions.filter((m) => m.role === 'lead');
  const groups = carrying.filter((m) => m.kind === 'group').length;
  return { units: carrying.length - groups, groups };
}

export type TargetLight = 'green' | 'yellow' | 'red';

const dayNumber = (d: IsoDate) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

/**
 * The light of one target from its progress (0…1) and the time it has: reached is green; past its due
 * day unreached is red; a limit (`at_most`) is green while kept (or unreported) and red once exceeded; otherwise the
 * progress is set against the share of the time gone from `start` to `due`: at least that share is green,
 * at least 70 % of it yellow, less red.
 */
export function targetLight(input: {
  comparison: Comparison;
  progress: number;
  /** Whether any value was reported: a limit nobody reported against is not exceeded. */
  reported: boolean;
  start: IsoDate;
  due: IsoDate | null;
  asOf: IsoDate;
}): TargetLight {
  const { progress, start, due, asOf } = input;
  if (progress >= 1) return 'green';
  if (input.comparison === 'at_most') return input.reported ? 'red' : 'green';
  if (due && asOf > due) return 'red';
  if (!due || due <= start) return 'green';
  const elapsed = (dayNumber(asOf) - dayNumber(start)) / (dayNumber(due) - dayNumber(start));
  const expected = Math.min(1, Math.max(0, elapsed));
  if (progress >= expected) return 'green';
  if (progress >= 0.7 * expected) return 'yellow';
  return 'red';
}
