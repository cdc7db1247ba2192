/** Tables of the platform itself: cache read scopes. */

/**
 * One version number per read scope (`session`, `unit:<id>`, `unit:<id>/plan:<id>`, `groups`), bumped by
 * triggers in the same transaction as the change (see migration 2026-12-01-11-read-scopes). A missing
 * row reads as 0.
 */
export interface ReadScopesTable {
  scope: string;
  n: number;
}

export interface PlatformTables {
  read_scopes: ReadScopesTable;
}
