/**
 * Plans of another jurisdiction (issue 8 §3): another city's names stay as written, the review proposes
 * them as new units of that city, which the office creates, merges (aliases) or renames; the plan's own
 * groups (各区（市）县政府) are decided in the review; Beijing plans still read Beijing's directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUser, uniq, unitId, type World } from './helpers/context.ts';

let w: World;
let cookie: string;
beforeAll(async () => {
  w = await createWorld();
  const u = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
  cookie = await w.api.login(u.username, u.password);
}, 60_000);
afterAll(() => w.close());

function planText(title: string, rows: [string, string][]): string {
  const lines = [
    '序号\t工作内容\t目标任务\t责任单位',
    ...rows.map(([m, u], i) => `${i + 1}\t${m}\t2031年2月底前，完成。\t${u}`),
  ];
  return `${title}\n${lines.join('\n')}\n`;
}

function form(content: string) {
  const boundary = '----lantian-jurisdiction';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.tsv"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const importPlan = async (text: string): Promise<string> => {
  const res = await w.api.request({ method: 'POST', url: '/api/v1/plans/import', cookie, ...form(text) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.plan.id;
};
const review = async (planId: string) => (await w.api.get(`/api/v1/plans/${planId}/review`, cookie)).body;
const resolve = (planId: string, body: unknown) =>
  w.api.post(`/api/v1/plans/${planId}/unknown-units`, body, cookie);
const responsible = async (planId: string) =>
  (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures.map(
    (m: { units: { responsible: { name: string; kind: string }[] } }) =>
      m.units.responsible.map((u) => `${u.name}:${u.kind}`),
  );

describe('a plan of another city', () => {
  const title = `成都市${uniq('垃圾分类')}2030年重点任务分工表`;
  let planId: string;

  it('keeps its names as written and proposes them as new units', async () => {
    planId = await importPlan(
      planText(title, [
        ['加强生活垃圾分类宣传。', '市城管委、市商务局,各区(市)县政府'],
        ['完善回收利用体系。', '市发改委,各区(市)县政府'],
      ]),
    );
    expect(await responsible(planId)).toEqual([
      ['市城管委:unknown', '市商务局:unknown', '各区（市）县政府:group'],
      ['市发改委:unknown', '各区（市）县政府:group'],
    ]);
    const r = await review(planId);
    expect(r.unknownUnits.map((u: { name: string }) => u.name).sort()).toEqual(
      ['市商务局', '市发改委', '市城管委'].sort(),
    );
    // The plan's own group is decided in the review, as 相关区政府 is.
    expect(r.decisions.map((d: { groupName: string }) => d.groupName)).toContain('各区（市）县政府');
    expect(r.readyToPublish).toBe(false);
  });

  it('creates them as that city’s units; a name another unit has is renamed and kept as an alias', async () => {
    const created = await resolve(planId, {
      name: '市城管委',
      action: 'create',
      unit: { name: '市城管委', fullName: '成都市城市管理委员会', kind: 'city_department' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const clash = await resolve(planId, {
      name: '市商务局',
      action: 'create',
      unit: { name: '市商务局', fullName: '成都市商务局', kind: 'city_department' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('请改名');
    const renamed = await resolve(planId, {
      name: '市商务局',
      action: 'create',
      unit: { name: '成都市商务局', fullName: '成都市商务局', kind: 'city_department' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const row = await w.ctx.db.kysely
      .selectFrom('units')
      .select(['jurisdiction', 'aliases'])
      .where('name', '=', '成都市商务局')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ jurisdiction: '成都市', aliases: JSON.stringify(['市商务局']) });
  });

  it('merges a name into one of them (an alias of that city), and publishes once the group is decided', async () => {
    const target = await unitId(w.ctx, '市城管委');
    const merged = await resolve(planId, { name: '市发改委', action: 'map', unitId: target });
    expect(merged.status).toBe(200);
    const d = merged.body.decisions.find((x: { groupName: string }) => x.groupName === '各区（市）县政府');
    const put = await w.api.put(
      `/api/v1/plans/${planId}/decisions/${d.groupId}`,
      { unitIds: [target] },
      cookie,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await review(planId)).readyToPublish).toBe(true);
    expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).status).toBe(200);
  });

  it('reads the next plan of that city against its own units, and a Beijing plan against Beijing’s', async () => {
    const next = await importPlan(
      planText(`成都市${uniq('城市管理')}2031年任务分工表`, [
        ['整治背街小巷。', '市城管委、市商务局、市发改委'],
      ]),
    );
    // 市发改委 is 市城管委's alias now: the same unit, named once.
    expect(await responsible(next)).toEqual([['市城管委:unit', '成都市商务局:unit']]);
    const beijing = await importPlan(
      planText(`北京市${uniq('城市管理')}2031年任务分工表`, [
        ['整治背街小巷。', '市城管委、市商务局、市发改委'],
      ]),
    );
    expect(await responsible(beijing)).toEqual([['市城市管理委:unit', '市商务局:unit', '市发展改革委:unit']]);
  });
});
