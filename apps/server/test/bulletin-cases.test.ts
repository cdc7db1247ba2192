/**
 * The bulletin's section on problem cases (问题案件), from a known set of cases, every figure spelled out:
 *
 *   S1  received 20 Sep, 朝阳区, dispatched (due 23 Sep), never signed        → overdue on 31 Oct, 38 days
 *   A   received 3 Oct, 朝阳区, dispatched, signed, rectified, fed back, closed on 6 Oct
 *   B   received 5 Oct, 海淀区, dispatched (due 8 Oct), left                   → overdue, 23 days
 *   C   received 12 Oct at A's place and category, A closed                  → a repeat of A; left 待核实
 *   D   received 20 Oct, 朝阳区, voided
 *   E   received 25 Oct, 海淀区, dispatched (due 28 Oct); closed on 3 Nov     → in October's bulletin it is
 *       still 已派发 and overdue (3 days): the state is the one the timeline had reached by 31 Oct.
 *
 * October: received 5 (A–E); by state 待核实 1 (C), 已作废 1 (D), 已派发 2 (B, E), 已销号 1 (A); closed 1,
 * open 3; by district 朝阳区 3 received / 1 closed / 1 overdue (S1), 海淀区 2 / 0 / 2 (B, E); overdue
 * S1, B, E, oldest due first; repeats: C after A. The .docx and the PDF carry the same tables.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/modules/audit/actor.ts';
import { chartFonts } from '../src/modules/documents/bulletin.chart.ts';
import { publishPlan } from '../src/modules/plans/plan-publish.service.ts';
import { alarm, type CaseWorld, caseWorld, detail, ingest, ok, photo } from './helpers/cases.ts';
import { buildPlan, createWorld, importPlanObject, type World } from './helpers/context.ts';
import { docxRows, docxXml, download, pdfPages } from './helpers/documents.ts';

let w: World;
let c: CaseWorld;
let planId: string;
const no: Record<string, string> = {};
const id: Record<string, string> = {};

/** Beijing 10:00 on a day of 2022. */
const at = (month: number, day: number) => new Date(Date.UTC(2022, month - 1, day, 2)).toISOString();

async function received(key: string, month: number, day: number, over: Record<string, unknown>) {
  await c.at(at(month, day));
  const r = await ingest(
    w,
    c.key,
    alarm(`BC-${key}`, {
      occurredAt: `2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:00:00+08:00`,
      ...over,
    }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  id[key] = r.body.caseId;
  no[key] = (await detail(w, c.sup1, r.body.caseId)).number;
  return r.body.caseId as string;
}

async function dispatch(key: string, unitId: string) {
  await ok(w, c.sup1, id[key] as string, 'verify', { decision: 'verify' }, 'verified');
  return ok(w, c.sup1, id[key] as string, 'dispatch', { unitId }, 'dispatched');
}

async function close(key: string, staff: string) {
  const caseId = id[key] as string;
  await ok(w, staff, caseId, 'sign', { decision: 'sign' }, 'signed');
  await ok(w, staff, caseId, 'rectify', {}, 'rectifying');
  await photo(w, staff, caseId);
  await ok(w, staff, caseId, 'feedback', { text: '已整改到位' }, 'feedback');
  await ok(w, c.sup2, caseId, 'check', { decision: 'close' }, 'closed');
}

const haidian = { district: '海淀区', street: '中关村街道' };

beforeAll(async () => {
  w = await createWorld({ start: at(9, 19) });
  c = await caseWorld(w);
  const plan = buildPlan({
    warnings: [],
    measureSpecs: [{ task: 1, lead: ['市生态环境局'], responsible: [c.chaoyang.name, c.haidian.name] }],
  });
  planId = await importPlanObject(w.ctx, plan);
  await publishPlan(w.ctx, cliActor(), planId);

  await received('S1', 9, 20, { address: '朝阳区东三环中路5号工地' });
  expect((await dispatch('S1', c.chaoyang.id)).dueOn).toBe('2022-09-23');

  await received('A', 10, 3, {});
  await dispatch('A', c.chaoyang.id);
  await c.at(at(10, 6));
  await close('A', c.cyStaff);

  await received('B', 10, 5, { ...haidian, address: '海淀区中关村大街1号工地' });
  expect((await dispatch('B', c.haidian.id)).dueOn).toBe('2022-10-08');

  await received('C', 10, 12, {});
  expect((await detail(w, c.sup1, id.C as string)).repeatOf).toBe(id.A);

  await received('D', 10, 20, { address: '朝阳区望京街10号工地' });
  await ok(w, c.sup2, id.D as string, 'verify', { decision: 'void', comment: '经核实系误报' }, 'voided');

  await received('E', 10, 25, { ...haidian, address: '海淀区学院路20号工地' });
  expect((await dispatch('E', c.haidian.id)).dueOn).toBe('2022-10-28');
  await c.at(at(11, 3));
  await close('E', c.hdStaff);
  await c.at(at(11, 5));
}, 120_000);
afterAll(async () => w?.close());

const bulletin = async (period: string) => {
  const r = await w.api.get(`/api/v1/plans/${planId}/bulletin?period=${period}`, c.sup1);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

describe('the bulletin section on problem cases', () => {
  it('counts October by state and district, names the overdue and the repeat', async () => {
    const b = await bulletin('2022-10');
    expect(b.asOf).toBe('2022-10-31');
    expect(b.cases).toMatchObject({ received: 5, closed: 1, open: 3 });
    expect(b.cases.byState).toEqual([
      { state: 'reported', name: '待核实', count: 1 },
      { state: 'voided', name: '已作废', count: 1 },
      { state: 'dispatched', name: '已派发', count: 2 },
      { state: 'closed', name: '已销号', count: 1 },
    ]);
    expect(b.cases.byDistrict).toEqual([
      { district: '朝阳区', received: 3, closed: 1, overdue: 1 },
      { district: '海淀区', received: 2, closed: 0, overdue: 2 },
    ]);
    expect(
      b.cases.overdue.map((o: { number: string; dueOn: string; daysOverdue: number; unitName: string }) => [
        o.number,
        o.dueOn,
        o.daysOverdue,
        o.unitName,
      ]),
    ).toEqual([
      [no.S1, '2022-09-23', 38, c.chaoyang.name],
      [no.B, '2022-10-08', 23, c.haidian.name],
      [no.E, '2022-10-28', 3, c.haidian.name],
    ]);
    expect(b.cases.repeats).toEqual([
      {
        number: no.C,
        earlierNumber: no.A,
        kind: 'repeat',
        categoryName: '施工扬尘',
        district: '朝阳区',
        address: '朝阳区八里庄路1号工地',
      },
    ]);
  });

  it('September holds only S1, overdue by 7 days on the 30th', async () => {
    const b = await bulletin('2022-09');
    expect(b.cases).toMatchObject({ received: 1, closed: 0, open: 1 });
    expect(b.cases.byState).toEqual([{ state: 'dispatched', name: '已派发', count: 1 }]);
    expect(b.cases.overdue.map((o: { daysOverdue: number }) => o.daysOverdue)).toEqual([7]);
    expect(b.cases.repeats).toEqual([]);
  });

  it('the .docx carries the section as tables in the other sections’ style', async () => {
    const r = await download(w, `/api/v1/plans/${planId}/bulletin/docx?period=2022-10`, c.sup1);
    expect(r.status).toBe(200);
    const rows = docxRows(r.bytes);
    const xml = docxXml(r.bytes);
    expect(xml).toContain('问题案件办理情况');
    expect(xml).toContain(
      '本月收到问题案件 5 件（待核实 1 件、已作废 1 件、已派发 2 件、已销号 1 件），截至2022年10月31日已销号 1 件、' +
        '办理中 3 件；逾期未办结案件 3 件（含以前月份收到的）；重复发生案件 1 件。',
    );
    expect(rows).toContainEqual(['区', '本月收到', '已销号', '逾期未办结']);
    expect(rows).toContainEqual(['朝阳区', '3', '1', '1']);
    expect(rows).toContainEqual(['海淀区', '2', '0', '2']);
    expect(rows).toContainEqual(['已派发', '2']);
    expect(rows).toContainEqual([
      no.S1,
      c.chaoyang.name,
      '施工扬尘',
      '朝阳区东三环中路5号工地',
      '2022-09-23',
      '38',
    ]);
    expect(rows).toContainEqual([
      no.E,
      c.haidian.name,
      '施工扬尘',
      '海淀区学院路20号工地',
      '2022-10-28',
      '3',
    ]);
    expect(rows).toContainEqual([no.C, no.A, '办结后复发', '施工扬尘', '朝阳区八里庄路1号工地']);
  });

  it('the section is switched off like the others, and absent from a month without cases', async () => {
    const texts = (await bulletin('2022-10')).texts;
    const put = await w.api.put(
      `/api/v1/plans/${planId}/bulletin/texts?period=2022-10`,
      {
        version: texts.version,
        docNo: texts.docNo,
        opening: texts.opening,
        closing: texts.closing,
        sectionsOff: ['cases'],
      },
      c.sup1,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const off = await download(w, `/api/v1/plans/${planId}/bulletin/docx?period=2022-10`, c.sup1);
    expect(off.status).toBe(200);
    expect(docxXml(off.bytes)).not.toContain('问题案件办理情况');
    const august = await download(w, `/api/v1/plans/${planId}/bulletin/docx?period=2022-08`, c.sup1);
    expect(august.status).toBe(200);
    expect(docxXml(august.bytes)).not.toContain('问题案件');
  });

  it.skipIf(!chartFonts().cjk)(
    'the PDF carries the same figures',
    async () => {
      const r = await download(w, `/api/v1/plans/${planId}/bulletin/pdf?period=2022-09`, c.sup1);
      expect(r.status).toBe(200);
      const text = (await pdfPages(r.bytes)).join('\n');
      expect(text).toContain('问题案件办理情况');
      expect(text).toContain('本月收到问题案件 1 件');
      expect(text).toContain(no.S1);
      expect(text).toContain('朝阳区东三环中路5号工地');
    },
    60_000,
  );
});

describe('案件统计 exported by the server', () => {
  it('holds the unit ranking of the range and the total line, typed, with the range in words', async () => {
    const q = 'from=2022-10-01&to=2022-10-31';
    const stats = await w.api.get(`/api/v1/cases/stats?${q}`, c.sup1);
    expect(stats.status).toBe(200);
    const res = await download(w, `/api/v1/exports/case-stats.xlsx?${q}`, c.sup1);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell(1, 1).value).toBe('问题案件单位排名');
    expect(sheet.getCell(2, 1).value).toBe('筛选条件：收到日期=2022-10-01 ~ 2022-10-31');
    let header = 1;
    while (sheet.getRow(header).cellCount <= 1) header++;
    const columns = (sheet.getRow(header).values as unknown[]).slice(1);
    expect(columns.slice(0, 7)).toEqual(['排名', '单位', '收到', '派发', '办结', '按时办结', '按时办结率']);
    const rows = [];
    for (let r = header + 1; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
    type Row = { rank?: number; name: string; received: number; onTimeClosureRate: number | null };
    const expected: Row[] = [...stats.body.ranking, stats.body.total];
    expect(rows.map((r) => [r.getCell(1).value ?? null, r.getCell(2).value, r.getCell(3).value])).toEqual(
      expected.map((x) => [x.rank ?? null, x.name, x.received]),
    );
    // The known set: five cases received in October (A–E; S1 is September's).
    expect(rows.at(-1)?.getCell(2).value).toBe('合计');
    expect(rows.at(-1)?.getCell(3).value).toBe(5);
    const cy = rows.find((r) => r.getCell(2).value === c.chaoyang.name);
    expect(cy?.getCell(7).value).toBe(
      stats.body.byUnit.find((u: Row & { key: string }) => u.key === c.chaoyang.id).onTimeClosureRate,
    );
    expect(cy?.getCell(7).numFmt).toBe('0%');
    const bad = await w.api.get('/api/v1/exports/case-stats.xlsx?from=2022-10-31&to=2022-10-01', c.sup1);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
    expect((await w.api.get(`/api/v1/exports/case-stats.xlsx?${q}`, c.cyStaff)).status).toBe(403);
  });
});
