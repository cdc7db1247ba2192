/**
 * Rows of the permission table (permissions.test.ts) for the problem-case list's .xlsx and the statistics'
 * ranking. Same shape as its `Case`.
 */
import { BUSINESS, type Case } from './helpers/permission-table.ts';

export const CASE_EXPORT_ROWS: Record<string, Case> = {
  // Whoever may list cases may export them (a unit: its own cases only, cases-export.test.ts).
  'GET /api/v1/exports/cases.xlsx': { status: 200, allowed: BUSINESS },
  // The statistics are the office's (case.stats), as the page.
  'GET /api/v1/exports/case-stats.xlsx': {
    status: 200,
    allowed: ['supervisor'],
    url: () => '/api/v1/exports/case-stats.xlsx?from=2022-01-01&to=2022-01-31',
  },
};
