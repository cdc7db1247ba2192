/**
 * Rows of the permission table (permissions.test.ts) for the exports of the dashboard, the matrix, a
 * measure's units, an assignment's reports and the unit groups: each as the page it comes from. Same shape
 * as its `Case`.
 */
import { ALL, BUSINESS, type Case, NONE } from './helpers/permission-table.ts';

export const PAGE_EXPORT_ROWS: Record<string, Case> = {
  // The dashboard and the matrix read `status.read`, like their pages.
  'GET /api/v1/exports/upcoming.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/upcoming.xlsx?planId=${f.planId}`,
  },
  'GET /api/v1/exports/unit-load.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/unit-load.xlsx?planId=${f.planId}`,
  },
  'GET /api/v1/exports/matrix.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/matrix.xlsx?planId=${f.planId}`,
  },
  // A measure's page reads `plan.read` (each sees the units it may see; exports-pages.test.ts).
  'GET /api/v1/exports/measure-assignments.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/measure-assignments.xlsx?planId=${f.planId}&measureId=${f.measureId}`,
  },
  // An assignment's reports read `report.read`; for an assignment nobody has, the allowed get a 404.
  'GET /api/v1/exports/assignment-reports.xlsx': {
    status: 404,
    allowed: BUSINESS,
    url: () => `/api/v1/exports/assignment-reports.xlsx?assignmentId=${NONE}`,
  },
  // The directory is everyone's.
  'GET /api/v1/exports/groups.xlsx': { status: 200, allowed: ALL },
};
