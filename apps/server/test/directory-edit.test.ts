/**
 * The unit directory can be edited (issue 12 item 16): rename (the former name stays an alias),
 * disable (no new assignments, history kept), merge (aliases kept so a later plan naming the old unit
 * maps to the new one; assignments, accounts and requests moved; audited), a fixed group's members,
 * and the history of each (who, when, what).
 */
import { indexDirectory } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectory } from '../src/modules/directory/directory.service.ts';
import { buildPlan, importPlanObject, makeUnit, uniq } from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let sup: string;
let staff: string;
beforeAll(async () => {
  f = await supervisionFixture();
  sup = await f.login(f.supervisor);
  staff = await f.login(f.A.staff);
});
afterAll(() => f.w.close());
const api = () => f.w.api;
const history = async (id: string) =>
  (await api().get(`/api/v1/units/${id}/history`, sup)).body.changes as {
    action: string;
    changedBy: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    reason: string | null;
  }[];
const lookup = async (name: string) => {
  const { directory, unitIds } = await readDirectory(f.w.ctx.db.kysely);
  const hit = indexDirectory(directory).lookup(name);
  return hit?.type === 'unit' ? unitIds.get(hit.unit.name) : undefined;
};

describe('unit directory edits', () => {
  it('renames a unit, keeping the former name as an alias, with its history', async () => {
    const u = await makeUnit(f.w.ctx, uniq('旧名单位'));
    const newName = uniq('新名单位');
    expect((await api().patch(`/api/v1/units/${u.id}`, { name: newName }, staff)).status).toBe(403);
    const empty = await api().patch(`/api/v1/units/${u.id}`, {}, sup);
    expect(empty.status).toBe(400);
    const taken = await api().patch(`/api/v1/units/${u.id}`, { name: f.A.name }, sup);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain(f.A.name);

    const renamed = await api().patch(
      `/api/v1/units/${u.id}`,
      { name: newName, fullName: `北京市${newName}`, reason: '机构改革' },
      sup,
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.unit).toMatchObject({ name: newName, disabled: false });
    expect(renamed.body.unit.aliases).toContain(u.name);
    expect(await lookup(u.name)).toBe(u.id);
    const [change] = await history(u.id);
    expect(change).toMatchObject({
      action: 'rename',
      changedBy: f.supervisor.username,
      before: { name: u.name },
      after: { name: newName },
      reason: '机构改革',
    });
  });

  it('disables a unit: no new assignments, its work and history stay, and it can be enabled again', async () => {
    const d = await makeUnit(f.w.ctx, uniq('停用单位'));
    const planId = await importPlanObject(
      f.w.ctx,
      buildPlan({
        title: uniq('停用测试计划'),
        measureSpecs: [{ task: 1, lead: [f.A.name], responsible: [d.name] }],
      }),
    );
    const bare = await api().post(`/api/v1/units/${d.id}/disable`, { reason: '' }, sup);
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toMatch(/reason/);
    const off = await api().post(`/api/v1/units/${d.id}/disable`, { reason: '职能划转' }, sup);
    expect(off.body.unit.disabled).toBe(true);
    expect((await api().post(`/api/v1/units/${d.id}/disable`, { reason: '再停' }, sup)).status).toBe(409);
    const active = await api().get(`/api/v1/units?state=active&q=${encodeURIComponent(d.name)}`, sup);
    expect(active.body.units).toEqual([]);
    const disabled = await api().get(`/api/v1/units?state=disabled&q=${encodeURIComponent(d.name)}`, sup);
    expect(disabled.body.units.map((x: { id: string }) => x.id)).toEqual([d.id]);
    expect(await lookup(d.name)).toBeUndefined();
    // Its name is not free for another unit: the disabled one keeps it.
    const again = await api().post('/api/v1/units', { name: d.name, fullName: d.name, kind: 'other' }, sup);
    expect(again.status).toBe(409);

    const publish = await api().post(`/api/v1/plans/${planId}/publish`, undefined, sup);
    expect(publish.status).toBe(409);
    expect(publish.body.error.message).toContain(d.name);

    const on = await api().post(`/api/v1/units/${d.id}/enable`, { reason: '恢复' }, sup);
    expect(on.body.unit.disabled).toBe(false);
    expect((await history(d.id)).map((c) => c.action).sort()).toEqual(['disable', 'enable']);
  });

  it('merges a unit into another: work, accounts and names move; the old name maps to the new unit', async () => {
    const cAssignment = f.assignment['1:C:assisting'] as string;
    const self = await api().post(
      `/api/v1/units/${f.C.id}/merge`,
      { intoUnitId: f.C.id, reason: '合并' },
      sup,
    );
    expect(self.status).toBe(422);
    expect(self.body.error.message).toMatch(/^intoUnitId：/);
    const merged = await api().post(
      `/api/v1/units/${f.C.id}/merge`,
      { intoUnitId: f.B.id, reason: '机构合并' },
      sup,
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.unit).toMatchObject({ disabled: true, mergedInto: f.B.id });
    expect(merged.body.into.aliases).toContain(f.C.name);
    expect(merged.body.moved).toMatchObject({ assignments: 1, users: 3 });

    const db = f.w.ctx.db.kysely;
    const a = await db
      .selectFrom('assignments')
      .select('unit_id')
      .where('id', '=', cAssignment)
      .executeTakeFirst();
    expect(a?.unit_id).toBe(f.B.id);
    const cStaff = await db
      .selectFrom('users')
      .select('unit_id')
      .where('id', '=', f.C.staff.id)
      .executeTakeFirst();
    expect(cStaff?.unit_id).toBe(f.B.id);
    expect(await lookup(f.C.name)).toBe(f.B.id);
    // The former unit's people now see the work in their new unit.
    const mine = await api().get('/api/v1/me/assignments', await f.login(f.C.staff));
    expect(JSON.stringify(mine.body)).toContain(cAssignment);

    expect((await history(f.C.id))[0]).toMatchObject({ action: 'merge', after: { mergedInto: f.B.id } });
    expect((await history(f.B.id))[0]).toMatchObject({
      action: 'merged_from',
      after: { mergedFrom: f.C.id },
    });
    const audited = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', 'in', [f.C.id, f.B.id])
      .where('action', 'in', ['unit.merge', 'unit.merged_from'])
      .execute();
    expect(audited.map((r) => r.action).sort()).toEqual(['unit.merge', 'unit.merged_from']);
    expect(
      (await api().post(`/api/v1/units/${f.C.id}/merge`, { intoUnitId: f.A.id, reason: '再并' }, sup)).status,
    ).toBe(409);
  });

  it('refuses a merge of two units holding the same measure in the same role, naming the measures', async () => {
    const x = await makeUnit(f.w.ctx, uniq('甲方'));
    const y = await makeUnit(f.w.ctx, uniq('乙方'));
    const planId = await importPlanObject(
      f.w.ctx,
      buildPlan({
        title: uniq('合并冲突计划'),
        measureSpecs: [{ task: 3, lead: [f.A.name], responsible: [x.name, y.name] }],
      }),
    );
    expect((await api().post(`/api/v1/plans/${planId}/publish`, undefined, sup)).status).toBe(200);
    const refused = await api().post(
      `/api/v1/units/${x.id}/merge`,
      { intoUnitId: y.id, reason: '合并' },
      sup,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('3.1');
    const still = await f.w.ctx.db.kysely
      .selectFrom('units')
      .select('merged_into')
      .where('id', '=', x.id)
      .executeTakeFirst();
    expect(still?.merged_into).toBeNull();
  });

  it("sets a fixed group's members, refuses a per-plan group, and keeps the group's history", async () => {
    const groups = (await api().get('/api/v1/groups?pageSize=200', sup)).body.groups as {
      id: string;
      name: string;
      decidedPerPlan: boolean;
      members: { id: string }[];
    }[];
    const fixed = groups.find((g) => !g.decidedPerPlan && g.members.length > 0);
    const perPlan = groups.find((g) => g.decidedPerPlan);
    if (!fixed || !perPlan) throw new Error('the bundled directory has both kinds of group');
    const members = [...fixed.members.map((m) => m.id).slice(1), f.A.id];
    const set = await api().put(
      `/api/v1/groups/${fixed.id}/members`,
      { unitIds: members, reason: '区划调整' },
      sup,
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.group.members.map((m: { id: string }) => m.id).sort()).toEqual([...members].sort());
    const refused = await api().put(`/api/v1/groups/${perPlan.id}/members`, { unitIds: [f.A.id] }, sup);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/^unitIds：/);
    const merged = await api().put(`/api/v1/groups/${fixed.id}/members`, { unitIds: [f.C.id] }, sup);
    expect(merged.status).toBe(422);
    expect(merged.body.error.message).toMatch(/^unitIds\[0\]：.*已停用/);
    const changes = (await api().get(`/api/v1/groups/${fixed.id}/history`, sup)).body.changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ action: 'members', reason: '区划调整' });
    expect(changes[0].after.members).toContain(f.A.name);
  });
});
