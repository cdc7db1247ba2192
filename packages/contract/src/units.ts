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
});
export type Unit = z.infer<typeof Unit>;

/** One page of the unit directory, optionally only units whose name, full name or alias contains `q`. */
export const UnitsQuery = z.strictObject({
  q: FieldText.trim().max(100).optional(),
  kind: UnitKind.optional(),
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
