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

/**
 * Contact data encrypted at rest (migration 60): one row saying which key encrypted it — an HMAC of a
 * fixed text under the data key — so that a start with another key is refused instead of misreading.
 */
export interface DataKeyingTable {
  id: number;
  /** `aes-256-gcm`. */
  algorithm: string;
  /** HMAC-SHA256 (hex) of `lantian-data-key-check` under the data key. */
  key_check: string;
  created_at: string;
}

export interface SafetyTables {
  audit_keying: AuditKeyingTable;
  data_keying: DataKeyingTable;
}
