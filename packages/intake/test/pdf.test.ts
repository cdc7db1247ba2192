import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Plan, parsePlan } from '@lantian/core';
import { describe, expect, it } from 'vitest';
import { parsePlanFile, readPlanSource } from '../src/index.ts';
import { specFromText, toPdf } from './writers.ts';

const SEED = fileURLToPath(new URL('../../core/seeds/beijing-air-2022.txt', import.meta.url));

describe('the seed written as a .pdf (text layer, pages with the header repeated)', () => {
  const bytes = readFileSync(SEED);
  const text = parsePlan(bytes);
  const spec = specFromText(bytes);
  it('.pdf across pages with the header repeated', async () => {
    const pdf = toPdf(spec);
    const source = await readPlanSource(pdf, { fileName: '计划.pdf' });
    expect(source instanceof Uint8Array).toBe(false);
    const plan = await parsePlanFile(pdf, { fileName: '计划.pdf' });
    expect(plan.source.format).toBe('pdf');
    // A PDF does not keep a space where a line broke, so where cells wrapped the spaces are inferred
    // from how far the line ran: texts are compared without whitespace, structure exactly.
    const bare = (p: Plan) => ({
      title: p.title,
      year: p.year,
      preamble: p.preamble,
      sections: p.sections.map((x) => [x.ordinal, x.title]),
      tasks: p.tasks.map((t) => [t.no, t.name, t.section]),
      measures: p.measures.map((m) => [
        m.task,
        m.seq,
        m.text.replace(/\s+/g, ''),
        m.deadline.kind,
        m.deadline.due,
        m.lead.join('').replace(/\s+/g, ''),
      ]),
    });
    expect(bare(plan)).toEqual(bare(text));
    expect(plan.measures.length).toBeGreaterThan(50);
  });
});
