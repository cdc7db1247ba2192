// Container reading + parsing: a 300-row .docx (target < 300 ms) and a 6,000-measure .xlsx (target < 3 s).
// Run: npm run bench:intake
import { parsePlanFile } from '@lantian/intake';
import { specFromText, toDocx, toXlsx } from '../packages/intake/test/writers.ts';
import { generatePlan } from './generate-plan.ts';

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const docxSpec = specFromText(Buffer.from(generatePlan(300)));
const docx = await toDocx(docxSpec);
const xlsx = await toXlsx(specFromText(Buffer.from(generatePlan(6000))));
const docxCold = await time(() => parsePlanFile(docx, { fileName: 'bench.docx' }));
const docxRuns: number[] = [];
for (let i = 0; i < 10; i++) docxRuns.push(await time(() => parsePlanFile(docx, { fileName: 'bench.docx' })));
const xlsxCold = await time(() => parsePlanFile(xlsx, { fileName: 'bench.xlsx' }));
const xlsxRuns: number[] = [];
for (let i = 0; i < 3; i++) xlsxRuns.push(await time(() => parsePlanFile(xlsx, { fileName: 'bench.xlsx' })));
const measures = (await parsePlanFile(xlsx, { fileName: 'bench.xlsx' })).measures.length;
console.log(
  JSON.stringify(
    {
      docx: {
        rows: docxSpec.rows.length,
        bytes: docx.length,
        coldMs: +docxCold.toFixed(1),
        medianMs: +median(docxRuns).toFixed(1),
        targetMs: 300,
      },
      xlsx: {
        measures,
        bytes: xlsx.length,
        coldMs: +xlsxCold.toFixed(1),
        medianMs: +median(xlsxRuns).toFixed(1),
        targetMs: 3000,
      },
    },
    null,
    2,
  ),
);
