/** The permission table's rows for problem cases (issue 10), spread into permissions.test.ts's TABLE. */
import type { UserRole } from '@lantian/contract';

const BUSINESS: UserRole[] = ['supervisor', 'unit_leader', 'unit_staff', 'viewer'];
const WORKERS: UserRole[] = ['unit_staff', 'unit_leader'];
const NONE = '00000000-0000-4000-8000-000000000000';
const none = (path: string) => () => `/api/v1${path.replaceAll(':id', NONE)}`;

export const CASE_ROUTES: Record<
  string,
  { allowed: readonly UserRole[] | 'apiKey'; status: number; payload?: () => unknown; url?: () => string }
> = {
  'GET /api/v1/cases': { status: 200, allowed: BUSINESS },
  'POST /api/v1/cases': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'GET /api/v1/cases/settings': { status: 200, allowed: BUSINESS },
  'PUT /api/v1/cases/settings': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'GET /api/v1/cases/stats': {
    status: 200,
    allowed: ['supervisor'],
    url: () => '/api/v1/cases/stats?from=2022-01-01&to=2022-01-31',
  },
  'GET /api/v1/cases/:caseId': { status: 404, allowed: BUSINESS, url: none('/cases/:id') },
  'POST /api/v1/cases/:caseId/verify': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/cases/:id/verify'),
    payload: () => ({ version: 1, decision: 'verify' }),
  },
  'POST /api/v1/cases/:caseId/dispatch': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/cases/:id/dispatch'),
    payload: () => ({ version: 1, unitId: NONE }),
  },
  'POST /api/v1/cases/:caseId/sign': {
    status: 404,
    allowed: WORKERS,
    url: none('/cases/:id/sign'),
    payload: () => ({ version: 1, decision: 'sign' }),
  },
  'POST /api/v1/cases/:caseId/rectify': {
    status: 404,
    allowed: WORKERS,
    url: none('/cases/:id/rectify'),
    payload: () => ({ version: 1 }),
  },
  'POST /api/v1/cases/:caseId/feedback': {
    status: 404,
    allowed: WORKERS,
    url: none('/cases/:id/feedback'),
    payload: () => ({ version: 1, text: '已整改' }),
  },
  'POST /api/v1/cases/:caseId/check': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/cases/:id/check'),
    payload: () => ({ version: 1, decision: 'close' }),
  },
  'POST /api/v1/cases/:caseId/revisit': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/cases/:id/revisit'),
    payload: () => ({ version: 1, outcome: 'confirmed' }),
  },
  'POST /api/v1/cases/:caseId/extension': {
    status: 404,
    allowed: WORKERS,
    url: none('/cases/:id/extension'),
    payload: () => ({ version: 1, requestedDue: '2022-12-01', reason: '需协调' }),
  },
  'POST /api/v1/cases/:caseId/extension/decision': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/cases/:id/extension/decision'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/cases/:caseId/evidence': { status: 415, allowed: WORKERS, url: none('/cases/:id/evidence') },
  'GET /api/v1/cases/:caseId/evidence/:evidenceId': {
    status: 404,
    allowed: BUSINESS,
    url: none('/cases/:id/evidence/:id'),
  },
  'POST /api/v1/ingest/alarms': {
    status: 401,
    allowed: 'apiKey',
    payload: () => ({ source: 'x', externalId: 'x' }),
  },
};
