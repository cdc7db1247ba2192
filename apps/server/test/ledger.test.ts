// Issue 11, ledgers (台账): a unit's workbook of everything kept on its assignments, and the plan's for the office.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBody, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let staffB: string;
let staffA: string;
let viewerB: string;
let supervisor: string;
let title: string;

beforeAll(async () => {
  f = await supervisionFixture();
  staffB = await f.login(f.B.staff);
  staffA = await f.login(f.A.staff);
  viewerB = await f.login(f.B.viewer);
  supervisor = await f.login(f.supervisor);
  title = (
    await f.w.ctx.db.kysely
      .selectFrom('plans')
      .select('title')
      .where('id', '=', f.planId)
      .executeTakeFirstOrThrow()
  ).title;
  const id = f.assignment['1:B:responsible'] as string;
  for (const p of ['2022-04', '2022-05']) {
    const saved = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/${p}`,
      { version: 0, ...reportBody({ summary: `${p} =已完成过半` }) },
      staffB,
    );
    expect(saved.status).toBe(200);
  }
  const issued = await f.w.api.post(
    '/api/v1/notices',
    {
      planId: f.planId,
      unitId: f.B.id,
      measureIds: [f.measure[1]],
      reason: '进度滞后，请说明',
      level: 'yellow',
      replyDue: '2022-06-20',
    },
    supervisor,
  );
  expect(issued.status).toBe(200);
}, 60_000);
afterAll(() => f.w.close());

async function ledger(url: string, cookie: string) {
  const res = await f.w.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = (name: string) => {
    const s = wb.getWorksheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    const header = 4;
    const columns = (s.getRow(header).values as unknown[]).slice(1).map(String);
    const rows: ExcelJS.Row[] = [];
    for (let r = header + 1; r <= s.rowCount; r++) rows.push(s.getRow(r));
    const cell = (row: ExcelJS.Row, col: string) => row.getCell(columns.indexOf(col) + 1).value;
    return { s, columns, rows, cell };
  };
  return { wb, sheet, disposition: String(res.headers['content-disposition']) };
}

describe("a unit's ledger", () => {
  it('holds its assignments, every report, each review step, its notices, one sheet per kind', async () => {
    const x = await ledger(`/api/v1/plans/${f.planId}/units/${f.B.id}/ledger.xlsx`, staffB);
    expect(x.wb.worksheets.map((s) => s.name)).toEqual([
      '分工',
      '进度报告',
      '审核记录',
      '佐证材料',
      '督办单',
      '督办答复',
      '延期申请',
      '销号申请',
    ]);
    expect(x.disposition).toContain(encodeURIComponent(`${f.B.name}台账`));
    const assignments = x.sheet('分工');
    expect(String(assignments.s.getCell('A2').value)).toBe(
      `筛选条件：计划=${title}（2022）；单位=${f.B.name}`,
    );
    expect(assignments.rows.map((r) => assignments.cell(r, '单位'))).toEqual([f.B.name, f.B.name]);
    expect(assignments.rows.map((r) => assignments.cell(r, '职责')).sort()).toEqual(['主责', '牵头']);
    expect(typeof assignments.cell(assignments.rows[0] as ExcelJS.Row, '进度')).toBe('number');
    const reports = x.sheet('进度报告');
    expect(reports.rows.map((r) => reports.cell(r, '报告期'))).toEqual(['2022-04', '2022-05']);
    expect(reports.rows.map((r) => reports.cell(r, '状态'))).toEqual(['草稿', '草稿']);
    // Formula-like text stays as written.
    expect(reports.cell(reports.rows[0] as ExcelJS.Row, '完成情况')).toBe('2022-04 =已完成过半');
    const events = x.sheet('审核记录');
    expect(events.rows.length).toBeGreaterThanOrEqual(2);
    expect(events.rows.every((r) => events.cell(r, '经办人'))).toBe(true);
    expect(events.cell(events.rows[0] as ExcelJS.Row, '时间')).toBeInstanceOf(Date);
    const notices = x.sheet('督办单');
    expect(notices.rows.map((r) => notices.cell(r, '级别'))).toEqual(['黄牌']);
    expect(notices.cell(notices.rows[0] as ExcelJS.Row, '答复期限')).toBeInstanceOf(Date);
  });

  it("is its own unit's and the office's: another unit is refused", async () => {
    await ledger(`/api/v1/plans/${f.planId}/units/${f.B.id}/ledger.xlsx`, viewerB);
    await ledger(`/api/v1/plans/${f.planId}/units/${f.B.id}/ledger.xlsx`, supervisor);
    const other = await f.w.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${f.planId}/units/${f.B.id}/ledger.xlsx`,
      headers: { cookie: staffA },
    });
    expect(other.statusCode).toBe(403);
  });

  it("A's ledger has none of B's rows, though A leads measure 1", async () => {
    const x = await ledger(`/api/v1/plans/${f.planId}/units/${f.A.id}/ledger.xlsx`, staffA);
    const reports = x.sheet('进度报告');
    expect(reports.rows).toHaveLength(0);
    expect(x.sheet('督办单').rows).toHaveLength(0);
    const assignments = x.sheet('分工');
    expect(new Set(assignments.rows.map((r) => assignments.cell(r, '单位')))).toEqual(new Set([f.A.name]));
  });
});

describe("the plan's ledger", () => {
  it('is the office’s, with every unit', async () => {
    const x = await ledger(`/api/v1/plans/${f.planId}/ledger.xlsx`, supervisor);
    const assignments = x.sheet('分工');
    expect(assignments.rows).toHaveLength(5);
    expect(new Set(assignments.rows.map((r) => assignments.cell(r, '单位')))).toEqual(
      new Set([f.A.name, f.B.name, f.C.name]),
    );
    expect(x.sheet('进度报告').rows).toHaveLength(2);
    const refused = await f.w.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${f.planId}/ledger.xlsx`,
      headers: { cookie: staffB },
    });
    expect(refused.statusCode).toBe(403);
  });
});
