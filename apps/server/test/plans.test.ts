import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUser,
  type TestUser,
  unitId,
  type World,
} from './helpers/context.ts';

let w: World;
let supervisor: TestUser;
let cookie: string;
beforeAll(async () => {
  w = await createWorld();
  const office = await unitId(w.ctx, '市生态环境局');
  supervisor = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
  cookie = await w.api.login(supervisor.username, supervisor.password);
});
afterAll(() => w.close());

const review = async (planId: string) => (await w.api.get(`/api/v1/plans/${planId}/review`, cookie)).body;
const decideRelevant = async (planId: string, names: string[]) => {
  const r = await review(planId);
  const d = r.decisions.find((x: { groupName: string }) => x.groupName === '相关区政府');
  const ids = await Promise.all(names.map((n) => unitId(w.ctx, n)));
  return w.api.put(`/api/v1/plans/${planId}/decisions/${d.groupId}`, { unitIds: ids }, cookie);
};

describe('a draft plan', () => {
  it('keeps the parse result, its warnings, and the source document', async () => {
    const planId = await importPlanObject(w.ctx);
    const detail = await w.api.get(`/api/v1/plans/${planId}`, cookie);
    expect(detail.status).toBe(200);
    expect(detail.body.plan).toMatchObject({
      status: 'draft',
      taskCount: 2,
      measureCount: 2,
      warningCount: 1,
      assignmentCount: 0,
    });
    expect(detail.body.warnings[0].code).toBe('GROUP_NEEDS_DECISION');
    const measures = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures;
    expect(measures[0].milestones[0]).toMatchObject({ due: '2022-06-30', raw: '6月底前' });
    expect(measures[0].targets[0]).toMatchObject({ value: 100, comparison: 'at_least', yearOnYear: false });
    expect(measures[0].units.responsible[0]).toMatchObject({ name: '各区政府', kind: 'group' });
    const doc = await w.api.get(`/api/v1/plans/${planId}/document`, cookie);
    expect(doc.status).toBe(200);
    expect(String(doc.headers['content-disposition'])).toMatch(/attachment/);
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    const stored = await w.ctx.db.kysely
      .selectFrom('plans')
      .select('parse_result')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.parse_result).title).toBe('测试行动计划');
  });

  it('cannot be published until every per-plan group is decided', async () => {
    const planId = await importPlanObject(w.ctx);
    const r = await review(planId);
    expect(r.readyToPublish).toBe(false);
    expect(r.blocking[0]).toMatch(/相关区政府/);
    const refused = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PLAN_NOT_READY');
    expect((await w.api.get(`/api/v1/plans/${planId}`, cookie)).body.plan.status).toBe('draft');
  });

  it('refuses a decision naming units of the wrong kind', async () => {
    const planId = await importPlanObject(w.ctx);
    const res = await decideRelevant(planId, ['市财政局']);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_DECISION');
  });
});

describe('publishing', () => {
  it('expands every group to one assignment per member, remembering the group, and does it once', async () => {
    const planId = await importPlanObject(w.ctx);
    expect((await decideRelevant(planId, ['门头沟区政府', '怀柔区政府'])).status).toBe(200);
    const first = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    expect(first.status).toBe(200);
    // Measure 1: lead 市生态环境局 + 17 members of 各区政府; measure 2: lead 市交通委, 市公安局 + 2 decided.
    expect(first.body.assignmentsCreated).toBe(1 + 17 + 1 + 1 + 2);
    expect(first.body.alreadyPublished).toBe(false);
    const again = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    expect(again.body).toMatchObject({ assignmentsCreated: 0, alreadyPublished: true });
    expect(again.body.plan.assignmentCount).toBe(22);

    const all = (await w.api.get(`/api/v1/plans/${planId}/assignments`, cookie)).body.assignments;
    expect(all).toHaveLength(22);
    const yanqing = all.filter((a: { unitName: string }) => a.unitName === '延庆区政府');
    expect(yanqing).toEqual([
      expect.objectContaining({ role: 'responsible', viaGroup: '各区政府', task: 1 }),
    ]);
    const mentougou = all.filter((a: { unitName: string }) => a.unitName === '门头沟区政府');
    expect(mentougou.map((a: { viaGroup: string }) => a.viaGroup).sort()).toEqual(['各区政府', '相关区政府']);
    expect(all.find((a: { unitName: string }) => a.unitName === '市交通委').viaGroup).toBeNull();
  });

  it('lets a unit named directly win over the same unit reached through a group', async () => {
    const plan = buildPlan({
      measureSpecs: [
        {
          task: 1,
          responsible: ['延庆区政府'],
          groups: [{ role: 'responsible', name: '各区政府' }],
          lead: ['市水务局'],
        },
      ],
    });
    const planId = await importPlanObject(w.ctx, plan);
    expect(
      (await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).body.assignmentsCreated,
    ).toBe(1 + 17);
    const yq = (
      await w.api.get(`/api/v1/plans/${planId}/assignments?role=responsible`, cookie)
    ).body.assignments.filter((a: { unitName: string }) => a.unitName === '延庆区政府');
    expect(yq).toEqual([expect.objectContaining({ viaGroup: null })]);
  });

  it('freezes the plan: no decisions or corrections after publishing', async () => {
    const planId = await importPlanObject(
      w.ctx,
      buildPlan({ measureSpecs: [{ task: 1, lead: ['市水务局'] }] }),
    );
    await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    const m = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0];
    const res = await w.api.patch(
      `/api/v1/plans/${planId}/measures/${m.id}`,
      { version: m.version, text: '改' },
      cookie,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PLAN_NOT_DRAFT');
    const archived = await w.api.post(`/api/v1/plans/${planId}/archive`, undefined, cookie);
    expect(archived.body.plan.status).toBe('archived');
    expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).body.error.code).toBe(
      'PLAN_ARCHIVED',
    );
  });
});

describe('unknown units', () => {
  it('are mapped to an existing unit, which learns the name', async () => {
    const plan = buildPlan({
      measureSpecs: [
        { task: 1, lead: ['市水务局'], unknown: [{ role: 'assisting', name: '北京市水文总站' }] },
      ],
    });
    const planId = await importPlanObject(w.ctx, plan);
    const r = await review(planId);
    expect(r.unknownUnits).toEqual([
      expect.objectContaining({
        name: '北京市水文总站',
        resolved: false,
        mentions: [expect.objectContaining({ task: 1, seq: 1, role: 'assisting' })],
      }),
    ]);
    expect(r.readyToPublish).toBe(false);
    const water = await unitId(w.ctx, '市水务局');
    const res = await w.api.post(
      `/api/v1/plans/${planId}/unknown-units`,
      { name: '北京市水文总站', action: 'map', unitId: water },
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.body.readyToPublish).toBe(true);
    expect(res.body.unknownUnits[0]).toMatchObject({ resolved: true, unitName: '市水务局' });
    // The directory's search finds a unit by its aliases too.
    const units = (await w.api.get(`/api/v1/units?q=${encodeURIComponent('北京市水文总站')}`, cookie)).body
      .units;
    expect(units.find((u: { id: string }) => u.id === water).aliases).toContain('北京市水文总站');
    const published = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    expect(published.body.assignmentsCreated).toBe(2);
  });

  it('are created as new units', async () => {
    const plan = buildPlan({
      measureSpecs: [{ task: 1, lead: ['市水务局'], unknown: [{ role: 'responsible', name: '市气候中心' }] }],
    });
    const planId = await importPlanObject(w.ctx, plan);
    const res = await w.api.post(
      `/api/v1/plans/${planId}/unknown-units`,
      {
        name: '市气候中心',
        action: 'create',
        unit: { name: '市气候中心', fullName: '北京市气候中心', kind: 'city_department' },
      },
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.body.readyToPublish).toBe(true);
    const units = (await w.api.get(`/api/v1/units?q=${encodeURIComponent('市气候中心')}`, cookie)).body.units;
    expect(units.some((u: { name: string }) => u.name === '市气候中心')).toBe(true);
    const dup = await w.api.post(
      '/api/v1/units',
      { name: '市气候中心', fullName: '另一个', kind: 'other' },
      cookie,
    );
    expect(dup.status).toBe(409);
  });
});

describe('corrections', () => {
  it('change a draft field by field and keep who, when and what', async () => {
    const planId = await importPlanObject(w.ctx);
    const m = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0];
    const res = await w.api.patch(
      `/api/v1/plans/${planId}/measures/${m.id}`,
      {
        version: m.version,
        text: '更正后的措施文字',
        deadline: { raw: '9月底前', kind: 'date', due: '2022-09-30' },
        milestones: [],
        units: { lead: ['市城市管理委'] },
        reason: '解析把牵头单位读错了',
      },
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.body.measure).toMatchObject({
      text: '更正后的措施文字',
      version: m.version + 1,
      milestones: [],
    });
    expect(res.body.measure.deadline).toMatchObject({ raw: '9月底前', due: '2022-09-30', assumed: false });
    expect(res.body.measure.units.lead.map((u: { name: string }) => u.name)).toEqual(['市城市管理委']);

    const stale = await w.api.patch(
      `/api/v1/plans/${planId}/measures/${m.id}`,
      { version: m.version, text: '旧版本' },
      cookie,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const list = (await w.api.get(`/api/v1/plans/${planId}/corrections`, cookie)).body.corrections;
    expect(list.map((c: { field: string }) => c.field).sort()).toEqual([
      'deadline',
      'milestones',
      'text',
      'units.lead',
    ]);
    const text = list.find((c: { field: string }) => c.field === 'text');
    expect(text).toMatchObject({
      before: m.text,
      after: '更正后的措施文字',
      correctedBy: supervisor.username,
      reason: '解析把牵头单位读错了',
    });
    expect(text.correctedAt).toBe(w.clock.now().toISOString());

    const task = (await w.api.get(`/api/v1/plans/${planId}`, cookie)).body.tasks[0];
    expect(
      (await w.api.patch(`/api/v1/plans/${planId}/tasks/${task.id}`, { name: '更正的任务名' }, cookie)).body
        .task.name,
    ).toBe('更正的任务名');
    const plan = (await w.api.get(`/api/v1/plans/${planId}`, cookie)).body.plan;
    const renamed = await w.api.patch(
      `/api/v1/plans/${planId}`,
      { version: plan.version, title: '更正的标题' },
      cookie,
    );
    expect(renamed.body.plan.title).toBe('更正的标题');

    // The corrected lead is what publishing expands.
    await decideRelevant(planId, ['怀柔区政府']);
    await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    const leads = (await w.api.get(`/api/v1/plans/${planId}/assignments?role=lead`, cookie)).body.assignments;
    expect(leads.map((a: { unitName: string }) => a.unitName).sort()).toEqual(
      ['市交通委', '市城市管理委'].sort(),
    );
  });

  it('refuse unknown unit names and unknown fields', async () => {
    const planId = await importPlanObject(w.ctx);
    const m = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0];
    const bad = await w.api.patch(
      `/api/v1/plans/${planId}/measures/${m.id}`,
      { version: m.version, units: { lead: ['火星局'] } },
      cookie,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/火星局/);
    const extra = await w.api.patch(
      `/api/v1/plans/${planId}/measures/${m.id}`,
      { version: m.version, status: 'published' },
      cookie,
    );
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    expect(extra.body.error.message).toMatch(/status/);
  });
});

describe('import', () => {
  it('is all or nothing: a plan that cannot be stored leaves nothing behind', async () => {
    const before = await w.ctx.db.kysely.selectFrom('plans').select('id').execute();
    const bad = buildPlan({
      measureSpecs: [
        { task: 1, lead: ['市水务局'] },
        { task: 1, seq: 1, lead: ['市水务局'] },
      ],
    });
    await expect(importPlanObject(w.ctx, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const after = await w.ctx.db.kysely.selectFrom('plans').select('id').execute();
    expect(after).toHaveLength(before.length);
    expect(await w.ctx.db.kysely.selectFrom('plan_documents').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('refuses legacy and macro Office formats by their bytes (saying what to do), and empty uploads', async () => {
    const upload = (name: string, content: Buffer) => {
      const boundary = '----lantian';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return w.api.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        payload: body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        cookie,
      });
    };
    const doc = await upload('plan.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(doc.status).toBe(415);
    expect(doc.body.error.details).toMatchObject({ code: 'LEGACY_FORMAT', file: 'plan.doc' });
    expect(doc.body.error.message).toMatch(/“plan\.doc”.*另存为” \.docx 或 \.xlsx/);
    const macro = await upload('plan.xlsm', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(macro.status).toBe(415);
    expect(macro.body.error.details).toMatchObject({ code: 'MACRO_FORMAT' });
    expect((await upload('plan.txt', Buffer.alloc(0))).status).toBe(422);
    const notPlan = await upload('plan.txt', Buffer.from('hello\tworld\n'));
    expect(notPlan.status).toBe(422);
    expect(notPlan.body.error.code).toBe('PLAN_PARSE_FAILED');
    const json = await w.api.post('/api/v1/plans/import', { file: 'x' }, cookie);
    expect(json.status).toBe(415);
  });

  it('refuses uploads over the size limit', async () => {
    const world = await createWorld({ config: { uploadMaxBytes: 2048 } });
    try {
      const office = await unitId(world.ctx, '市生态环境局');
      const sup = await makeUser(world.ctx, { unitId: office, roles: ['supervisor'] });
      const c = await world.api.login(sup.username, sup.password);
      const boundary = '----lantian';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n`,
        ),
        Buffer.alloc(5000, 0x41),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await world.api.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        payload: body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        cookie: c,
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await world.close();
    }
  });

  it('writes one audit record per import, decision, correction and publish', async () => {
    const planId = await importPlanObject(w.ctx);
    await decideRelevant(planId, ['怀柔区政府']);
    await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
    const actions = (
      await w.ctx.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', planId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
    expect(actions).toEqual(['plan.import', 'plan.group_decide', 'plan.publish']);
  });
});
