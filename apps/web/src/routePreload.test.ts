import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api/client.ts';
import { directoryKeys, planKeys, reportKeys, statusKeys } from './api/queryKeys.ts';
import { meKey } from './auth/session.ts';
import { myAssignmentsKey } from './pages/my-work/myWorkQuery.ts';

/** A fake server behind the API client: answers by path, records every request (path and query). */
const server = vi.hoisted(() => ({
  calls: [] as { path: string; query?: unknown; expectUnauthorized?: boolean }[],
  answers: new Map<string, unknown>(),
}));
vi.mock('./api/client.ts', async (original) => {
  const real = await original<typeof import('./api/client.ts')>();
  const get = async (path: string, options: { query?: unknown; expectUnauthorized?: boolean } = {}) => {
    server.calls.push({ path, query: options.query, expectUnauthorized: options.expectUnauthorized });
    const key = path.split('?')[0] ?? path;
    const answer = server.answers.get(key);
    if (answer instanceof Error) throw answer;
    if (answer === undefined) throw new real.ApiError(404, 'NOT_FOUND', path);
    return answer;
  };
  return { ...real, api: { ...real.api, get } };
});
const { preloadData } = await import('./routePreload.ts');

const me = {
  user: { id: 'u1', username: 'staff' },
  unit: { id: 'unit-1', fullName: '延庆区政府' },
  roles: ['supervisor'],
};
const settle = () => new Promise((r) => setTimeout(r, 0));
const paths = () => server.calls.map((c) => c.path);
let qc: QueryClient;

beforeEach(() => {
  server.calls.length = 0;
  server.answers.clear();
  server.answers.set('/me', me);
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});
afterEach(() => qc.clear());

describe('route preloader', () => {
  it('我的任务: the list with the session, then each plan’s lights for the unit and its settings', async () => {
    server.answers.set('/me/assignments', {
      total: 2,
      page: 1,
      pageSize: 200,
      plans: [{ id: 'p1', title: 'P', year: 2022, assignments: 2 }],
      assignments: [
        { id: 'a1', planId: 'p1' },
        { id: 'a2', planId: 'p1' },
      ],
    });
    server.answers.set('/plans/p1/status/assignments', { total: 0, assignments: [] });
    server.answers.set('/plans/p1/reporting-settings', { planId: 'p1' });
    preloadData('/my-work', '', qc);
    await settle();
    await settle();
    expect(paths()).toEqual([
      '/me',
      '/me/assignments?page=1&pageSize=200',
      '/plans/p1/status/assignments',
      '/plans/p1/reporting-settings',
    ]);
    expect(server.calls[2]?.query).toMatchObject({ unitId: 'unit-1', page: 1 });
    // The keys the page reads: found answered, not asked again.
    expect(qc.getQueryData([...myAssignmentsKey, 'newest'])).toBeDefined();
    expect(qc.getQueryData(statusKeys.assignments('p1', 'unit-1'))).toBeDefined();
    expect(qc.getQueryData(reportKeys.settings('p1'))).toBeDefined();
  });

  it('我的任务: nothing chained when the session check fails (the 401 is the check’s to report)', async () => {
    server.answers.set('/me', new ApiError(401, 'UNAUTHENTICATED', 'no session'));
    server.answers.set('/me/assignments', new ApiError(401, 'UNAUTHENTICATED', 'no session'));
    preloadData('/my-work', '', qc);
    await settle();
    expect(paths()).toEqual(['/me', '/me/assignments?page=1&pageSize=200']);
    expect(qc.getQueryState(meKey)?.status).toBe('error');
  });

  it('plan view: plan, first measures page under the address’s filters and units; lights once published', async () => {
    server.answers.set('/plans/p1', { plan: { id: 'p1', status: 'published' }, sections: [], tasks: [] });
    server.answers.set('/plans/p1/measures', { total: 0, planTotal: 0, measures: [] });
    server.answers.set('/units', { total: 0, units: [] });
    server.answers.set('/plans/p1/status', { measures: [], tasks: [] });
    preloadData('/plans/p1', '?q=%E6%B2%B9&unit=u9', qc);
    await settle();
    await settle();
    expect(paths()).toEqual(['/me', '/plans/p1', '/plans/p1/measures', '/units', '/plans/p1/status']);
    // Started before the session has answered: a 401 is left to the session check.
    expect(server.calls.slice(1, 4).every((c) => c.expectUnauthorized)).toBe(true);
    expect(server.calls[2]?.query).toEqual({ q: '油', unitId: 'u9', page: 1, pageSize: 50 });
    expect(
      qc.getQueryData([...planKeys.measures('p1'), 'page', { q: '油', unitId: 'u9', page: 1, pageSize: 50 }]),
    ).toBeDefined();
    expect(qc.getQueryData(statusKeys.plan('p1'))).toBeDefined();
    expect(qc.getQueryData(directoryKeys.units)).toBeDefined();
  });

  it('plan view: the lights of the first page’s measures, asked by their ids under the page’s key', async () => {
    server.answers.set('/plans/p1', { plan: { id: 'p1', status: 'published' }, sections: [], tasks: [] });
    server.answers.set('/plans/p1/measures', {
      total: 2,
      planTotal: 2,
      measures: [{ id: 'm1' }, { id: 'm2' }],
    });
    server.answers.set('/units', { total: 0, units: [] });
    server.answers.set('/plans/p1/status', { tasks: [] });
    server.answers.set('/plans/p1/status/measures', { total: 2, measures: [] });
    preloadData('/plans/p1', '', qc);
    for (let i = 0; i < 4; i++) await settle();
    expect(paths()).toContain('/plans/p1/status/measures');
    const call = server.calls.find((c) => c.path === '/plans/p1/status/measures');
    expect(call?.query).toEqual({ measureId: ['m1', 'm2'], pageSize: 2 });
    expect(qc.getQueryData(statusKeys.measures('p1', ['m1', 'm2']))).toBeDefined();
  });

  it('plan view: no lights for a draft, nothing for the import page or an empty id', async () => {
    server.answers.set('/plans/p2', { plan: { id: 'p2', status: 'draft' }, sections: [], tasks: [] });
    preloadData('/plans/p2', '', qc);
    await settle();
    await settle();
    expect(paths()).not.toContain('/plans/p2/status');
    server.calls.length = 0;
    preloadData('/plans/import', '', new QueryClient());
    preloadData('/plans/', '', new QueryClient());
    preloadData('/plans/%E0', '', new QueryClient());
    expect(paths()).toEqual(['/me', '/me', '/me']);
  });

  it('board: the plans, then the requested (or latest published) plan and its first page', async () => {
    server.answers.set('/plans', {
      total: 2,
      plans: [
        { id: 'old', status: 'published', publishedAt: '2022-01-01', year: 2022 },
        { id: 'new', status: 'published', publishedAt: '2023-01-01', year: 2023 },
      ],
    });
    server.answers.set('/units', { total: 0, units: [] });
    server.answers.set('/plans/old', { plan: { id: 'old' } });
    server.answers.set('/board', { rows: [], total: 0 });
    server.answers.set('/monitoring/proposals', { proposals: [] });
    preloadData('/board', '?plan=old', qc);
    await settle();
    await settle();
    expect(paths()).toEqual(['/me', '/units', '/plans', '/monitoring/proposals', '/plans/old', '/board']);
    expect(server.calls.at(-1)?.query).toEqual({ planId: 'old', light: 'attention', page: 1, pageSize: 20 });
    expect(
      qc.getQueryData(
        statusKeys.board({ planId: 'old', light: 'attention', sort: undefined, page: 1, pageSize: 20 }),
      ),
    ).toBeDefined();
    expect(qc.getQueryData(planKeys.detail('old'))).toBeDefined();
  });

  it('board: no plan published, no board request (and never an empty plan id)', async () => {
    server.answers.set('/plans', { total: 1, plans: [{ id: 'd', status: 'draft', year: 2022 }] });
    server.answers.set('/units', { total: 0, units: [] });
    preloadData('/board', '', qc);
    await settle();
    await settle();
    expect(paths().filter((p) => p.startsWith('/plans/') || p === '/board')).toEqual([]);
  });
});
