/**
 * Real plans of other provinces (issue 8 §6) as offices receive them: three of the TSV fixtures written
 * as Word, Excel and a saved web page parse to the same plan as the text, with the same fields right.
 */
import { readFileSync } from 'node:fs';
import { type Plan, parsePlan } from '@lantian/core';
import { describe, expect, it } from 'vitest';
import { accuracy, type FixtureSpec, planFixture } from '../../core/test/generality/accuracy.ts';
import { changshaWorkReport, dazhuLivelihoodProjects } from '../../core/test/generality/specs-central.ts';
import {
  qiaochengEducation,
  xianBusinessEnvironment,
  zhejiangKeyWork,
} from '../../core/test/generality/specs-east.ts';
import { gangchengBusinessEnvironment, lishanWorkReport } from '../../core/test/generality/specs-north.ts';
import { parsePlanFile } from '../src/index.ts';
import { fromTsv, toDocx, toHtml, toXlsx } from './table-writers.ts';
import { specFromText, toPdf } from './writers.ts';

/** A plan without where its rows were (line numbers differ between a text file and a table). */
function content(plan: Plan): unknown {
  const drop = new Set(['line', 'lines', 'source', 'confidence']);
  const kept = { ...plan, warnings: plan.warnings.filter((w) => w.code !== 'TABLE_SKIPPED') };
  return JSON.parse(JSON.stringify(kept, (key, value) => (drop.has(key) ? undefined : value)));
}

// 谯城: section rows with no tasks under them and task numbers that jump (3, 68, 69); 西安: a section
// heading over lead, responsible and deadline columns; 浙江: one lead column under a section per leader.
// 立山: units split by commas as often as by 、. 长沙: lead cells broken over lines and merged down their
// rows; 大竹: several units one to a line in a cell, and a second row under its task's merged cells.
const SPECS: FixtureSpec[] = [
  qiaochengEducation,
  xianBusinessEnvironment,
  zhejiangKeyWork,
  lishanWorkReport,
  changshaWorkReport,
  dazhuLivelihoodProjects,
];

describe('real plans of other provinces as Word, Excel and a web page', () => {
  for (const spec of SPECS) {
    it(`${spec.file} parses to the same plan from .docx, .xlsx and .html`, async () => {
      const text = readFileSync(planFixture(spec.file), 'utf8');
      const fromText = parsePlan(text, { year: spec.year });
      const expected = content(fromText);
      const right = accuracy(fromText, spec);
      expect(right.wrong).toEqual([]);
      const table = fromTsv(text);
      for (const [file, bytes] of [
        ['分工表.docx', await toDocx(table)],
        ['分工表.xlsx', await toXlsx(table)],
        ['分工表.html', toHtml(table)],
      ] as const) {
        const plan = await parsePlanFile(bytes, { fileName: file, year: spec.year });
        expect(content(plan), file).toEqual(expected);
        expect(accuracy(plan, spec), file).toEqual(right);
      }
    });
  }
});

describe('a real plan of another province printed to .pdf', () => {
  const printed = async (spec: FixtureSpec) => {
    const bytes = readFileSync(planFixture(spec.file));
    const right = accuracy(parsePlan(bytes, { year: spec.year }), spec);
    expect(right.wrong).toEqual([]);
    const plan = await parsePlanFile(toPdf(specFromText(bytes)), { fileName: '分工表.pdf', year: spec.year });
    expect(plan.source.format).toBe('pdf');
    expect(accuracy(plan, spec)).toEqual(right);
  };
  // 钢城: a section and a subsection row over the tasks, measures of several lines.
  it(`${gangchengBusinessEnvironment.file} as a text-layer .pdf reads the same fields right`, () =>
    printed(gangchengBusinessEnvironment));
  // A table whose rows are all one line tall (立山: short targets, short unit cells): every gap is a
  // gap between rows, none is the leading of a wrapped cell.
  it(`${lishanWorkReport.file} as a .pdf (single-line rows) reads the same fields right`, () =>
    printed(lishanWorkReport));
});
