/**
 * A generator for the supervision benchmark: ten plan-years of the seed plan (2016–2025, each imported,
 * decided and published as `lantian plan import --publish` would), reporting every two weeks, and a
 * signed-off report for every period each assignment owes up to the benchmark's "today" — dated
 * measures keep owing reports until they are closed, and none is closed here, so the older plans carry
 * long histories: about 8,000 assignments and 1 million reports. Rows go in with the drivers' bulk
 * paths (one prepared statement in large transactions on SQLite, `unnest` arrays on PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { periodsToReport, type ReportingSettings } from '@lantian/core';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { AppContext } from '../apps/server/src/context.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { DEMO_PLAN_FILE, DEMO_RELEVANT_DISTRICTS } from '../apps/server/src/modules/demo/demo.service.ts';
import { importPlanDocument } from '../apps/server/src/modules/plans/plan-import.service.ts';
import { publishPlan } from '../apps/server/src/modules/plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../apps/server/src/modules/plans/plan-review.service.ts';
import { deadlineOf } from '../apps/server/src/modules/supervision/assignment.ts';

export interface GeneratedData {
  planIds: string[];
  assignments: number;
  reports: number;
  ms: { plans: number; reports: number };
}

const COLUMNS = [
  'id',
  'plan_id',
  'assignment_id',
  'measure_id',
  'unit_id',
  'period',
  'period_start',
  'period_end',
  'period_due',
  'state',
  'status',
  'summary',
  'target_values',
  'milestones_reached',
  'review_route',
  'version',
  'created_at',
  'updated_at',
  'submitted_at',
  'signed_off_at',
] as const;

type Row = (string | number)[];

/** A small deterministic generator, so every run makes the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function generate(
  ctx: AppContext,
  opts: {
    years: number;
    lastYear: number;
    asOf: string;
    cycle: ReportingSettings['cycle'];
    sqliteFile?: string;
    pgUrl?: string;
  },
  log: (s: string) => void,
): Promise<GeneratedData> {
  const bytes = fs.readFileSync(DEMO_PLAN_FILE);
  const actor = cliActor();
  const t0 = performance.now();
  const planIds: string[] = [];
  for (let year = opts.lastYear - opts.years + 1; year <= opts.lastYear; year++) {
    const planId = await importPlanDocument(
      ctx,
      actor,
      { fileName: `beijing-air-${year}.txt`, mediaType: 'text/plain', bytes },
      { year },
    );
    await decideGroupsOfKind(ctx, actor, planId, 'district', DEMO_RELEVANT_DISTRICTS);
    await publishPlan(ctx, actor, planId);
    await ctx.db.kysely
      .insertInto('reporting_settings')
      .values({
        plan_id: planId,
        cycle: opts.cycle,
        due_day: 25,
        start_date: `${year}-01-01`,
        reminder_days: '[7,3,1]',
        version: 1,
        updated_by: null,
        updated_at: new Date().toISOString(),
      })
      .execute();
    planIds.push(planId);
  }
  const tPlans = performance.now() - t0;
  log(`plans: ${planIds.length} in ${Math.round(tPlans)} ms`);

  const next = random(2022);
  const t1 = performance.now();
  let reports = 0;
  let assignments = 0;
  const sink = opts.sqliteFile ? sqliteSink(opts.sqliteFile) : pgSink(opts.pgUrl as string);
  for (const planId of planIds) {
    const plan = await ctx.db.kysely
      .selectFrom('plans')
      .select('year')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const settings = { cycle: opts.cycle, dueDay: 25, start: `${plan.year}-01-01` };
    const rows = await ctx.db.kysely
      .selectFrom('assignments as a')
      .innerJoin('measures as m', 'm.id', 'a.measure_id')
      .select([
        'a.id',
        'a.measure_id',
        'a.unit_id',
        'a.role',
        'm.deadline_raw',
        'm.deadline_kind',
        'm.deadline_due',
        'm.deadline_start',
        'm.deadline_end',
        'm.deadline_recurrence',
      ])
      .where('a.plan_id', '=', planId)
      .execute();
    assignments += rows.length;
    let batch: Row[] = [];
    for (const a of rows) {
      for (const p of periodsToReport(deadlineOf(a), plan.year, settings, opts.asOf)) {
        if (p.due >= opts.asOf) continue;
        const dice = next();
        // Most delivered and accepted; some waiting for review; a few returned; a few never sent.
        if (dice < 0.02) continue;
        const state = dice < 0.04 ? 'returned' : dice < 0.12 ? 'submitted' : 'accepted';
        const at = `${p.due}T02:00:00.000Z`;
        batch.push([
          randomUUID(),
          planId,
          a.id,
          a.measure_id,
          a.unit_id,
          p.key,
          p.start,
          p.end,
          p.due,
          state,
          dice < 0.3 ? 'behind' : 'on_track',
          `${p.key} 期工作进展：按计划推进，完成检查与整改。`,
          '[]',
          '[]',
          a.role === 'lead' ? 'supervisor' : 'lead',
          3,
          at,
          at,
          at,
          at,
        ]);
        if (batch.length >= 20_000) {
          await sink.write(batch);
          reports += batch.length;
          batch = [];
        }
      }
    }
    await sink.write(batch);
    reports += batch.length;
    log(`reports: ${reports} so far`);
  }
  await sink.close();
  return { planIds, assignments, reports, ms: { plans: tPlans, reports: performance.now() - t1 } };
}

function sqliteSink(file: string) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(
    `insert into progress_reports (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const many = db.transaction((rows: Row[]) => {
    for (const r of rows) insert.run(r);
  });
  return {
    async write(rows: Row[]) {
      many(rows);
    },
    async close() {
      db.close();
    },
  };
}

function pgSink(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const types = COLUMNS.map((c) => (c === 'version' ? 'int[]' : 'text[]'));
  const sql = `insert into progress_reports (${COLUMNS.join(', ')}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
  return {
    async write(rows: Row[]) {
      if (rows.length === 0) return;
      await pool.query(
        sql,
        COLUMNS.map((_, i) => rows.map((r) => r[i])),
      );
    },
    async close() {
      await pool.end();
    },
  };
}
