/**
 * The plan view's filters in its address (`?q=…&section=…`), read and written without the filtering code
 * itself, so that the route preloader (in the shell's first load) can read them too.
 */
import type { ResponsibilityRole } from '@lantian/contract';
import type { PlanFilters } from '@lantian/contract/plan-filters';

const ROLES = new Set(['lead', 'responsible', 'assisting']);
const KINDS = new Set(['date', 'period', 'ongoing', 'milestones']);

export function readFilters(params: URLSearchParams): PlanFilters {
  const role = params.get('role') ?? '';
  const kind = params.get('kind') ?? '';
  const task = Number(params.get('task'));
  return {
    q: params.get('q') ?? '',
    section: params.get('section') || undefined,
    task: Number.isInteger(task) && task > 0 ? task : undefined,
    unitId: params.get('unit') || undefined,
    role: ROLES.has(role) ? (role as ResponsibilityRole) : undefined,
    kind: KINDS.has(kind) ? (kind as PlanFilters['kind']) : undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
}

export function writeFilters(f: PlanFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.q) out.set('q', f.q);
  if (f.section) out.set('section', f.section);
  if (f.task) out.set('task', String(f.task));
  if (f.unitId) out.set('unit', f.unitId);
  if (f.role) out.set('role', f.role);
  if (f.kind) out.set('kind', f.kind);
  if (f.from) out.set('from', f.from);
  if (f.to) out.set('to', f.to);
  return out;
}
