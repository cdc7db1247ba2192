/** Tables of data safety: the audit chain's keying boundary. */

/** One row: records from `boundary_seq` on carry a keyed hash (HMAC); `mac` signs the row itself. */
export interface AuditKeyingTable {
  id: number;
  boundary_seq: number;
  /** `hmac-sm3` or `hmac-sha256`. */
  algorithm: string;
  created_at: string;
  mac: string;
}

export interface SafetyTables {
  audit_keying: AuditKeyingTable;
}
