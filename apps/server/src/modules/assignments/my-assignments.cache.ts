/**
 * 我的任务 is the page every unit opens first and most. Its responsibilities are kept per unit and plan
 * filter, and each page's JSON (with its brotli/gzip forms) is kept too, while the database's read
 * scopes for them have not moved: `unit:<id>` (anything in any plan the unit has a part in),
 * `unit:<id>/plan:<id>` (that plan only) and `groups`. Triggers bump them in the same transaction as the
 * change, so a cached body is never older than the data it came from, on any instance, and a change to
 * one plan no longer rebuilds every unit's list.
 */
import type { MyAssignment, MyPlan } from '@lantian/contract';
import { MyAssignmentsResponse } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import { readScopes, type ScopeVersions } from '../../db/read-scopes.ts';
import { EncodedBody } from '../../http/compression.ts';
import type { Principal } from '../auth/principal.ts';
import { myAssignments, myPlans } from './my-assignments.ts';

const MAX_ENTRIES = 2000;

export interface MyAssignmentsPage {
  planId?: string;
  page: number;
  pageSize: number;
}

/** The read scopes a request for this unit (and plan filter) depends on: at most three. */
export function myAssignmentScopes(unitId: string, planId?: string): string[] {
  return planId
    ? [`unit:${unitId}`, `unit:${unitId}/plan:${planId}`, 'groups']
    : [`unit:${unitId}`, 'groups'];
}

class Lru<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value as string);
    this.map.delete(key);
    this.map.set(key, value);
  }
}

interface Caches {
  lists: Lru<{ version: string; rows: MyAssignment[] }>;
  plans: Lru<{ version: string; plans: MyPlan[] }>;
  bodies: Lru<{ version: string; body: EncodedBody }>;
}
const caches = new WeakMap<Executor, Caches>();
function cachesOf(db: Executor): Caches {
  let c = caches.get(db);
  if (!c) {
    c = { lists: new Lru(), plans: new Lru(), bodies: new Lru() };
    caches.set(db, c);
  }
  return c;
}

function plansOf(rows: readonly MyAssignment[]): MyPlan[] {
  const plans = new Map<string, MyPlan>();
  for (const r of rows) {
    const p = plans.get(r.planId);
    if (p) p.assignments++;
    else plans.set(r.planId, { id: r.planId, title: r.planTitle, year: r.planYear, assignments: 1 });
  }
  return [...plans.values()];
}

/** The response body of `GET /me/assignments` (JSON, UTF-8, with its compressed forms). */
export async function myAssignmentsBody(
  db: Executor,
  user: Principal,
  q: MyAssignmentsPage,
): Promise<EncodedBody> {
  const scopes = myAssignmentScopes(user.unitId, q.planId);
  // Read before the data (with the session, usually): a write landing in between only makes the next
  // request rebuild, never serves old data under a new version.
  const known = user.scopes && scopes.every((s) => user.scopes?.has(s));
  const v: ScopeVersions = known ? (user.scopes as ScopeVersions) : await readScopes(db, scopes);
  const unitV = String(v.get(`unit:${user.unitId}`));
  const listV = q.planId
    ? `${v.get(`unit:${user.unitId}/plan:${q.planId}`)}:${v.get('groups')}`
    : `${unitV}:${v.get('groups')}`;
  const c = cachesOf(db);
  const listKey = `${user.unitId}\u0000${q.planId ?? ''}`;
  const bodyKey = `${listKey}\u0000${q.page}\u0000${q.pageSize}`;
  const bodyV = `${unitV}|${listV}`;
  const hit = c.bodies.get(bodyKey);
  if (hit && hit.version === bodyV) return hit.body;

  let list = c.lists.get(listKey);
  if (!list || list.version !== listV) {
    list = { version: listV, rows: await myAssignments(db, user.unitId, q.planId) };
    c.lists.set(listKey, list);
  }
  let plans: MyPlan[];
  if (!q.planId) plans = plansOf(list.rows);
  else {
    let p = c.plans.get(user.unitId);
    if (!p || p.version !== unitV) {
      p = { version: unitV, plans: await myPlans(db, user.unitId) };
      c.plans.set(user.unitId, p);
    }
    plans = p.plans;
  }
  const start = (q.page - 1) * q.pageSize;
  const encoded = MyAssignmentsResponse.encode({
    total: list.rows.length,
    page: q.page,
    pageSize: q.pageSize,
    plans,
    assignments: list.rows.slice(start, start + q.pageSize),
  });
  const body = new EncodedBody(Buffer.from(JSON.stringify(encoded)));
  c.bodies.set(bodyKey, { version: bodyV, body });
  return body;
}
