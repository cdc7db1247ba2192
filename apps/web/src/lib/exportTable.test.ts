import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fillWorkbook, safeCell, safeSheetName } from './exportTable.ts';

describe('safeCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('escapes %j', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });
  it('keeps ordinary text, numbers and empty cells', () => {
    expect(safeCell('市生态环境局')).toBe('市生态环境局');
    expect(safeCell('——')).toBe('——');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(undefined)).toBeNull();
  });
});

describe('fillWorkbook', () => {
  it('writes caption, header and rows, escaping formula-like cells', async () => {
    const wb = new ExcelJS.Workbook();
    fillWorkbook(wb, {
      sheet: '我的任务: 2022/全部',
      caption: ['我的任务'],
      columns: [
        { title: '措施', value: (r: { t: string; n: number }) => r.t },
        { title: '数量', value: (r) => r.n },
      ],
      rows: [
        { t: '=1+1', n: 3 },
        { t: '完成 180 万辆次以上', n: -1 },
      ],
    });
    const buffer = await wb.xlsx.writeBuffer();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buffer as ArrayBuffer);
    const sheet = back.worksheets[0];
    expect(sheet?.name).toBe(safeSheetName('我的任务: 2022/全部'));
    expect(sheet?.getCell('A1').value).toBe('我的任务');
    expect(sheet?.getCell('A2').value).toBe('措施');
    expect(sheet?.getCell('A3').value).toBe("'=1+1");
    expect(sheet?.getCell('A3').formula).toBeUndefined();
    expect(sheet?.getCell('B4').value).toBe(-1);
  });
});
