/**
 * Server-side exports (`GET /api/v1/exports/<list>.xlsx?<the list's filters>`): every row that matches the
 * list's filter, streamed as an .xlsx. Each query is the list's own, without paging.
 */
import { z } from 'zod';
import { AuditQuery } from './audit.ts';
import { ClosuresQuery } from './closures.ts';
import { Id } from './common.ts';
import { ExtensionsQuery } from './extensions.ts';
import { MyAssignmentsQuery } from './me.ts';
import { NoticesQuery } from './notices.ts';
import { NotificationsQuery } from './notifications.ts';
import { PlanAssignmentsQuery, PlansQuery } from './plans.ts';
import { ReportQueueQuery } from './reporting.ts';
import { BoardQuery } from './status.ts';
import { UnitsQuery } from './units.ts';
import { UsersQuery } from './users.ts';

const unpaged = { page: true, pageSize: true } as const;

export const EXPORT_QUERIES = {
  notifications: NotificationsQuery.omit(unpaged),
  audit: AuditQuery.omit({ limit: true, before: true }),
  plans: PlansQuery.omit(unpaged),
  measures: z.strictObject({ planId: Id }),
  assignments: PlanAssignmentsQuery.extend({ planId: Id }),
  'my-work': MyAssignmentsQuery.omit(unpaged),
  board: BoardQuery.omit(unpaged),
  notices: NoticesQuery.omit(unpaged),
  extensions: ExtensionsQuery.omit(unpaged),
  closures: ClosuresQuery.omit(unpaged),
  users: UsersQuery.omit(unpaged),
  units: UnitsQuery.omit(unpaged),
  'review-queue': ReportQueueQuery.omit(unpaged),
} as const;

export type ExportList = keyof typeof EXPORT_QUERIES;
export const EXPORT_LISTS = Object.keys(EXPORT_QUERIES) as ExportList[];
export type ExportQuery<L extends ExportList> = z.input<(typeof EXPORT_QUERIES)[L]>;

/** Ledgers (台账): a unit's, in one plan; and the plan's for the office. */
export const UnitLedgerParams = z.strictObject({ planId: Id, unitId: Id });
export const PlanLedgerParams = z.strictObject({ planId: Id });
