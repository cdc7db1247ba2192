/** SQL for indicators, their goals and their values. */
import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import type { IndicatorGoalsTable, IndicatorsTable, IndicatorValuesTable } from '../../db/schema.ts';

export type IndicatorRow = IndicatorsTable;
export type ValueRow = IndicatorValuesTable;

export async function indicatorByCode(db: Executor, code: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function indicatorById(db: Executor, id: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function allIndicators(db: Executor): Promise<IndicatorRow[]> {
  return db.selectFrom('indicators').selectAll().orderBy('code').execute();
}

export async function insertIndicator(db: Executor, row: IndicatorRow): Promise<void> {
  await db.insertInto('indicators').values(row).execute();
}

export async function goalsOf(db: Executor, indicatorId: string): Promise<IndicatorGoalsTable[]> {
  return db
    .selectFrom('indicator_goals')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('period')
    .execute();
}

const CHUNK = 400;

/** The current values of an indicator in some periods (all areas). */
export async function valuesIn(
  db: Executor,
  indicatorId: string,
  periods: readonly string[],
): Promise<ValueRow[]> {
  const out: ValueRow[] = [];
  for (let i = 0; i < periods.length; i += CHUNK) {
    out.push(
      ...(await db
        .selectFrom('indicator_values')
        .selectAll()
        .where('indicator_id', '=', indicatorId)
        .where('period', 'in', periods.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return out;
}

/** Only what a ranking needs of the values in some periods: area, period, value. */
export async function valuePoints(
  db: Executor,
  indicatorId: string,
  periods: readonly string[],
): Promise<{ area_id: string; period: string; value: number | null }[]> {
  const out: { area_id: string; period: string; value: number | null }[] = [];
  for (let i = 0; i < periods.length; i += CHUNK) {
    out.push(
      ...(await db
        .selectFrom('indicator_values')
        .select(['area_id', 'period', 'value'])
        .where('indicator_id', '=', indicatorId)
        .where('period', 'in', periods.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return out;
}

/** The values of an indicator for some areas in a span of days (an area's series). */
export async function valuesOfAreas(
  db: Executor,
  indicatorId: string,
  areaIds: readonly string[],
  from: string,
  to: string,
): Promise<ValueRow[]> {
  if (areaIds.length === 0) return [];
  return db
    .selectFrom('indicator_values')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('area_id', 'in', areaIds)
    .where('period_start', '>=', from)
    .where('period_end', '<=', to)
    .orderBy('period_start')
    .execute();
}

/** Insert or replace values (the caller has kept the replaced ones in the history). */
export async function upsertValues(db: Executor, rows: readonly ValueRow[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return upsertValuesPostgres(db, rows);
  // 11 parameters a row: 2,000 rows stay under SQLite's 32,766 parameters.
  const BATCH = 2000;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('indicator_values')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'period', 'area_id']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          quality: eb.ref('excluded.quality'),
          source: eb.ref('excluded.source'),
          recorded_by: eb.ref('excluded.recorded_by'),
          recorded_at: eb.ref('excluded.recorded_at'),
          version: eb.ref('excluded.version'),
        })),
      )
      .execute();
  }
}

/**
 * PostgreSQL takes a column of values as one array parameter: 11 parameters a statement whatever
 * its size, instead of 11 a row, which parses and plans 100,000 values about twice as fast.
 */
async function upsertValuesPostgres(db: Executor, rows: readonly ValueRow[]): Promise<void> {
  const BATCH = 20_000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const col = <K extends keyof ValueRow>(k: K) => part.map((r) => r[k]);
    await sql`
      insert into indicator_values (indicator_id, area_id, period, period_start, period_end, value,
        quality, source, recorded_by, recorded_at, version)
      select * from unnest(${col('indicator_id')}::text[], ${col('area_id')}::text[],
        ${col('period')}::text[], ${col('period_start')}::text[], ${col('period_end')}::text[],
        ${col('value')}::double precision[], ${col('quality')}::text[], ${col('source')}::text[],
        ${col('recorded_by')}::text[], ${col('recorded_at')}::text[], ${col('version')}::integer[])
      on conflict (indicator_id, period, area_id) do update set value = excluded.value,
        quality = excluded.quality, source = excluded.source, recorded_by = excluded.recorded_by,
        recorded_at = excluded.recorded_at, version = excluded.version`.execute(db);
  }
}

export async function updateIndicatorRow(
  db: Executor,
  id: string,
  set: Partial<Omit<IndicatorRow, 'id' | 'code' | 'created_by' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('indicators').set(set).where('id', '=', id).execute();
}

/** Whether an indicator holds any value of an area of a level. */
export async function hasValuesAtLevel(
  db: Executor,
  indicatorId: string,
  level: 'district' | 'street',
): Promise<boolean> {
  const row = await db
    .selectFrom('indicator_values as v')
    .innerJoin('areas as a', 'a.id', 'v.area_id')
    .select('v.area_id')
    .where('v.indicator_id', '=', indicatorId)
    .where('a.level', '=', level)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
