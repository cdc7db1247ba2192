/** A unit directory: the units a plan can name, and the groups that stand for several of them. */

export type UnitKind = 'city_department' | 'district' | 'enterprise' | 'street' | 'other';
export const UNIT_KINDS: readonly UnitKind[] = [
  'city_department',
  'district',
  'enterprise',
  'street',
  'other',
];

export interface DirectoryUnit {
  /** Canonical short name, as plans write it (`市生态环境局`). */
  name: string;
  fullName: string;
  nameEn?: string;
  kind: UnitKind;
  /** Other names that mean this unit (full names are matched too). */
  aliases: string[];
  /** Sector words that name this department in measure text (`生态环境部门`). */
  sectors?: string[];
  /** For streets and towns: the district they belong to. */
  parent?: string;
  /**
   * The jurisdiction the unit belongs to when it is not the directory's own (`沈阳市`): a unit
   * created in the review of another jurisdiction's plan. Plans are matched only against their own.
   */
  jurisdiction?: string;
}

export interface DirectoryGroup {
  name: string;
  nameEn?: string;
  aliases: string[];
  /** Canonical member names; `null` when membership is decided per plan (`相关区政府`). */
  members: string[] | null;
  /** For groups decided per plan: which kinds of unit may be chosen. */
  candidateKinds?: UnitKind[];
  /** As for units: set for a group of another jurisdiction than the directory's. */
  jurisdiction?: string;
}

export interface UnitDirectory {
  id: string;
  name: string;
  nameEn?: string;
  units: DirectoryUnit[];
  groups: DirectoryGroup[];
}
