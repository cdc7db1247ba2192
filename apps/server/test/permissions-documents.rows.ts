/**
 * Rows of the permission table (permissions.test.ts) for documents and exports: the bulletin, the
 * 督办单 .docx and PDF, every list's .xlsx and the ledgers. Same shape as its `Case`.
 */
import { ALL, BUSINESS, type Case, NONE, none, REVIEWERS } from './helpers/permission-table.ts';

export const DOCUMENT_ROWS: Record<string, Case> = {
  'GET /api/v1/exports/notifications.xlsx': { status: 200, allowed: ALL },
  'GET /api/v1/exports/audit.xlsx': { status: 200, allowed: ['auditor'] },
  'GET /api/v1/exports/plans.xlsx': { status: 200, allowed: BUSINESS },
  'GET /api/v1/exports/measures.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/measures.xlsx?planId=${f.planId}`,
  },
  'GET /api/v1/exports/assignments.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/assignments.xlsx?planId=${f.planId}`,
  },
  'GET /api/v1/exports/my-work.xlsx': { status: 200, allowed: BUSINESS },
  'GET /api/v1/exports/board.xlsx': { status: 200, allowed: ['supervisor'] },
  'GET /api/v1/exports/notices.xlsx': { status: 200, allowed: BUSINESS },
  'GET /api/v1/exports/extensions.xlsx': { status: 200, allowed: BUSINESS },
  'GET /api/v1/exports/closures.xlsx': { status: 200, allowed: BUSINESS },
  'GET /api/v1/exports/users.xlsx': { status: 200, allowed: ['sysadmin', 'secadmin'] },
  'GET /api/v1/exports/units.xlsx': { status: 200, allowed: ALL },
  'GET /api/v1/exports/review-queue.xlsx': { status: 200, allowed: REVIEWERS },
  'GET /api/v1/exports/unit-status.xlsx': {
    status: 200,
    allowed: BUSINESS,
    url: (f) => `/api/v1/exports/unit-status.xlsx?planId=${f.planId}`,
  },
  'GET /api/v1/exports/rankings.xlsx': {
    status: 404,
    allowed: BUSINESS,
    url: () => '/api/v1/exports/rankings.xlsx?indicator=none&period=2022-01&level=district',
  },
  // A unit's people get their own unit's ledger (ledger.test.ts); for a unit nobody has, only the office gets past the policy.
  'GET /api/v1/plans/:planId/units/:unitId/ledger.xlsx': {
    status: 404,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/units/${NONE}/ledger.xlsx`,
  },
  'GET /api/v1/plans/:planId/ledger.xlsx': { status: 200, allowed: ['supervisor'] },
  'GET /api/v1/notices/:noticeId/docx': { status: 404, allowed: BUSINESS, url: none('/notices/:id/docx') },
  'GET /api/v1/notices/:noticeId/pdf': { status: 404, allowed: BUSINESS, url: none('/notices/:id/pdf') },
  'GET /api/v1/plans/:planId/bulletin': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/bulletin?period=2022-01`,
  },
  'GET /api/v1/plans/:planId/bulletin/docx': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/bulletin/docx?period=2022-01`,
  },
  'GET /api/v1/plans/:planId/bulletin/pdf': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/bulletin/pdf?period=2022-01`,
  },
  'PUT /api/v1/plans/:planId/bulletin/texts': {
    status: 400,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/bulletin/texts?period=2022-01`,
    payload: () => ({ version: 0 }),
  },
};
