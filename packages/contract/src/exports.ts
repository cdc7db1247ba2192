/**
 * Server-side exports (`GET /api/v1/exports/<list>.xlsx?<the list's filters>`): every row that matches the
 * list's filter, streamed as an .xlsx. Each query is the list's own, without paging.
 */
import { z } from 'zod';
import { AuditQuery } from './audit.ts';
import { CaseStatsQuery, CasesQuery } from './cases.ts';
import { ClosuresQuery } from './closures.ts';
import { FieldText, Id, ResponsibilityRole } from './common.ts';
import { ExtensionsQuery } from './extensions.ts';
import { MyAssignmentsQuery } from './me.ts';
import { RankingQuery } from './monitoring.ts';
import { NoticesQuery } from './notices.ts';
import { NotificationsQuery } from './notifications.ts';
import { OverviewQuery, UNIT_LOAD_SORTS } from './plan-overview.ts';
import { MeasuresQuery, PlanAssignmentsQuery, PlansQuery } from './plans.ts';
import { ReportQueueQuery } from './reporting.ts';
import { BoardQuery } from './status.ts';
import { Light } from './supervision-common.ts';
import { UnitsQuery } from './units.ts';
import { UsersQuery } from './users.ts';

const unpaged = { page: true, pageSize: true } as const;
/** Words a page searches by (separated by spaces, all must match). */
const Words = FieldText.trim().max(100).optional();

export const EXPORT_QUERIES = {
  notifications: NotificationsQuery.omit(unpaged),
  audit: AuditQuery.omit({ limit: true, before: true }),
  plans: PlansQuery.omit(unpaged),
  /** The plan view's filters (`PlanFilters`), applied by the server as the page applies them. */
  measures: MeasuresQuery.omit(unpaged).extend({ planId: Id }),
  assignments: PlanAssignmentsQuery.omit(unpaged).extend({ planId: Id }),
  /** 我的任务 with the page's own filters: a role and words in the task or measure. */
  'my-work': MyAssignmentsQuery.omit(unpaged).extend({ role: ResponsibilityRole.optional(), q: Words }),
  board: BoardQuery.omit(unpaged),
  notices: NoticesQuery.omit(unpaged),
  extensions: ExtensionsQuery.omit(unpaged),
  closures: ClosuresQuery.omit(unpaged),
  cases: CasesQuery.omit(unpaged),
  users: UsersQuery.omit(unpaged),
  units: UnitsQuery.omit(unpaged),
  /** The queue with the page's filters: a unit (by name, as the page offers them) and words. */
  'review-queue': ReportQueueQuery.omit(unpaged).extend({
    unit: FieldText.trim().max(100).optional(),
    q: Words,
  }),
  /** 单位进展 (a plan's units, each with its light and progress) with the page's filters: words, a light. */
  'unit-status': z.strictObject({ planId: Id, q: Words, light: Light.optional() }),
  /** 监测排名 as the page asks for it (indicator, period, level, within, by, cumulative). */
  rankings: RankingQuery,
  /** 案件统计's unit ranking over the cases received in a range. */
  'case-stats': CaseStatsQuery,
  /** The dashboard's deadlines ahead: every milestone and final date from today through `days` ahead. */
  upcoming: z.strictObject({ planId: Id, days: OverviewQuery.shape.days }),
  /** The dashboard's units by load, in the table's order (`sort`). */
  'unit-load': z.strictObject({ planId: Id, sort: z.enum(UNIT_LOAD_SORTS).default('measures') }),
  /** 责任矩阵: every unit × task, of one role or all. */
  matrix: z.strictObject({ planId: Id, role: ResponsibilityRole.optional() }),
  /** A measure's assigned units with their lights (the measure page's table). */
  'measure-assignments': z.strictObject({ planId: Id, measureId: Id }),
  /** Every report of one assignment (its 台账 on the report page). */
  'assignment-reports': z.strictObject({ assignmentId: Id }),
  /** 单位组 with the units page's words (in the name, aliases or members). */
  groups: z.strictObject({ q: Words }),
} as const;

export type ExportList = keyof typeof EXPORT_QUERIES;
export const EXPORT_LISTS = Object.keys(EXPORT_QUERIES) as ExportList[];
export type ExportQuery<L extends ExportList> = z.input<(typeof EXPORT_QUERIES)[L]>;

/** Ledgers (台账): a unit's, in one plan; and the plan's for the office. */
export const UnitLedgerParams = z.strictObject({ planId: Id, unitId: Id });
export const PlanLedgerParams = z.strictObject({ planId: Id });
