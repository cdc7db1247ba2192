/**
 * The exports that used to be built in the browser, now written on the server like the lists' (issue 11,
 * "Exports done right"): the dashboard's deadlines ahead and units by load, the matrix, a measure's units,
 * an assignment's reports and the unit groups. Each holds every row the page's query gives the caller (not
 * the page on screen), the filter in words in its header rows, names for codes, typed cells; each is
 * audited and refused before any byte when its query is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';
import { openExport } from './helpers/xlsx.ts';

let f: SupervisionFixture;
let supervisor: string;
let staffB: string;
let staffC: string;

beforeAll(async () => {
  f = await supervisionFixture();
  supervisor = await f.login(f.supervisor);
  staffB = await f.login(f.B.staff);
  staffC = await f.login(f.C.staff);
  // B's two reports on measure 1: May submitted, June a draft whose text starts like a formula.
  const id = f.assignment['1:B:responsible'] as string;
  const may = await f.w.api.put(
    `/api/v1/assignments/${id}/reports/2022-05`,
    { version: 0, ...reportBody() },
    staffB,
  );
  expect(may.status, JSON.stringify(may.body)).toBe(200);
  const sent = await f.w.api.post(
    `/api/v1/assignments/${id}/reports/2022-05/submit`,
    { version: may.body.report.version, requestId: requestId(), ...reportBody() },
    staffB,
  );
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const june = await f.w.api.put(
    `/api/v1/assignments/${id}/reports/2022-06`,
    { version: 0, ...reportBody({ summary: '=1+1 已完成过半' }) },
    staffB,
  );
  expect(june.status, JSON.stringify(june.body)).toBe(200);
}, 60_000);
afterAll(() => f.w.close());

const open = (url: string, cookie: string) => openExport(f.w, url, cookie);

const PLAN = '计划=测试行动计划（2022）';

describe('the dashboard exported by the server', () => {
  it('holds every deadline ahead, dated, with the window in words; a unit as its page shows it', async () => {
    const page = await f.w.api.get(`/api/v1/plans/${f.planId}/overview?days=366`, supervisor);
    expect(page.status).toBe(200);
    const x = await open(`/api/v1/exports/upcoming.xlsx?planId=${f.planId}&days=366`, supervisor);
    expect(x.line(1)).toBe('近期节点');
    expect(x.line(2)).toBe(`筛选条件：${PLAN}；日期=2022-06-10 ~ 2023-06-11（366 天内）`);
    expect(x.line(3)).toMatch(/^导出：/);
    expect(x.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: x.header });
    expect(x.columns).toEqual(['日期', '类型', '序号', '重点任务', '时限原文', '内容']);
    // Both measures' 6月底前 milestone and their year-end deadline.
    expect(x.rows).toHaveLength(page.body.upcomingTotal);
    expect(x.rows.map((r) => [r.getCell(2).value, r.getCell(3).value])).toEqual([
      ['时间节点', '1.1'],
      ['时间节点', '2.1'],
      ['完成时限', '1.1'],
      ['完成时限', '2.1'],
    ]);
    const date = x.cell(0, '日期');
    expect(date.value).toEqual(new Date('2022-06-30T00:00:00Z'));
    expect(date.numFmt).toBe('yyyy-mm-dd');
    // The default window (60 days) holds the milestones alone, as the page shows them to a unit.
    const ownPage = await f.w.api.get(`/api/v1/plans/${f.planId}/overview`, staffC);
    const own = await open(`/api/v1/exports/upcoming.xlsx?planId=${f.planId}`, staffC);
    expect(own.line(2)).toContain('（60 天内）');
    expect(own.rows.map((r) => r.getCell(3).value)).toEqual(
      ownPage.body.upcoming.map((i: { task: number; seq: number }) => `${i.task}.${i.seq}`),
    );
    expect(own.rows.map((r) => r.getCell(2).value)).toEqual(['时间节点', '时间节点']);
  });

  it('holds every unit by load, in the table order, with integers and the order in words', async () => {
    const page = await f.w.api.get(
      `/api/v1/plans/${f.planId}/overview/units?sort=measures&pageSize=200`,
      supervisor,
    );
    expect(page.status).toBe(200);
    const x = await open(`/api/v1/exports/unit-load.xlsx?planId=${f.planId}`, supervisor);
    expect(x.line(1)).toBe('各单位任务量');
    expect(x.line(2)).toBe(`筛选条件：${PLAN}；排序=措施数（多者在前）`);
    expect(x.rows.map((r) => r.getCell(1).value)).toEqual(
      page.body.units.map((u: { unitName: string }) => u.unitName),
    );
    const a = x.rows.findIndex((r) => r.getCell(1).value === f.A.name);
    expect(x.cell(a, '单位类型').value).toBe('市级部门');
    expect(x.cell(a, '措施数').value).toBe(2);
    expect(x.cell(a, '牵头').value).toBe(1);
    expect(x.cell(a, '主责').value).toBe(1);
    expect(x.cell(a, '措施数').numFmt).toBe('0');
    const red = await open(`/api/v1/exports/unit-load.xlsx?planId=${f.planId}&sort=red`, supervisor);
    expect(red.line(2)).toContain('排序=红（多者在前）');
    const bad = await f.w.api.get(`/api/v1/exports/unit-load.xlsx?planId=${f.planId}&sort=blue`, supervisor);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('sort');
  });
});

describe('the matrix exported by the server', () => {
  it('has a column per task of the plan and every unit, of one role when asked', async () => {
    const x = await open(`/api/v1/exports/matrix.xlsx?planId=${f.planId}`, supervisor);
    expect(x.line(1)).toBe('责任矩阵');
    expect(x.line(2)).toBe(`筛选条件：${PLAN}`);
    expect(x.columns).toEqual([
      '单位',
      '单位类型',
      '措施数',
      '牵头',
      '主责',
      '协办',
      '1. 重点任务1',
      '2. 重点任务2',
    ]);
    expect(x.rows.map((r) => r.getCell(1).value).sort()).toEqual([f.A.name, f.B.name, f.C.name].sort());
    const c = x.rows.findIndex((r) => r.getCell(1).value === f.C.name);
    expect(x.cell(c, '1. 重点任务1').value).toBe(1);
    expect(x.cell(c, '2. 重点任务2').value ?? null).toBeNull();
    expect(x.cell(c, '协办').value).toBe(1);
    const lead = await open(`/api/v1/exports/matrix.xlsx?planId=${f.planId}&role=lead`, supervisor);
    expect(lead.line(2)).toBe(`筛选条件：${PLAN}；职责=牵头`);
    expect(lead.rows.map((r) => r.getCell(1).value).sort()).toEqual([f.A.name, f.B.name].sort());
    const b = lead.rows.findIndex((r) => r.getCell(1).value === f.B.name);
    expect(lead.cell(b, '2. 重点任务2').value).toBe(1);
    expect(lead.cell(b, '1. 重点任务1').value ?? null).toBeNull();
  });
});

describe("a measure's units exported by the server", () => {
  it('lists leads first with their light and progress as names and percentages', async () => {
    const status = await f.w.api.get(`/api/v1/plans/${f.planId}/status/measures/${f.measure[1]}`, supervisor);
    expect(status.status).toBe(200);
    const url = `/api/v1/exports/measure-assignments.xlsx?planId=${f.planId}&measureId=${f.measure[1]}`;
    const x = await open(url, supervisor);
    expect(x.line(1)).toBe('措施责任单位');
    expect(x.line(2)).toBe(`筛选条件：${PLAN}；措施=1.1 重点任务1`);
    expect(x.rows.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual([
      [f.A.name, '牵头'],
      [f.B.name, '主责'],
      [f.C.name, '协办'],
    ]);
    const lights = { green: '绿', yellow: '黄', red: '红', done: '已销号' } as const;
    for (const [i, unitId] of [f.A.id, f.B.id, f.C.id].entries()) {
      const s = status.body.assignments.find((a: { unitId: string }) => a.unitId === unitId);
      expect(x.cell(i, '预警').value).toBe(lights[s.light as keyof typeof lights]);
      expect(x.cell(i, '进度').value).toBe(s.progress);
      expect(x.cell(i, '进度').numFmt).toBe('0%');
      expect(x.cell(i, '来源').value).toBe('直接列明');
    }
    // 丙 sees its own unit only, as on the page.
    const own = await open(url, staffC);
    expect(own.rows.map((r) => r.getCell(1).value)).toEqual([f.C.name]);
    const unknown = await f.w.api.get(
      `/api/v1/exports/measure-assignments.xlsx?planId=${f.planId}&measureId=00000000-0000-4000-8000-000000000000`,
      supervisor,
    );
    expect(unknown.status).toBe(404);
  });
});

describe("an assignment's reports exported by the server", () => {
  it('holds every report, newest first, typed, the text as written', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const x = await open(`/api/v1/exports/assignment-reports.xlsx?assignmentId=${id}`, staffB);
    expect(x.line(1)).toBe('进度报告台账');
    expect(x.line(2)).toBe(`筛选条件：${PLAN}；分工=措施 1.1 ${f.B.name}（主责）`);
    expect(
      x.rows.map((r) => [r.getCell(1).value, x.col('报告状态') && r.getCell(x.col('报告状态')).value]),
    ).toEqual([
      ['2022-06', '草稿'],
      ['2022-05', '待单位领导签发'],
    ]);
    expect(x.cell(0, '进展').value).toBe('推进中');
    // Neutralised by the quote-prefix style, never by an apostrophe in the text.
    expect(x.cell(0, '进展情况').value).toBe('=1+1 已完成过半');
    expect(x.cell(1, '报送时间').value).toBeInstanceOf(Date);
    expect(x.cell(1, '报送时间').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(x.cell(1, '报送期限').value).toBeInstanceOf(Date);
    expect(typeof x.cell(1, '报送人').value).toBe('string');
    // The lead (甲) reads it; the assisting unit 丙 does not, and learns nothing of it.
    const lead = await open(
      `/api/v1/exports/assignment-reports.xlsx?assignmentId=${id}`,
      await f.login(f.A.staff),
    );
    expect(lead.rows).toHaveLength(2);
    const other = await f.w.api.get(`/api/v1/exports/assignment-reports.xlsx?assignmentId=${id}`, staffC);
    expect([403, 404]).toContain(other.status);
    expect(other.headers['content-type']).not.toContain('spreadsheetml');
  });
});

describe('the unit groups exported by the server', () => {
  it('holds every group matching the words, with members by name', async () => {
    const all = await f.w.api.get('/api/v1/groups?pageSize=200', staffC);
    expect(all.status).toBe(200);
    type G = { name: string; members: { name: string }[] };
    const every = await open('/api/v1/exports/groups.xlsx', staffC);
    expect(every.line(2)).toBe('筛选条件：无');
    expect(every.rows.map((r) => r.getCell(1).value)).toEqual(all.body.groups.map((g: G) => g.name));
    const x = await open(`/api/v1/exports/groups.xlsx?q=${encodeURIComponent('各区政府')}`, staffC);
    expect(x.line(2)).toBe('筛选条件：搜索=各区政府');
    const g = all.body.groups.find((y: G) => y.name === '各区政府') as G;
    expect(g).toBeDefined();
    const i = x.rows.findIndex((r) => r.getCell(1).value === '各区政府');
    expect(x.cell(i, '成员数').value).toBe(g.members.length);
    expect(x.cell(i, '成员').value).toBe(g.members.map((m) => m.name).join('、'));
    expect(x.rows.length).toBeLessThan(every.rows.length);
  });
});

describe('the page exports are audited', () => {
  it('records each with its filter in words', async () => {
    const rows = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['object_id', 'detail'])
      .where('action', '=', 'list.export')
      .execute();
    const lists = new Set(rows.map((r) => r.object_id));
    for (const l of [
      'upcoming',
      'unit-load',
      'matrix',
      'measure-assignments',
      'assignment-reports',
      'groups',
    ])
      expect(lists.has(l), l).toBe(true);
    expect(rows.some((r) => r.object_id === 'matrix' && String(r.detail).includes('职责=牵头'))).toBe(true);
  });
});
