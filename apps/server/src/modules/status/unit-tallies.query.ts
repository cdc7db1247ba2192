/**
 * Each unit's load in a plan, counted in SQL (one row per unit, however many assignments): distinct
 * measures, per role (a measure counts once per role held), past their final date, and the stored lights;
 * and the units × tasks cells of a few units. What the dashboard's unit table and the matrix page.
 */
import type { Assignment, Light, LightCounts, RoleCounts } from '@lantian/contract';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import { assignmentScope } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { assignmentsQuery } from '../plans/plans.repository.ts';

type Role = Assignment['role'];
type UnitKind = Assignment['unitKind'];
const ROLES: readonly Role[] = ['lead', 'responsible', 'assisting'];

export interface UnitTally {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  measures: number;
  roles: RoleCounts;
  overdue: number;
  lights: LightCounts;
}

function scoped(db: Executor, user: Principal, planId: string, role?: Role) {
  const scope = assignmentScope(user);
  return assignmentsQuery(db, planId, {
    role,
    visibleToUnit: scope.kind === 'unit' ? scope.unitId : undefined,
  });
}

const n = (x: unknown) => Number(x ?? 0);

/** How many of the grouped rows' stored summaries (`assignment_status as s`) have the light. */
export const lightCount = (light: Light) =>
  sql<number | string>`sum(case when s.light = ${light} then 1 else 0 end)`;

/** Every visible unit's tally (of one role's assignments, if given); `asOf` dates the overdue count. */
export async function unitTallies(
  db: Executor,
  user: Principal,
  planId: string,
  opts: { role?: Role; asOf?: string } = {},
): Promise<UnitTally[]> {
  const asOf = opts.asOf ?? '0000-00-00';
  const rows = await scoped(db, user, planId, opts.role)
    .leftJoin('assignment_status as s', 's.assignment_id', 'a.id')
    .select((eb) => {
      const perRole = (role: Role) =>
        eb.fn.count(eb.case().when('a.role', '=', role).then(eb.ref('a.measure_id')).end()).distinct();
      return [
        'a.unit_id',
        'u.name as unit_name',
        'u.kind as unit_kind',
        eb.fn.count('a.measure_id').distinct().as('measures'),
        perRole('lead').as('lead'),
        perRole('responsible').as('responsible'),
        perRole('assisting').as('assisting'),
        eb.fn
          .count(
            eb
              .case()
              .when(
                eb.and([
                  eb('m.deadline_kind', '<>', 'ongoing'),
                  eb(eb.fn.coalesce('m.deadline_end', 'm.deadline_due'), '<', asOf),
                ]),
              )
              .then(eb.ref('a.measure_id'))
              .end(),
          )
          .distinct()
          .as('overdue'),
        lightCount('red').as('red'),
        lightCount('yellow').as('yellow'),
        lightCount('green').as('green'),
        lightCount('done').as('done'),
      ];
    })
    .groupBy(['a.unit_id', 'u.name', 'u.kind'])
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitKind: r.unit_kind as UnitKind,
    measures: n(r.measures),
    roles: { lead: n(r.lead), responsible: n(r.responsible), assisting: n(r.assisting) },
    overdue: n(r.overdue),
    lights: { red: n(r.red), yellow: n(r.yellow), green: n(r.green), done: n(r.done) },
  }));
}

/** The units × tasks cells of the given units: distinct measures, and per role, in task order. */
export async function cellTallies(
  db: Executor,
  user: Principal,
  planId: string,
  unitIds: readonly string[],
  role?: Role,
): Promise<{ unitId: string; task: number; measures: number; roles: RoleCounts }[]> {
  if (unitIds.length === 0) return [];
  const rows = await scoped(db, user, planId, role)
    .where('a.unit_id', 'in', unitIds)
    .select((eb) => [
      'a.unit_id',
      'm.task_no',
      eb.fn.count('a.measure_id').distinct().as('measures'),
      ...ROLES.map((x) =>
        eb.fn
          .count(eb.case().when('a.role', '=', x).then(eb.ref('a.measure_id')).end())
          .distinct()
          .as(x),
      ),
    ])
    .groupBy(['a.unit_id', 'm.task_no'])
    .orderBy('m.task_no')
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    task: r.task_no,
    measures: n(r.measures),
    roles: { lead: n(r.lead), responsible: n(r.responsible), assisting: n(r.assisting) },
  }));
}
