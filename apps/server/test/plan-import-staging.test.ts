// Imports written in steps (issue 8): a large draft is written in short transactions and stays invisible
// until the last one; a failure half-way removes everything it wrote; a crash's leftover is swept.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../../../bench/generate-plan.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { DRAFT_STEP_MEASURES, sweepAbandonedImports } from '../src/modules/plans/plan-draft-writer.ts';
import { importPlanDocument } from '../src/modules/plans/plan-import.service.ts';
import { countPlans, planSummaries } from '../src/modules/plans/plans.repository.ts';
import { buildPlan, createWorld, importPlanObject, type World } from './helpers/context.ts';
import { DIALECT } from './helpers/db.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const doc = (measures: number, tag: string) => {
  // A different title each time, so no import is a duplicate of another.
  const text = generatePlan(measures).replace(/^(.*行动计划)/m, `$1（${tag}）`);
  return { fileName: `${tag}.txt`, mediaType: 'text/plain', bytes: Buffer.from(text, 'utf8') };
};

async function counts() {
  const db = w.ctx.db.kysely;
  const n = async (
    table:
      | 'plans'
      | 'plan_documents'
      | 'measures'
      | 'milestones'
      | 'targets'
      | 'measure_units'
      | 'plan_tasks'
      | 'unit_groups',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'plan.import')
    .executeTakeFirstOrThrow();
  return {
    plans: await n('plans'),
    documents: await n('plan_documents'),
    tasks: await n('plan_tasks'),
    measures: await n('measures'),
    milestones: await n('milestones'),
    targets: await n('targets'),
    mentions: await n('measure_units'),
    groups: await n('unit_groups'),
    importAudits: Number(audits.n),
  };
}

async function failInserts(table: string, on: boolean) {
  const db = w.ctx.db.kysely;
  if (DIALECT === 'sqlite') {
    if (on)
      await sql`create trigger test_fail before insert on ${sql.raw(table)} begin select raise(abort, 'injected failure'); end`.execute(
        db,
      );
    else await sql`drop trigger test_fail`.execute(db);
    return;
  }
  if (on) {
    await sql`create or replace function test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(
      db,
    );
    await sql`create trigger test_fail before insert on ${sql.raw(table)} for each row execute function test_fail()`.execute(
      db,
    );
  } else await sql`drop trigger test_fail on ${sql.raw(table)}`.execute(db);
}

describe('a large import is written in steps', () => {
  it('stays invisible to the lists until it is complete, then shows every measure', async () => {
    const db = w.ctx.db.kysely;
    const before = new Set((await planSummaries(db, {})).map((p) => p.id));
    let done = false;
    let sawWriting = 0;
    const importing = importPlanDocument(w.ctx, cliActor(), doc(1500, '可见性')).finally(() => {
      done = true;
    });
    // Every sighting of the new plan in the lists, with the measures it showed then.
    const seen: number[] = [];
    while (!done) {
      const writing = await db
        .selectFrom('plans')
        .select('id')
        .where('importing_since', 'is not', null)
        .execute();
      if (writing.length > 0) sawWriting++;
      for (const p of await planSummaries(db, {})) if (!before.has(p.id)) seen.push(Number(p.measure_count));
      await new Promise((r) => setImmediate(r));
    }
    const planId = await importing;
    // The poller ran between the writer's steps while the draft was being written.
    expect(sawWriting).toBeGreaterThan(0);
    const [summary] = await planSummaries(db, { id: planId });
    const measures = Number(summary?.measure_count);
    expect(measures).toBeGreaterThanOrEqual(1500);
    expect(measures).toBeGreaterThan(3 * DRAFT_STEP_MEASURES);
    // Whenever the lists showed it (only after the last step, on PostgreSQL's concurrent reads), it was whole.
    expect(seen.every((n) => n === measures)).toBe(true);
    expect(await countPlans(db, {})).toBe(before.size + 1);
  });

  for (const table of ['targets', 'measure_units'] as const) {
    it(`a failure writing ${table} half-way leaves nothing behind`, async () => {
      const start = await counts();
      await failInserts(table, true);
      try {
        await expect(importPlanDocument(w.ctx, cliActor(), doc(1200, `失败-${table}`))).rejects.toThrow(
          /injected failure/,
        );
      } finally {
        await failInserts(table, false);
      }
      expect(await counts()).toEqual(start);
      // The same document imports cleanly afterwards (no duplicate of a half-written draft).
      const id = await importPlanDocument(w.ctx, cliActor(), doc(1200, `失败-${table}`));
      const [summary] = await planSummaries(w.ctx.db.kysely, { id });
      expect(summary?.measure_count).toBeGreaterThanOrEqual(1200);
    });
  }

  it('two imports of the same document at once: one draft, the other DUPLICATE_PLAN', async () => {
    const first = importPlanDocument(w.ctx, cliActor(), doc(600, '并发'));
    const second = importPlanDocument(w.ctx, cliActor(), doc(600, '并发'));
    const results = await Promise.allSettled([first, second]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { code?: string }).code).toBe('DUPLICATE_PLAN');
    const titled = await w.ctx.db.kysely
      .selectFrom('plans')
      .select('id')
      .where('title', 'like', '%（并发）%')
      .execute();
    expect(titled).toHaveLength(1);
  });

  it('sweeps the leftover of an import that stopped an hour ago, and only that', async () => {
    const start = await counts();
    const old = await importPlanObject(w.ctx, buildPlan({ title: '中断的导入' }));
    const recent = await importPlanObject(w.ctx, buildPlan({ title: '正在写的导入' }));
    const db = w.ctx.db.kysely;
    const now = w.clock.now().getTime();
    await db
      .updateTable('plans')
      .set({ importing_since: new Date(now - 2 * 3600_000).toISOString() })
      .where('id', '=', old)
      .execute();
    await db
      .updateTable('plans')
      .set({ importing_since: new Date(now - 60_000).toISOString() })
      .where('id', '=', recent)
      .execute();
    expect(await sweepAbandonedImports(w.ctx)).toBe(1);
    const left = await db.selectFrom('plans').select('id').where('id', 'in', [old, recent]).execute();
    expect(left.map((p) => p.id)).toEqual([recent]);
    const after = await counts();
    // What the swept draft wrote is gone; the recent one is still there (its import audit included).
    expect(after.plans).toBe(start.plans + 1);
    expect(after.documents).toBe(start.documents + 1);
  });
});
