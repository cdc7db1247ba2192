import type { MyAssignment, MyAssignmentsResponse, MyPlan } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { ALL_PLANS, type FetchMyPage, loadMyWork } from './loadMyWork.ts';

const row = (planId: string, n: number) => ({ id: `${planId}-${n}`, planId }) as unknown as MyAssignment;

/** A fake server: `counts` assignments per plan (newest first), paged as the API pages. */
function server(counts: Record<string, number>) {
  const plans: MyPlan[] = Object.entries(counts).map(([id, n], i) => ({
    id,
    title: id,
    year: 2030 - i,
    assignments: n,
  }));
  const all = plans.flatMap((p) => Array.from({ length: p.assignments }, (_, i) => row(p.id, i)));
  const calls: string[] = [];
  const fetchPage: FetchMyPage = async ({ planId, page, pageSize }) => {
    calls.push(`${planId ?? '*'}:${page}`);
    const rows = planId ? all.filter((r) => r.planId === planId) : all;
    const start = (page - 1) * pageSize;
    return {
      total: rows.length,
      page,
      pageSize,
      plans,
      assignments: rows.slice(start, start + pageSize),
    } satisfies MyAssignmentsResponse;
  };
  return { fetchPage, calls };
}

describe('loadMyWork', () => {
  it('needs one request when the unit has one plan', async () => {
    const s = server({ p1: 36 });
    const work = await loadMyWork(s.fetchPage, undefined);
    expect(work.planId).toBe('p1');
    expect(work.assignments).toHaveLength(36);
    expect(s.calls).toEqual(['*:1']);
  });

  it('opens on the newest plan when there are several, and reads only its pages', async () => {
    const s = server({ p2030: 250, p2029: 40 });
    const work = await loadMyWork(s.fetchPage, undefined);
    expect(work.planId).toBe('p2030');
    expect(work.assignments).toHaveLength(250);
    expect(work.assignments.every((a) => a.planId === 'p2030')).toBe(true);
    expect(s.calls).toEqual(['*:1', 'p2030:1', 'p2030:2']);
    expect(work.plans.map((p) => p.id)).toEqual(['p2030', 'p2029']);
  });

  it('reads a picked plan, or every plan page by page', async () => {
    const s = server({ p2030: 10, p2029: 390 });
    expect((await loadMyWork(s.fetchPage, 'p2029')).assignments).toHaveLength(390);
    const all = await loadMyWork(s.fetchPage, ALL_PLANS);
    expect(all.planId).toBe(ALL_PLANS);
    expect(all.assignments).toHaveLength(400);
  });

  it('says there is no plan when the unit has none', async () => {
    const work = await loadMyWork(server({}).fetchPage, undefined);
    expect(work).toEqual({ plans: [], planId: undefined, assignments: [] });
  });
});
