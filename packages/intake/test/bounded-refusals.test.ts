/**
 * Issue 8, "Done when": a zip bomb and an XXE document are refused with a clear error, within 1 s and
 * 100 MB of memory, for every container the readers open (.docx and .xlsx are zip + XML; .html is
 * parsed by an HTML parser, which expands no DTD, but a page carrying one is refused all the same).
 *
 * How the bound is measured, and why this way: each file is opened once in a fresh Node process
 * (measure.ts → refusal-child.ts), which reports
 * - the CPU time of the call (process.cpuUsage, user + system): what the refusal costs whatever else the
 *   shared machine is running, where the wall clock stretches with the load;
 * - the growth of the process's peak RSS during the call (the kernel's high-water mark, reset just
 *   before it): every byte the refusal makes resident, V8 heap and ArrayBuffers alike. A worker with a
 *   heap limit (resourceLimits) would not prove it: inflated bytes live in ArrayBuffers outside that
 *   limit. Sampling process.memoryUsage() cannot see inside a synchronous call.
 * A fresh process also keeps everything this test run allocates (the bombs themselves) out of the count.
 */
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanFile } from '../src/index.ts';
import { declaredSizes, xxeDocx, xxeHtml, xxeXlsx, zipBomb } from './bombs.ts';
import { MB, type Measured, measureOpening } from './measure.ts';

const INFLATED_MIB = 190;

function withinBound(m: Measured, code: string) {
  expect(m.crash, 'the reader threw something other than a PlanParseError').toBeUndefined();
  expect(m.code, m.message).toBe(code);
  expect(m.cpuMs).toBeLessThan(1000);
  expect(m.peakGrowth).toBeLessThan(100 * MB);
}

describe('a zip bomb is refused within 1 s of CPU and 100 MB of memory', () => {
  const bombs: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    for (const kind of ['docx', 'xlsx'] as const)
      for (const lie of [false, true]) bombs[`${kind}:${lie}`] = await zipBomb(kind, INFLATED_MIB, lie);
  }, 60_000);

  for (const kind of ['docx', 'xlsx'] as const) {
    it(`.${kind} declaring its ${INFLATED_MIB} MiB: refused from the directory, nothing inflated`, async () => {
      const bytes = bombs[`${kind}:false`];
      expect(bytes.length).toBeLessThan(MB);
      expect(Math.max(...Object.values(declaredSizes(bytes)))).toBeGreaterThan(INFLATED_MIB * MB);
      const m = await measureOpening(bytes, `炸弹.${kind}`);
      withinBound(m, 'CONTAINER_LIMIT');
      expect(m.message).toMatch(/解压后超过 96 MB（目录声明 190 MB；压缩炸弹或异常文件），已在解压前拒绝/);
    }, 60_000);

    it(`.${kind} claiming 4 KiB but inflating to ${INFLATED_MIB} MiB: stopped past its claim`, async () => {
      const bytes = bombs[`${kind}:true`];
      expect(Math.max(...Object.values(declaredSizes(bytes)))).toBe(4096);
      const m = await measureOpening(bytes, `炸弹.${kind}`);
      withinBound(m, 'CONTAINER_LIMIT');
      expect(m.message).toMatch(
        /解压后超过目录声明的 4096 字节（压缩炸弹或被篡改的文件），已在解压过程中拒绝/,
      );
    }, 60_000);
  }
});

describe('an XML part with a DTD (XXE, billion laughs) is refused within 1 s and 100 MB', () => {
  it('.docx: word/document.xml with an external entity', async () => {
    const m = await measureOpening(xxeDocx(), 'xxe.docx');
    withinBound(m, 'XML_REFUSED');
    expect(m.message).toContain('word/document.xml含有 DTD 或实体声明');
  }, 60_000);

  it('.xlsx: a sheet with an external entity, shared strings with a billion laughs', async () => {
    const sheet = await measureOpening(xxeXlsx('sheet'), 'xxe.xlsx');
    withinBound(sheet, 'XML_REFUSED');
    expect(sheet.message).toContain('工作表“任务分工”含有 DTD 或实体声明');
    const laughs = await measureOpening(xxeXlsx('sharedStrings'), 'laughs.xlsx');
    withinBound(laughs, 'XML_REFUSED');
    expect(laughs.message).toContain('xl/sharedStrings.xml含有 DTD 或实体声明');
  }, 60_000);

  it('.html: a DOCTYPE with an internal subset is refused; a plain XHTML DOCTYPE still reads', async () => {
    const m = await measureOpening(xxeHtml(), 'xxe.html');
    withinBound(m, 'XML_REFUSED');
    expect(m.message).toMatch(/文件“xxe\.html”含有 DTD 实体声明/);
    const xhtml = strToU8(
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html><body><p>2022年大气污染防治工作措施</p><table><tr><td>序号</td><td>工作措施</td><td>牵头单位</td><td>完成时限</td></tr><tr><td>1</td><td>淘汰燃煤锅炉</td><td>市生态环境局</td><td>年底前</td></tr></table></body></html>',
    );
    const plan = await parsePlanFile(xhtml, { fileName: '计划.html' });
    expect(plan.measures.map((x) => x.text)).toContain('淘汰燃煤锅炉');
  }, 60_000);
});
