import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { beijingExcelDate, filterLine, NUM_FMT, pagesOf, typedCell, writeWorkbook } from './xlsx-writer.ts';

async function written(rows: Record<string, unknown>[][]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const counts = await writeWorkbook(out, [
    {
      name: '测试/表[1]',
      title: '标题',
      filters: [['状态', '已报送']],
      columns: [
        { header: '文字', value: (r) => r.t as string },
        { header: '日期', kind: 'date', value: (r) => r.d as string },
        { header: '比例', kind: 'percent', value: (r) => r.p as number },
      ],
      rows,
    },
  ]);
  await done;
  return { counts, bytes: Buffer.concat(chunks) };
}

describe('typed cells', () => {
  it('dates are Beijing wall-clock dates; what is not a date or number stays text', () => {
    expect(beijingExcelDate('2022-06-30T16:30:00.000Z')?.toISOString()).toBe('2022-07-01T00:30:00.000Z');
    expect(typedCell('date', '2022-06-30')).toMatchObject({ style: { numFmt: NUM_FMT.date } });
    expect(typedCell('date', '6月底前').value).toBe('6月底前');
    expect(typedCell('datetime', 'soon').value).toBe('soon');
    expect(typedCell('percent', 0.25)).toMatchObject({ value: 0.25, style: { numFmt: '0%' } });
    expect(typedCell('integer', Number.NaN).value).toBe('NaN');
    expect(typedCell('text', '')).toMatchObject({ value: null });
  });

  it('formula-like text keeps its text and gets the quote prefix; other text does not', () => {
    for (const v of ['=1+1', '+86', '-3', '@SUM(A1)', '\tx', '\rx'])
      expect(typedCell('text', v)).toMatchObject({ value: v, style: { quotePrefix: true } });
    expect(typedCell('text', '市生态环境局').style).not.toHaveProperty('quotePrefix');
  });

  it('says 无 only when nothing filters', () => {
    expect(filterLine([])).toBe('筛选条件：无');
    expect(
      filterLine([
        ['计划', '甲'],
        ['状态', '乙'],
      ]),
    ).toBe('筛选条件：计划=甲；状态=乙');
  });
});

describe('writeWorkbook', () => {
  it('writes every batch, a safe sheet name, the header frozen under the captions, and the quote prefix in styles.xml', async () => {
    const { counts, bytes } = await written([
      [{ t: '=cmd', d: '2022-06-30', p: 0.5 }],
      [{ t: '普通', d: null, p: 1 }],
    ]);
    expect(counts).toEqual([2]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('测试 表 1');
    expect(sheet.getCell('A2').value).toBe('筛选条件：状态=已报送');
    expect(sheet.getCell('A4').value).toBe('=cmd');
    expect(sheet.getCell('B4').value).toBeInstanceOf(Date);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const styles = strFromU8(unzipSync(new Uint8Array(bytes))['xl/styles.xml'] as Uint8Array);
    expect(styles.match(/quotePrefix="1"/g)).toHaveLength(1);
  });

  it('pages until a short page, or the total', async () => {
    const asked: number[] = [];
    const batches: number[][] = [];
    for await (const b of pagesOf(async (page, size) => {
      asked.push(page);
      const all = [1, 2, 3, 4, 5];
      return { total: all.length, items: all.slice((page - 1) * size, page * size) };
    }, 2))
      batches.push([...b]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(asked).toEqual([1, 2, 3]);
  });
});
