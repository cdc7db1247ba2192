/**
 * The month's problem cases for the bulletin (通报), as they stood on its day: each case's state is the
 * last state its timeline reached before the day ended (a case closed after the month counts as open in
 * that month's bulletin), and its due day the one in force then — set by its last dispatch or approved
 * extension on its timeline before the day ended (an extension granted later does not change a past
 * bulletin). The cases received in the month are counted by state and by district; the cases overdue on
 * the day (in a state where the time limit runs, past that due day) are named whenever they were
 * received; the month's cases linked to an earlier one at the same place are listed.
 */
import { type BulletinCases, CASE_CLOCK_STATES, CASE_STATES, type CaseState } from '@lantian/contract';
import { daysBetween, type IsoDate } from '@lantian/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import { STATE_NAMES } from './cases.kind.ts';

const NO_DISTRICT = '未明确区';
/** Timeline steps that set the due day (their `detail.dueOn`): a dispatch, an approved extension. */
const SETS_DUE = ['dispatch', 'extension_approve'];

type Step = { at: string; seq: number };
const later = (a: Step, b: Step | undefined) => !b || a.at > b.at || (a.at === b.at && a.seq > b.seq);

/** The due day a timeline step set, from its detail (`{"dueOn":"2022-10-20",…}`). */
function dueOf(detail: string | null): IsoDate | null {
  if (!detail) return null;
  try {
    const d = (JSON.parse(detail) as { dueOn?: unknown }).dueOn;
    return typeof d === 'string' ? (d as IsoDate) : null;
  } catch {
    return null;
  }
}

/**
 * The cases of the bulletin: received from `monthStart` to `asOf` (Beijing days), or dispatched with a
 * due day before `asOf` — now, or possibly then (changed after `before`, the instant after `asOf`: their
 * due day then is read from the timeline).
 */
export async function casesOfMonth(
  db: Executor,
  monthStart: IsoDate,
  asOf: IsoDate,
  before: string,
): Promise<BulletinCases> {
  const inMonth = sql<boolean>`(c.reported_day >= ${monthStart} and c.reported_day <= ${asOf})`;
  const maybeOverdue = sql<boolean>`(c.due_on is not null and (c.due_on < ${asOf} or c.updated_at >= ${before}))`;
  const [rows, events] = await Promise.all([
    db
      .selectFrom('cases as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .leftJoin('case_categories as k', 'k.code', 'c.category')
      .leftJoin('cases as d', 'd.id', 'c.duplicate_of')
      .leftJoin('cases as r', 'r.id', 'c.repeat_of')
      .select(['c.id', 'c.number', 'c.state', 'c.reported_day', 'c.due_on', 'c.district', 'c.address'])
      .select(['c.category', 'k.name as category_name', 'u.name as unit_name'])
      .select(['d.number as duplicate_number', 'r.number as repeat_number'])
      .where(sql<boolean>`(${inMonth} or ${maybeOverdue})`)
      .where('c.reported_at', '<', before)
      .execute(),
    db
      .selectFrom('case_events as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.case_id', 'e.action', 'e.to_state', 'e.at', 'e.seq', 'e.detail'])
      .where(sql<boolean>`(${inMonth} or ${maybeOverdue})`)
      .where('e.at', '<', before)
      .where('e.to_state', 'is not', null)
      .execute(),
  ]);
  // By the end of the day: the state each case had reached (its last state change before then), and the
  // due day in force (its last dispatch or approved extension before then; none: not dispatched yet).
  const last = new Map<string, Step & { state: string }>();
  const due = new Map<string, Step & { dueOn: IsoDate | null }>();
  for (const e of events) {
    if (later(e, last.get(e.case_id)))
      last.set(e.case_id, { at: e.at, seq: e.seq, state: e.to_state as string });
    if (SETS_DUE.includes(e.action) && later(e, due.get(e.case_id)))
      due.set(e.case_id, { at: e.at, seq: e.seq, dueOn: dueOf(e.detail) });
  }
  const cases = rows.map((r) => ({
    ...r,
    // A step without its day in the detail (never written so) falls back to the row's.
    due_on: due.has(r.id) ? (due.get(r.id)?.dueOn ?? r.due_on) : null,
    stateThen: (last.get(r.id)?.state ?? r.state) as CaseState,
    districtName: r.district?.trim() || NO_DISTRICT,
    categoryName: r.category_name ?? r.category,
  }));
  const month = cases.filter((c) => c.reported_day >= monthStart && c.reported_day <= asOf);
  const overdue = cases
    .filter((c) => c.due_on !== null && c.due_on < asOf && CASE_CLOCK_STATES.includes(c.stateThen))
    .sort(
      (a, b) => (a.due_on as string).localeCompare(b.due_on as string) || a.number.localeCompare(b.number),
    );

  const byState = CASE_STATES.map((state) => ({
    state,
    name: STATE_NAMES[state] ?? state,
    count: month.filter((c) => c.stateThen === state).length,
  })).filter((s) => s.count > 0);

  const districts = new Map<string, { received: number; closed: number; overdue: number }>();
  const district = (name: string) => {
    const d = districts.get(name) ?? { received: 0, closed: 0, overdue: 0 };
    districts.set(name, d);
    return d;
  };
  for (const c of month) {
    const d = district(c.districtName);
    d.received++;
    if (c.stateThen === 'closed') d.closed++;
  }
  for (const c of overdue) district(c.districtName).overdue++;
  const byDistrict = [...districts]
    .map(([name, d]) => ({ district: name, ...d }))
    .sort(
      (a, b) =>
        b.received - a.received ||
        b.overdue - a.overdue ||
        (a.district === NO_DISTRICT ? 1 : 0) - (b.district === NO_DISTRICT ? 1 : 0) ||
        a.district.localeCompare(b.district, 'zh-Hans-CN'),
    );

  return {
    received: month.length,
    closed: month.filter((c) => c.stateThen === 'closed').length,
    open: month.filter((c) => c.stateThen !== 'closed' && c.stateThen !== 'voided').length,
    byState,
    byDistrict,
    overdue: overdue.map((c) => ({
      number: c.number,
      unitName: c.unit_name ?? '—',
      categoryName: c.categoryName,
      district: c.districtName,
      address: c.address,
      dueOn: c.due_on as IsoDate,
      daysOverdue: daysBetween(c.due_on as IsoDate, asOf),
    })),
    repeats: month
      .filter((c) => c.repeat_number || c.duplicate_number)
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((c) => ({
        number: c.number,
        earlierNumber: (c.repeat_number ?? c.duplicate_number) as string,
        kind: c.repeat_number ? ('repeat' as const) : ('duplicate' as const),
        categoryName: c.categoryName,
        district: c.districtName,
        address: c.address,
      })),
  };
}
