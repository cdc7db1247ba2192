/**
 * The query keys of the pages the route preloader starts (issue #12 item 3), apart from the modules that
 * validate with the contract's schemas: the preloader is in the shell's first load, which must not carry
 * zod. The API modules re-export them; every page and invalidation uses these same keys.
 */
import type {
  BoardQuery,
  MatrixQuery,
  ReportQueueQuery,
  UnitLoadQuery,
  UnitStatusQuery,
} from '@lantian/contract';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (planId: string) => [...planKeys.all, planId] as const,
  measures: (planId: string) => [...planKeys.all, planId, 'measures'] as const,
  measure: (planId: string, measureId: string) => [...planKeys.all, planId, 'measures', measureId] as const,
  review: (planId: string) => [...planKeys.all, planId, 'review'] as const,
  corrections: (planId: string) => [...planKeys.all, planId, 'corrections'] as const,
};
export const directoryKeys = { units: ['units'] as const, groups: ['groups'] as const };

/**
 * Lights (预警) and progress, as the server computes them for today. They change with every report,
 * request and decision, so mutations invalidate `statusKeys.all` together with their own keys.
 */
export const statusKeys = {
  all: ['status'] as const,
  plan: (planId: string) => [...statusKeys.all, 'plan', planId] as const,
  units: (planId: string, q?: Partial<UnitStatusQuery>) =>
    q ? ([...statusKeys.all, 'units', planId, q] as const) : ([...statusKeys.all, 'units', planId] as const),
  trend: (planId: string) => [...statusKeys.all, 'trend', planId] as const,
  overview: (planId: string) => [...statusKeys.all, 'overview', planId] as const,
  unitLoad: (planId: string, q: UnitLoadQuery) =>
    [...statusKeys.all, 'overview', planId, 'units', q] as const,
  matrix: (planId: string, q: Partial<MatrixQuery>) => [...statusKeys.all, 'matrix', planId, q] as const,
  assignments: (planId: string, unitId?: string) =>
    [...statusKeys.all, 'assignments', planId, unitId ?? 'visible'] as const,
  measures: (planId: string, measureIds: readonly string[]) =>
    [...statusKeys.all, 'measures', planId, measureIds] as const,
  measure: (planId: string, measureId: string) => [...statusKeys.all, 'measure', planId, measureId] as const,
  board: (q: Partial<BoardQuery>) => [...statusKeys.all, 'board', q] as const,
};

/**
 * Reports and their reporting settings. Everything a report changes lives under `reportKeys.all`, so one
 * invalidation after a save, sign-off or review refreshes every page that shows reports or their lights.
 */
export const reportKeys = {
  all: ['reports'] as const,
  form: (assignmentId: string, period?: string) =>
    [...reportKeys.all, 'form', assignmentId, period ?? 'current'] as const,
  ledger: (assignmentId: string) => [...reportKeys.all, 'ledger', assignmentId] as const,
  detail: (reportId: string) => [...reportKeys.all, 'detail', reportId] as const,
  queue: (q: Partial<ReportQueueQuery>) => [...reportKeys.all, 'queue', q] as const,
  settings: (planId: string) => ['reporting-settings', planId] as const,
};
