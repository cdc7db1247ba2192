/**
 * The responses the web pages ask for when they open (dashboard, plan view, matrix, board, 我的任务,
 * review queue, requests, a report history), and their size in bytes as JSON (uncompressed, as
 * `app.inject` sends them without Accept-Encoding). Sizes are deterministic for a given data set.
 */
import type { Api } from './http.ts';

/** What the dashboard asks for (apps/web/src/pages/overview/DashboardPage.tsx, LightsOverview.tsx). */
export function dashboardPaths(planId: string): string[] {
  const plan = `/api/v1/plans/${planId}`;
  return [
    plan,
    `${plan}/overview`,
    `${plan}/status/trend`,
    `${plan}/overview/units?page=1&pageSize=10&sort=measures`,
  ];
}

/** What the responsibility matrix asks for (MatrixPage.tsx): a page of units with their cells. */
export function matrixPaths(planId: string): string[] {
  const plan = `/api/v1/plans/${planId}`;
  return [plan, `${plan}/matrix?page=1&pageSize=100`, `${plan}/matrix?role=lead&page=1&pageSize=100`];
}

/**
 * The paths as the pages send them: the plan view asks for a page of measures (of one unit when
 * filtered), 我的任务 for a page of its unit's statuses; the dashboard and the matrix read the server's
 * figures (`dashboardPaths`, `matrixPaths`), no plan-wide list. The board, the dashboard and the matrix
 * are the office's pages only.
 */
export function pagePaths(planId: string, assignmentId: string, unitId: string, office: boolean): string[] {
  const plan = `/api/v1/plans/${planId}`;
  return [
    '/api/v1/plans',
    plan,
    `${plan}/measures?page=1&pageSize=50`,
    `${plan}/measures?unitId=${unitId}&page=1&pageSize=50`,
    `${plan}/assignments?unitId=${unitId}&page=1&pageSize=200`,
    `${plan}/status`,
    `${plan}/status/units?sort=light&order=desc&page=1&pageSize=50`,
    `${plan}/status/trend`,
    `${plan}/status/assignments?unitId=${unitId}&page=1&pageSize=200`,
    ...(office ? [`/api/v1/board?planId=${planId}`, ...dashboardPaths(planId), ...matrixPaths(planId)] : []),
    '/api/v1/me/assignments',
    '/api/v1/reports/queue',
    '/api/v1/notices',
    '/api/v1/extensions',
    '/api/v1/closures',
    `/api/v1/assignments/${assignmentId}/reports`,
  ];
}

/** Bytes of each page response; a response that is not 200 throws with its path and body. */
export async function pagePayloadBytes(
  api: Api,
  cookie: string,
  paths: string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of paths) {
    const res = await api.get(path, cookie);
    if (res.status !== 200)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    out[path] = Buffer.byteLength(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  }
  return out;
}

/** The first row of the unit that holds the most rows (the busiest unit's oldest assignment, in seed order). */
export function ofBusiestUnit<T extends { unitId: string }>(rows: T[]): T {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1);
  const unit = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
  const row = rows.find((r) => r.unitId === unit);
  if (!row) throw new Error('ofBusiestUnit: no rows');
  return row;
}
