/** Tables for a plan's volume over its life: the office's per-unit shares of city-wide targets. */

/** 分解目标: the part of a city-wide target the office assigns to one unit (in the target's unit). */
export interface TargetSharesTable {
  target_id: string;
  unit_id: string;
  value: number;
  updated_by: string | null;
  updated_at: string;
}

export interface VolumeTables {
  target_shares: TargetSharesTable;
}
