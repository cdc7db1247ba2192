/** Pages of the unit directory and of the unit groups (issue #12 item 3: every list is paged on the server). */
import type { GroupsQuery, UnitsQuery } from '@lantian/contract';
import type { UnitKind } from '@lantian/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import type { UnitRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { pageOf } from '../supervision/common.ts';
import { strings } from './directory.service.ts';

/** `%`, `_` and `\` in a search term match themselves. */
export const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column LIKE term ESCAPE '\'`, the same on SQLite (which has no default escape) and PostgreSQL. */
export const likeEscaped = (column: string, term: string) =>
  sql<boolean>`${sql.ref(column)} like ${term} escape '\\'`;

export async function pagedUnits(db: Executor, q: UnitsQuery): Promise<{ total: number; rows: UnitRow[] }> {
  const { limit, offset } = pageOf(q.page, q.pageSize);
  let b = db.selectFrom('units');
  if (q.kind) b = b.where('kind', '=', q.kind);
  if (q.state === 'active') b = b.where('disabled_at', 'is', null);
  if (q.state === 'disabled') b = b.where('disabled_at', 'is not', null);
  if (q.q) {
    const term = likeTerm(q.q);
    b = b.where((eb) => eb.or(['name', 'full_name', 'aliases'].map((c) => likeEscaped(c, term))));
  }
  const [count, rows] = await Promise.all([
    b.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    b.selectAll().orderBy('kind').orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
  ]);
  return { total: Number(count.n), rows };
}

export async function pagedGroups(db: Executor, q: GroupsQuery) {
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [count, groups] = await Promise.all([
    db
      .selectFrom('unit_groups')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('unit_groups')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), groups: await presentGroups(db, groups) };
}

type GroupRow = Awaited<ReturnType<typeof groupRows>>[number];
const groupRows = (db: Executor) => db.selectFrom('unit_groups').selectAll().execute();

async function presentGroups(db: Executor, groups: GroupRow[]) {
  const ids = groups.map((g) => g.id);
  const members =
    ids.length === 0
      ? []
      : await db
          .selectFrom('unit_group_members as m')
          .innerJoin('units as u', 'u.id', 'm.unit_id')
          .select(['m.group_id', 'u.id as unit_id', 'u.name as unit_name'])
          .where('m.group_id', 'in', ids)
          .orderBy('u.name')
          .execute();
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    aliases: strings(g.aliases),
    decidedPerPlan: g.decided_per_plan === 1,
    candidateKinds: strings(g.candidate_kinds) as UnitKind[],
    members: members.filter((m) => m.group_id === g.id).map((m) => ({ id: m.unit_id, name: m.unit_name })),
  }));
}

/** One group with its members. */
export async function groupDetail(db: Executor, groupId: string) {
  const g = await db.selectFrom('unit_groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!g) throw new AppError('NOT_FOUND', '单位组不存在');
  const [group] = await presentGroups(db, [g]);
  return { group: group as NonNullable<typeof group> };
}
