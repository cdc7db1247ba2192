/** Tables of the import flow (migration 50): remembered column mappings and plan versions. */

/** The roles chosen for a table header, remembered by the header's signature. */
export interface ColumnMappingsTable {
  /** SHA-256 (hex) of the header cells in order, each trimmed, joined by a tab. */
  signature: string;
  /** JSON string[]: the header cells the signature was made from. */
  headers: string;
  /** JSON Record<header, ColumnRole>: the roles chosen. */
  roles: string;
  chosen_by: string | null;
  chosen_at: string;
}

/** A plan imported as a new version of another; publishing it retires the one it replaces. */
export interface PlanVersionsTable {
  plan_id: string;
  replaces_plan_id: string;
  recorded_at: string;
}

export interface ImportTables {
  column_mappings: ColumnMappingsTable;
  plan_versions: PlanVersionsTable;
}
