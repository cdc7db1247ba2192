/** A case row as the API shows it (never the row itself). */
import { CASE_CLOCK_STATES, type CaseState, type CaseSummary } from '@lantian/contract';
import type { CaseRow } from './cases.kind.ts';

export type ListedCase = CaseRow & {
  unit_name: string | null;
  category_name: string | null;
  area_code: string | null;
};

/** In a clock state past the due day, or closed after it. */
export function isOverdue(r: Pick<CaseRow, 'state' | 'due_on' | 'closed_on'>, today: string): boolean {
  if (!r.due_on) return false;
  if (CASE_CLOCK_STATES.includes(r.state as CaseState)) return r.due_on < today;
  return r.closed_on !== null && r.closed_on > r.due_on;
}

export function presentCase(r: ListedCase, today: string): CaseSummary {
  return {
    id: r.id,
    number: r.number,
    origin: r.origin,
    source: r.source,
    externalId: r.external_id,
    category: r.category,
    categoryName: r.category_name ?? r.category,
    severity: r.severity,
    state: r.state,
    district: r.district,
    street: r.street,
    address: r.address,
    areaCode: r.area_code,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    description: r.description,
    measureId: r.measure_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    occurredAt: r.occurred_at,
    reportedAt: r.reported_at,
    dispatchedAt: r.dispatched_at,
    dueOn: r.due_on,
    closedAt: r.closed_at,
    revisitOn: r.revisit_on,
    overdue: isOverdue(r, today),
    escalatedAt: r.escalated_at,
    duplicateOf: r.duplicate_of,
    repeatOf: r.repeat_of,
    reworkCount: r.rework_count,
    returnCount: r.return_count,
    version: r.version,
  };
}
