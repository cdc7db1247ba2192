/** Tables of the security controls: sole-signer units, known login sources, activation codes. */
import type { Flag } from './schema.ts';

/**
 * Four eyes at a unit's sign-off: whoever wrote a report (or a request) does not sign it off. A unit
 * with one person can be marked by the office as a sole signer, with a reason; every change is audited.
 */
export interface UnitSignoffSettingsTable {
  unit_id: string;
  sole_signer: Flag;
  reason: string;
  updated_by: string | null;
  updated_at: string;
}

export interface SecurityTables {
  unit_signoff_settings: UnitSignoffSettingsTable;
}
