/**
 * The problem-case list exported by the server (`/exports/cases.xlsx`): every case of the filter (not
 * the page on screen), the filter in words above the table, typed cells, and a unit only its own cases.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarm, bj, type CaseWorld, caseWorld, ingest, ok } from './helpers/cases.ts';
import { createWorld, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;
const ids: string[] = [];

beforeAll(async () => {
  w = await createWorld({ start: bj(1, 9) });
  c = await caseWorld(w);
  for (let i = 0; i < 25; i++) {
    const r = await ingest(
      w,
      c.key,
      alarm(`EX-${i}`, {
        address: `朝阳区八里庄路${i}号`,
        severity: i % 5 === 0 ? 'low' : 'high',
        description: i === 3 ? '=HYPERLINK("x")' : `工地扬尘 ${i}`,
      }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.caseId);
  }
  for (const id of ids.slice(0, 2)) {
    await ok(w, c.sup1, id, 'verify', { decision: 'verify' }, 'verified');
    await ok(w, c.sup1, id, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
  }
  await c.at(bj(9));
}, 120_000);
afterAll(async () => w?.close());

async function open(url: string, cookie: string) {
  const res = await w.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  let header = 1;
  while (sheet.getRow(header).cellCount <= 1) header++;
  const columns = (sheet.getRow(header).values as unknown[]).slice(1).map(String);
  const rows: ExcelJS.Row[] = [];
  for (let r = header + 1; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
  const cell = (row: ExcelJS.Row, name: string) => row.getCell(columns.indexOf(name) + 1);
  return { sheet, columns, rows, cell, text: (r: number) => String(sheet.getCell(r, 1).value) };
}

describe('case list export', () => {
  it('holds every case of the filter with the filter written above, typed cells', async () => {
    const page = await w.api.get('/api/v1/cases?severity=high', c.sup1);
    expect(page.body.total).toBe(20);
    expect(page.body.cases).toHaveLength(20);
    const all = await open('/api/v1/exports/cases.xlsx', c.sup1);
    expect(all.text(1)).toBe('问题案件');
    expect(all.text(2)).toBe('筛选条件：无');
    expect(all.rows).toHaveLength(25);
    const high = await open(
      `/api/v1/exports/cases.xlsx?severity=high&district=${encodeURIComponent('朝阳区')}&overdue=true`,
      c.sup1,
    );
    expect(high.text(2)).toBe('筛选条件：等级=严重；区=朝阳区；逾期=是');
    // Only the two dispatched (due 4 Oct) are overdue on 9 Oct, and only the second is high.
    expect(high.rows).toHaveLength(1);
    expect(high.cell(high.rows[0] as ExcelJS.Row, '外部编号').value).toBe('EX-1');
    const row = high.rows[0] as ExcelJS.Row;
    expect(high.cell(row, '状态').value).toBe('已派发');
    expect(high.cell(row, '责任单位').value).toBe(c.chaoyang.name);
    expect(high.cell(row, '办理时限').value).toBeInstanceOf(Date);
    expect((high.cell(row, '办理时限').value as Date).toISOString().slice(0, 10)).toBe('2022-10-04');
    expect(high.cell(row, '受理时间').value).toBeInstanceOf(Date);
    expect(high.cell(row, '返工次数').value).toBe(0);
    expect(high.cell(row, '纬度').value).toBe(39.92);
    expect(high.cell(row, '逾期').value).toBe('是');
    // A formula-looking description stays text.
    const all3 = all.rows.find((r) => String(all.cell(r, '问题描述').value).startsWith('='));
    expect(all3 && all.cell(all3, '问题描述').type).toBe(ExcelJS.ValueType.String);
  });

  it('a unit exports only the cases dispatched to it; a bad filter is a 400 naming the field', async () => {
    const mine = await open('/api/v1/exports/cases.xlsx', c.cyStaff);
    expect(mine.rows).toHaveLength(2);
    const other = await open('/api/v1/exports/cases.xlsx', c.hdStaff);
    expect(other.rows).toHaveLength(0);
    const bad = await w.app.inject({
      method: 'GET',
      url: '/api/v1/exports/cases.xlsx?state=nonsense',
      headers: { cookie: c.sup1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('state');
  });
});
