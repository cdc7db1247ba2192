import { z } from 'zod';
import { FieldText, Id, UnitKind } from './common.ts';
import { Page, Paged, PageSize } from './supervision-common.ts';

export const Unit = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  kind: UnitKind,
  aliases: z.array(z.string()),
  parentId: z.string().nullable(),
  /** Disabled (停用, or merged): no new assignments; its history stays. */
  disabled: z.boolean(),
  /** The unit it was merged into (合并), if any. */
  mergedInto: z.string().nullable(),
});
export type Unit = z.infer<typeof Unit>;

/** One page of the unit directory, optionally only units whose name, full name or alias contains `q`. */
export const UnitsQuery = z.strictObject({
  q: FieldText.trim().max(100).optional(),
  kind: UnitKind.optional(),
  /** `active`: units that take new assignments; `disabled`: disabled or merged ones; omitted: all. */
  state: z.enum(['active', 'disabled']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type UnitsQuery = z.infer<typeof UnitsQuery>;

export const UnitsResponse = z.object({ ...Paged, units: z.array(Unit) });
export type UnitsResponse = z.infer<typeof UnitsResponse>;

export const UnitName = FieldText.trim().min(1).max(100);

export const CreateUnitRequest = z.strictObject({
  name: UnitName,
  fullName: UnitName,
  kind: UnitKind,
  aliases: z.array(UnitName).max(20).optional(),
  parentId: Id.optional(),
});
export type CreateUnitRequest = z.infer<typeof CreateUnitRequest>;

export const UnitResponse = z.object({ unit: Unit });

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  /** Membership decided per plan (`相关区政府`). */
  decidedPerPlan: z.boolean(),
  candidateKinds: z.array(UnitKind),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Group = z.infer<typeof Group>;

export const GroupsQuery = z.strictObject({ page: Page, pageSize: PageSize });
export type GroupsQuery = z.infer<typeof GroupsQuery>;

export const GroupsResponse = z.object({ ...Paged, groups: z.array(Group) });
export type GroupsResponse = z.infer<typeof GroupsResponse>;

export const UnitParams = z.strictObject({ unitId: Id });
export const GroupParams = z.strictObject({ groupId: Id });

const Reason = FieldText.trim().min(1).max(500);

/** Rename a unit or change its aliases. A unit's former name stays one of its aliases. */
export const UpdateUnitRequest = z
  .strictObject({
    name: UnitName.optional(),
    fullName: UnitName.optional(),
    aliases: z.array(UnitName).max(50).optional(),
    reason: FieldText.trim().max(500).optional(),
  })
  .refine((r) => r.name !== undefined || r.fullName !== undefined || r.aliases !== undefined, {
    message: '请至少修改名称、全称或别名之一',
    path: ['name'],
  });
export type UpdateUnitRequest = z.infer<typeof UpdateUnitRequest>;

/** Disable (停用) a unit, with the reason; or enable it again. */
export const DisableUnitRequest = z.strictObject({ reason: Reason });
export type DisableUnitRequest = z.infer<typeof DisableUnitRequest>;

/** Merge a unit into another (合并): its assignments, people and requests move; its names become aliases. */
export const MergeUnitRequest = z.strictObject({ intoUnitId: Id, reason: Reason });
export type MergeUnitRequest = z.infer<typeof MergeUnitRequest>;

/** The members of a group with fixed membership (各区政府 and the like). */
export const SetGroupMembersRequest = z.strictObject({
  unitIds: z.array(Id).max(500),
  reason: FieldText.trim().max(500).optional(),
});
export type SetGroupMembersRequest = z.infer<typeof SetGroupMembersRequest>;

export const GroupResponse = z.object({ group: Group });

export const DirectoryChange = z.object({
  id: z.string(),
  subjectType: z.enum(['unit', 'group']),
  subjectId: z.string(),
  /** `rename`, `aliases`, `disable`, `enable`, `merge`, `merged_from`, `members`. */
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export type DirectoryChange = z.infer<typeof DirectoryChange>;

export const DirectoryHistoryQuery = z.strictObject({ page: Page, pageSize: PageSize });
export type DirectoryHistoryQuery = z.infer<typeof DirectoryHistoryQuery>;

export const DirectoryHistoryResponse = z.object({ ...Paged, changes: z.array(DirectoryChange) });
export type DirectoryHistoryResponse = z.infer<typeof DirectoryHistoryResponse>;

export const MergeUnitResponse = z.object({
  unit: Unit,
  into: Unit,
  /** How much moved: assignments, accounts, notices and requests. */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeUnitResponse = z.infer<typeof MergeUnitResponse>;

/** One unit as the directory's table has it (import and export: 单位名称、全称、简称/别名、类型、所属分组、上级/所属区、地区、状态、备注). */
export const DirectoryLine = z.object({
  name: z.string(),
  fullName: z.string(),
  kind: UnitKind,
  aliases: z.array(z.string()),
  groups: z.array(z.string()),
  parent: z.string().nullable(),
  /** 地区: null the directory's own; `''` made for plans that name no place; else the place (`成都市`). */
  jurisdiction: z.string().nullable(),
  /** 状态: 停用. */
  disabled: z.boolean(),
  note: z.string().nullable(),
});
export type DirectoryLine = z.infer<typeof DirectoryLine>;

/** A bad row of an imported directory: its line in the file, the column (header as written) and the cell. */
export const DirectoryImportProblem = z.object({
  line: z.number().int(),
  column: z.string(),
  cell: z.string().nullable(),
  message: z.string(),
});
export type DirectoryImportProblem = z.infer<typeof DirectoryImportProblem>;

/** What importing a directory table would do (nothing is written by the preview). */
export const DirectoryImportPreview = z.object({
  fileName: z.string(),
  /** Rows read (blank lines aside). */
  rows: z.number().int(),
  creates: z.array(DirectoryLine.extend({ line: z.number().int() })),
  updates: z.array(
    z.object({
      line: z.number().int(),
      unitId: z.string(),
      /** A row whose name is new and whose aliases hold this unit's name renames it. */
      renamedFrom: z.string().nullable(),
      /** The fields that change: `name`, `fullName`, `kind`, `aliases`, `groups`, `parent`, `jurisdiction`, `disabled`, `note`. */
      changed: z.array(z.string()),
      before: DirectoryLine,
      after: DirectoryLine,
    }),
  ),
  unchanged: z.number().int(),
  /** Groups the file names that the directory does not have yet: created with fixed members. */
  newGroups: z.array(z.string()),
  problems: z.array(DirectoryImportProblem),
  /** Names this preview's effect; the import refuses to write when the directory changed since (409). */
  digest: z.string(),
});
export type DirectoryImportPreview = z.infer<typeof DirectoryImportPreview>;

export const DirectoryImportQuery = z.strictObject({
  /** The digest of the preview the office confirmed; the import then writes only that effect. */
  digest: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{32}$/, 'digest：应为预览返回的 32 位摘要')
    .optional(),
});
export type DirectoryImportQuery = z.infer<typeof DirectoryImportQuery>;

export const DirectoryImportResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  groupsCreated: z.number().int(),
});
export type DirectoryImportResponse = z.infer<typeof DirectoryImportResponse>;

export const DirectoryExportQuery = z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export type DirectoryExportQuery = z.infer<typeof DirectoryExportQuery>;
