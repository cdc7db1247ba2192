/**
 * The workflow engine on a kind of its own (a scratch table, not one of the flows): declared states
 * and steps, the one policy with four eyes, the unit's sign-off with the sole-signer exception, the
 * order of checks, optimistic locking, the audit record, all-or-nothing, the row lock under a race,
 * and deadlines for reminder jobs.
 */
import type { UserRole } from '@lantian/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext, Trx } from '../src/context.ts';
import { AppError, notFound } from '../src/errors.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { authorize } from '../src/modules/auth/policy.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import { setSoleSigner } from '../src/modules/signoff/sole-signer.ts';
import { dueBy, type Step, takeStep, type WorkflowKind } from '../src/modules/workflow/engine.ts';
import { signoffStep } from '../src/modules/workflow/signoff.ts';
import { createWorld, makeUnit, type World } from './helpers/context.ts';
import { testPrincipal } from './helpers/principal.ts';

interface Item {
  id: string;
  unit_id: string;
  state: 'draft' | 'pending_signoff' | 'pending' | 'done' | 'rejected';
  written_by: string;
  signed_by: string | null;
  decided_by: string | null;
  due_on: string;
  version: number;
}

let w: World;
let unitA: string;
let unitB: string;
const principal = (userId: string, unitId: string, roles: UserRole[]): Principal =>
  testPrincipal({ userId, username: userId, unitId }, roles, '测试单位');

const kind: WorkflowKind<Item, { unitId: string }> = {
  table: 'wf_test_items',
  label: '测试事项',
  objectType: 'wf_test_item',
  deadline: { column: 'due_on', states: ['draft', 'pending_signoff', 'pending'] },
  async load(ctx: AppContext, trx: Trx, user: Principal, id: string) {
    if (ctx.db.dialect === 'postgres')
      await sql`select id from wf_test_items where id = ${id} for update`.execute(trx);
    const r = await sql<Item>`select * from wf_test_items where id = ${id}`.execute(trx);
    const row = r.rows[0];
    if (!row || !authorize(user, 'notice.read', { type: 'unitOwned', unitId: row.unit_id }))
      throw notFound('测试事项');
    return { row: { ...row, version: Number(row.version) }, subject: { unitId: row.unit_id } };
  },
};

const submit: Step<Item, { unitId: string }, { version: number }> = {
  from: ['draft'],
  wrongState: () => '测试事项已提交',
  action: 'notice.reply',
  resource: (a) => ({ type: 'unitOwned', unitId: a.subject.unitId }),
  to: () => 'pending_signoff',
  audit: () => ({ action: 'wf.submit' }),
};
const signoff = signoffStep<Item, { unitId: string }>({
  from: ['pending_signoff'],
  wrongState: () => '测试事项不在待签发',
  action: 'report.signoff',
  unitId: (a) => a.subject.unitId,
  writtenBy: (a) => [a.row.written_by],
  approved: 'pending',
  rejected: 'draft',
  set: (a) => ({ signed_by: a.user.userId }),
  auditAction: (approve) => (approve ? 'wf.signoff' : 'wf.signoff_reject'),
});
const decide: Step<Item, { unitId: string }, { version: number; decision: 'accept' | 'reject' }> = {
  from: ['pending'],
  wrongState: (s) => (s === 'draft' ? '尚未提交' : '已办结'),
  action: 'notice.decide',
  resource: (a) => ({
    type: 'decision',
    stage: 'supervisor',
    unitId: a.subject.unitId,
    leadUnitIds: [],
    handledBy: [a.row.written_by, a.row.signed_by],
  }),
  checks: ['version', 'state', 'authorize'],
  to: (a) => (a.input.decision === 'accept' ? 'done' : 'rejected'),
  set: (a) => ({ decided_by: a.user.userId }),
  audit: (_a, to) => ({ action: `wf.${to}`, after: { state: to } }),
};

async function item(id: string) {
  const r = await sql<Item>`select * from wf_test_items where id = ${id}`.execute(w.ctx.db.kysely);
  const row = r.rows[0] as Item;
  return { ...row, version: Number(row.version) };
}
let n = 0;
async function newItem(writer: string, due = '2022-02-01', unit = unitA) {
  const id = `item-${++n}`;
  await sql`insert into wf_test_items (id, unit_id, state, written_by, signed_by, decided_by, due_on, version)
    values (${id}, ${unit}, 'draft', ${writer}, null, null, ${due}, 1)`.execute(w.ctx.db.kysely);
  return id;
}
async function auditActions(id: string) {
  const rows = await w.ctx.db.kysely
    .selectFrom('audit_events')
    .select(['action'])
    .where('object_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

const staff = () => principal('u-staff', unitA, ['unit_staff']);
const leader = () => principal('u-leader', unitA, ['unit_leader']);
const office = () => principal('u-office', unitB, ['supervisor']);

beforeAll(async () => {
  w = await createWorld();
  unitA = (await makeUnit(w.ctx)).id;
  unitB = (await makeUnit(w.ctx)).id;
  await sql`create table wf_test_items (id text primary key, unit_id text not null, state text not null,
    written_by text not null, signed_by text, decided_by text, due_on text not null, version integer not null)`.execute(
    w.ctx.db.kysely,
  );
});
afterAll(() => w.close());

describe('workflow engine', () => {
  it('takes a request through its declared states, one audit record a step', async () => {
    const id = await newItem('u-staff');
    expect(await takeStep(w.ctx, staff(), kind, submit, id, { version: 1 })).toBe('pending_signoff');
    expect(await takeStep(w.ctx, leader(), kind, signoff, id, { version: 2, decision: 'approve' })).toBe(
      'pending',
    );
    expect(await takeStep(w.ctx, office(), kind, decide, id, { version: 3, decision: 'accept' })).toBe(
      'done',
    );
    const row = await item(id);
    expect(row).toMatchObject({ state: 'done', version: 4, signed_by: 'u-leader', decided_by: 'u-office' });
    expect(await auditActions(id)).toEqual(['wf.submit', 'wf.signoff', 'wf.done']);
    const last = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['before', 'object_type'])
      .where('object_id', '=', id)
      .where('action', '=', 'wf.done')
      .executeTakeFirstOrThrow();
    expect(last.object_type).toBe('wf_test_item');
    expect(JSON.parse(last.before as string)).toEqual({ state: 'pending' });
  });

  it('refuses a step from another state, a stale version, another unit or a stranger, writing nothing', async () => {
    const id = await newItem('u-staff');
    expect(await code(takeStep(w.ctx, office(), kind, decide, id, { version: 1, decision: 'accept' }))).toBe(
      'INVALID_STATE',
    );
    expect(await code(takeStep(w.ctx, staff(), kind, submit, id, { version: 7 }))).toBe('VERSION_CONFLICT');
    const other = principal('u-other', unitB, ['unit_staff']);
    expect(await code(takeStep(w.ctx, other, kind, submit, id, { version: 1 }))).toBe('NOT_FOUND');
    expect(
      await code(
        takeStep(w.ctx, principal('u-x', unitA, ['unit_leader']), kind, decide, id, {
          version: 1,
          decision: 'accept',
        }),
      ),
    ).toBe('INVALID_STATE');
    expect(await item(id)).toMatchObject({ state: 'draft', version: 1 });
    expect(await auditActions(id)).toEqual([]);
  });

  it('answers the checks in the order the step declares', async () => {
    const id = await newItem('u-staff');
    // decide checks the version first: a stale version on a draft is a conflict, not a wrong state.
    expect(await code(takeStep(w.ctx, office(), kind, decide, id, { version: 9, decision: 'accept' }))).toBe(
      'VERSION_CONFLICT',
    );
    // submit checks the state first.
    await takeStep(w.ctx, staff(), kind, submit, id, { version: 1 });
    expect(await code(takeStep(w.ctx, staff(), kind, submit, id, { version: 9 }))).toBe('INVALID_STATE');
  });

  it('four eyes: the writer does not sign off nor decide; a sole-signer unit may sign its leader’s own', async () => {
    const id = await newItem('u-leader');
    await takeStep(w.ctx, leader(), kind, submit, id, { version: 1 });
    await expect(
      takeStep(w.ctx, leader(), kind, signoff, id, { version: 2, decision: 'approve' }),
    ).rejects.toThrow(/本人填写的内容须由本单位另一位领导签发/);
    const twoHats = principal('u-leader', unitA, ['unit_leader', 'supervisor']);
    await setSoleSigner(w.ctx, cliActor(), unitA, { soleSigner: true, reason: '单人单位' });
    await takeStep(w.ctx, leader(), kind, signoff, id, { version: 2, decision: 'approve' });
    await expect(
      takeStep(w.ctx, twoHats, kind, decide, id, { version: 3, decision: 'accept' }),
    ).rejects.toThrow(/须由另一人审批/);
    await setSoleSigner(w.ctx, cliActor(), unitA, { soleSigner: false, reason: '已增配人员' });
    expect((await item(id)).state).toBe('pending');
  });

  it('a rejected sign-off goes back to the writer; staff cannot sign off at all', async () => {
    const id = await newItem('u-staff');
    await takeStep(w.ctx, staff(), kind, submit, id, { version: 1 });
    expect(await code(takeStep(w.ctx, staff(), kind, signoff, id, { version: 2, decision: 'approve' }))).toBe(
      'FORBIDDEN',
    );
    await takeStep(w.ctx, leader(), kind, signoff, id, {
      version: 2,
      decision: 'reject',
      comment: '补充数据',
    });
    expect((await item(id)).state).toBe('draft');
    expect(await auditActions(id)).toEqual(['wf.submit', 'wf.signoff_reject']);
  });

  it('a failing after-effect rolls the whole step back', async () => {
    const id = await newItem('u-staff');
    const failing = {
      ...submit,
      after: async () => {
        throw new AppError('INVALID_INPUT', '通知失败');
      },
    };
    expect(await code(takeStep(w.ctx, staff(), kind, failing, id, { version: 1 }))).toBe('INVALID_INPUT');
    expect(await item(id)).toMatchObject({ state: 'draft', version: 1 });
    expect(await auditActions(id)).toEqual([]);
  });

  it('two decisions at once: exactly one wins, the other is refused', async () => {
    const id = await newItem('u-staff');
    await takeStep(w.ctx, staff(), kind, submit, id, { version: 1 });
    await takeStep(w.ctx, leader(), kind, signoff, id, { version: 2, decision: 'approve' });
    const other = principal('u-office2', unitB, ['supervisor']);
    const results = await Promise.all([
      code(takeStep(w.ctx, office(), kind, decide, id, { version: 3, decision: 'accept' })),
      code(takeStep(w.ctx, other, kind, decide, id, { version: 3, decision: 'reject' })),
    ]);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'VERSION_CONFLICT')).toHaveLength(1);
    expect((await item(id)).version).toBe(4);
    expect(await auditActions(id)).toHaveLength(3);
  });

  it('lists open rows due by a day for reminder jobs', async () => {
    const early = await newItem('u-staff', '2022-01-15');
    const late = await newItem('u-staff', '2022-03-01');
    const rows = await w.ctx.db.kysely.transaction().execute((trx) => dueBy(trx, kind, '2022-01-31'));
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(early);
    expect(ids).not.toContain(late);
    expect(rows.every((r) => r.state !== 'done' && r.state !== 'rejected')).toBe(true);
  });
});
