/**
 * 我的任务 reads `/me/assignments` page by page: one plan at a time (the newest by default, or the one
 * picked), or every plan when the user asks for all. One request in the usual case: the first page of
 * the unit's list says which plans there are, and when there is only one it already is that plan's.
 */
import type { MyAssignment, MyAssignmentsResponse, MyPlan } from '@lantian/contract';

export const ALL_PLANS = 'all';
/** The largest page the server gives. */
export const MY_WORK_PAGE_SIZE = 200;

export type FetchMyPage = (q: {
  planId?: string;
  page: number;
  pageSize: number;
}) => Promise<MyAssignmentsResponse>;

export interface MyWork {
  plans: MyPlan[];
  /** The plan shown, or `ALL_PLANS`; undefined only when the unit has no plans. */
  planId: string | undefined;
  assignments: MyAssignment[];
}

async function rest(
  fetchPage: FetchMyPage,
  first: MyAssignmentsResponse,
  planId?: string,
): Promise<MyAssignment[]> {
  const out = [...first.assignments];
  for (let page = 2; out.length < first.total; page++) {
    const r = await fetchPage({ planId, page, pageSize: MY_WORK_PAGE_SIZE });
    if (r.assignments.length === 0) break;
    out.push(...r.assignments);
  }
  return out;
}

/** The unit's work for `wanted` (a plan id, `ALL_PLANS`, or undefined for the newest plan). */
export async function loadMyWork(fetchPage: FetchMyPage, wanted: string | undefined): Promise<MyWork> {
  const planFilter = wanted && wanted !== ALL_PLANS ? wanted : undefined;
  const first = await fetchPage({ planId: planFilter, page: 1, pageSize: MY_WORK_PAGE_SIZE });
  const plans = first.plans;
  if (planFilter || wanted === ALL_PLANS || plans.length <= 1) {
    const planId = planFilter ?? (wanted === ALL_PLANS ? ALL_PLANS : plans[0]?.id);
    return { plans, planId, assignments: await rest(fetchPage, first, planFilter) };
  }
  const newest = (plans[0] as MyPlan).id;
  const own = await fetchPage({ planId: newest, page: 1, pageSize: MY_WORK_PAGE_SIZE });
  return { plans, planId: newest, assignments: await rest(fetchPage, own, newest) };
}
