/**
 * Field accuracy of a parsed plan against a fixture's expected parse, written out by hand from the
 * source table. Each expected measure names the fields a reader would check: where the text starts,
 * the deadline, the units of each role as written, the targets. Every field is one point.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Plan, parsePlan } from '../../src/index.ts';

export interface ExpectedDeadline {
  kind: 'date' | 'period' | 'ongoing' | 'milestones';
  due?: string;
  relative?: boolean;
}

export interface ExpectedMeasure {
  task: number;
  seq: number;
  textStart: string;
  deadline: ExpectedDeadline;
  lead: string[];
  responsible: string[];
  assisting: string[];
  /** Target values in the order written; omitted when the row states none worth checking. */
  targets?: number[];
}

export interface FixtureSpec {
  file: string;
  year: number;
  tasks: number;
  measures: ExpectedMeasure[];
}

export const planFixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/plans/${name}`, import.meta.url));

/** Names compare as people read them: full- and half-width parentheses and spaces are the same. */
const norm = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');
const sameNames = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x, i) => norm(x) === norm(b[i]));

export interface Accuracy {
  right: number;
  total: number;
  ratio: number;
  /** `task-seq field` for every field the parser got wrong. */
  wrong: string[];
}

export function parseFixture(spec: FixtureSpec): Plan {
  return parsePlan(readFileSync(planFixture(spec.file)), { year: spec.year });
}

export function accuracy(plan: Plan, spec: FixtureSpec): Accuracy {
  const wrong: string[] = [];
  let total = 0;
  const check = (ok: boolean, what: string) => {
    total++;
    if (!ok) wrong.push(what);
  };
  check(plan.tasks.length === spec.tasks, 'tasks');
  check(plan.measures.length === spec.measures.length, 'measures');
  for (const e of spec.measures) {
    const at = `${e.task}-${e.seq}`;
    const m = plan.measures.find((x) => x.task === e.task && x.seq === e.seq);
    const fields = 5 + (e.targets ? 1 : 0);
    if (!m) {
      total += fields;
      for (let i = 0; i < fields; i++) wrong.push(`${at} missing`);
      continue;
    }
    check(norm(m.text).startsWith(norm(e.textStart)), `${at} text`);
    const d = m.deadline;
    check(
      d.kind === e.deadline.kind &&
        (e.deadline.due === undefined || d.due === e.deadline.due) &&
        (e.deadline.relative === undefined || Boolean(d.relative) === e.deadline.relative),
      `${at} deadline`,
    );
    check(sameNames(m.lead, e.lead), `${at} lead`);
    check(sameNames(m.responsible, e.responsible), `${at} responsible`);
    check(sameNames(m.assisting, e.assisting), `${at} assisting`);
    if (e.targets)
      check(
        sameNumbers(
          m.targets.map((t) => t.value),
          e.targets,
        ),
        `${at} targets`,
      );
  }
  return { right: total - wrong.length, total, ratio: (total - wrong.length) / total, wrong };
}

function sameNumbers(a: number[], b: number[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
