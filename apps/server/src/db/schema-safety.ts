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

/** A one-time activation code (migration 60): HMAC-SHA256 of the code under the data key, never the code. */
export interface ActivationCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  /** `new_account` or `reset`. */
  purpose: string;
  /** `email`, `unit_leader` or `server`. */
  delivered_to: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SafetyTables {
  audit_keying: AuditKeyingTable;
  data_keying: DataKeyingTable;
  activation_codes: ActivationCodesTable;
}
