import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Plan, PlanParseError, parsePlan } from '../src/index.ts';
import { assertInvariants, SEED_PATH } from './helpers.ts';

const seedLines = readFileSync(SEED_PATH, 'utf8').split('\n');

/** Parse, and hold the contract: a Plan that satisfies the invariants, or a PlanParseError with a message. */
function parseHoldsContract(input: string | Uint8Array, year?: number): Plan | PlanParseError {
  try {
    const plan = parsePlan(input, year === undefined ? {} : { year });
    assertInvariants(plan);
    return plan;
  } catch (e) {
    if (!(e instanceof PlanParseError)) throw e;
    expect(e.message.length).toBeGreaterThan(5);
    if (e.line !== undefined) expect(e.line).toBeGreaterThanOrEqual(1);
    return e;
  }
}

// Pieces that exercise the parser's special cases when dropped into a line.
const TRICKY = [
  '\t',
  '\t\t',
  '"',
  '""',
  '“',
  '(',
  '（',
  ')',
  '）',
  '<p>',
  '</p>',
  '<sub>',
  '——',
  '—',
  '、',
  '，',
  '；',
  ',',
  '|',
  '等部门',
  '按职责分工负责',
  '牵头',
  '配合',
  '年底前',
  '6 月底前',
  '13月底前',
  '2月30日前',
  '按时间节点完成',
  '长期实施',
  '6—9月',
  '次年',
  '100%',
  '4.5吨以下',
  '9999999999999999999999万辆',
  '1e309户',
  '序号',
  '重点任务',
  '工作措施',
  '完成时限',
  '牵头部门',
  '一、',
  '（二）',
  '注：',
  '各区政府 (含北京经济技术开发区管委会)',
  '相关区政府',
  'NO _x',
  'PM _{2.5}',
  '\r',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '𠀀',
  '　',
];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    pos: fc.nat(),
    piece: fc.constantFrom(...TRICKY),
  }),
  fc.record({
    op: fc.constant('random' as const),
    at: fc.nat(),
    pos: fc.nat(),
    piece: fc.string({ maxLength: 12 }),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), pos: fc.nat(), len: fc.nat({ max: 40 }) }),
  fc.record({
    op: fc.constant('cell' as const),
    at: fc.nat(),
    cell: fc.nat({ max: 8 }),
    piece: fc.constantFrom(...TRICKY, ''),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(lines: string[], muts: Mutation[]): string {
  const out = [...lines];
  for (const m of muts) {
    if (out.length === 0) break;
    const i = m.at % out.length;
    const line = out[i];
    switch (m.op) {
      case 'delete':
        out.splice(i, 1);
        break;
      case 'duplicate':
        out.splice(i, 0, line);
        break;
      case 'swap': {
        const j = m.to % out.length;
        [out[i], out[j]] = [out[j], out[i]];
        break;
      }
      case 'insert':
      case 'random': {
        const p = m.pos % (line.length + 1);
        out[i] = line.slice(0, p) + m.piece + line.slice(p);
        break;
      }
      case 'cut': {
        const p = m.pos % (line.length + 1);
        out[i] = line.slice(0, p) + line.slice(p + m.len);
        break;
      }
      case 'cell': {
        const cells = line.split('\t');
        cells[m.cell % cells.length] = m.piece;
        out[i] = cells.join('\t');
        break;
      }
      case 'truncate':
        out.length = Math.max(1, i);
        break;
    }
  }
  return out.join('\n');
}

describe('the parser on any input (property-based)', () => {
  it('never throws anything but PlanParseError on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        parseHoldsContract(s);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws anything but PlanParseError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        parseHoldsContract(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on tables made of random rows under a real header', () => {
    const cell = fc.oneof(fc.constantFrom(...TRICKY, '', '1', '2', '年底前'), fc.string({ maxLength: 20 }));
    const row = fc.array(cell, { minLength: 0, maxLength: 9 }).map((cells) => cells.join('\t'));
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: undefined }),
        (rows, year) => {
          parseHoldsContract(
            ['2025年计划', '序号\t重点任务\t工作措施\t完成时限\t牵头部门\t主责单位\t协办单位', ...rows].join(
              '\n',
            ),
            year,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps its contract on the seed mutated at random', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (muts) => {
        parseHoldsContract(mutate(seedLines, muts));
      }),
      { numRuns: 250 },
    );
  });

  it('still finds most of the plan after a few mutations', () => {
    fc.assert(
      fc.property(
        fc.array(
          mutation.filter((m) => m.op !== 'truncate'),
          { minLength: 1, maxLength: 3 },
        ),
        (muts) => {
          const r = parseHoldsContract(mutate(seedLines, muts));
          if (r instanceof PlanParseError) return; // e.g. the header row itself was cut
          expect(r.measures.length).toBeGreaterThan(40);
        },
      ),
      { numRuns: 100 },
    );
  });
});
