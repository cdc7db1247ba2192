import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../src/index.ts';
import { parsePlanFile, readPlanSource } from '../src/index.ts';

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('封面').getCell('A1').value = '封面';
  const hidden = wb.addWorksheet('旧表');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = '序号';
  const ws = wb.addWorksheet('任务分工');
  ws.getCell('A1').value = '沈阳市2024年城市管理工作任务分工表';
  ws.mergeCells('A1:E1');
  ws.addRow(['序号', '主要工作内容', '完成时限', '责任单位', '内部备注']);
  ws.addRow([
    1,
    { richText: [{ text: '推进生活' }, { text: '垃圾分类。', font: { bold: true } }] },
    new Date(Date.UTC(2024, 5, 30)),
    '市城管委',
    'x',
  ]);
  ws.addRow(['', '', '', '各区政府', 'y']);
  ws.addRow([2, '隐藏的一行。', '2024年底前', '市发改委', 'z']);
  ws.addRow([3, '整治背街小巷。', '常态化', '市住房和城乡建设局', 'w']);
  ws.getCell('C3').numFmt = 'yyyy"年"m"月"d"日"';
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:C4');
  ws.getRow(5).hidden = true;
  ws.getColumn(5).hidden = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('.xlsx', () => {
  it('reads the sheet holding the table: dates as dates, rich text, merges, hidden rows and columns skipped', async () => {
    const bytes = await workbook();
    const doc = (await readPlanSource(bytes, { fileName: 'a.xlsx' })) as SourceDocument;
    const sheet = doc.tables.find((t) => t.name === '任务分工');
    expect(doc.tables.map((t) => t.name)).toEqual(['封面', '任务分工']);
    expect(sheet?.rows.find((r) => r.line === 3)?.cells.map((c) => c.text)).toEqual([
      '1',
      '推进生活垃圾分类。',
      '2024-06-30',
      '市城管委',
    ]);
    expect(sheet?.rows.find((r) => r.line === 4)?.cells.map((c) => c.merged ?? '')).toEqual([
      'up',
      'up',
      'up',
      '',
    ]);
    expect(sheet?.rows.some((r) => r.line === 5)).toBe(false);
    expect(doc.notes.join('\n')).toMatch(/隐藏的工作表“旧表”/);
    expect(doc.notes.join('\n')).toMatch(/第 5 行/);
    expect(doc.notes.join('\n')).toMatch(/E 列/);
    const plan = await parsePlanFile(bytes, { fileName: 'a.xlsx' });
    expect(plan.title).toBe('沈阳市2024年城市管理工作任务分工表');
    expect(
      plan.measures.map((m) => [m.task, m.text, m.deadline.due ?? m.deadline.kind, m.responsible]),
    ).toEqual([
      [1, '推进生活垃圾分类。', '2024-06-30', ['市城管委', '各区政府']],
      [3, '整治背街小巷。', 'ongoing', ['市住房和城乡建设局']],
    ]);
    expect(plan.warnings.some((w) => w.code === 'TABLE_SKIPPED' && w.subject === '封面')).toBe(true);
  });
});
