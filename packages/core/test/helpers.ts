import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type Plan, parsePlan, ROLES, type UnitDirectory } from '../src/index.ts';

export const SEED_PATH = fileURLToPath(new URL('../seeds/beijing-air-2022.txt', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let seed: Plan | undefined;
/** The seed plan, parsed once per test file. */
export function seedPlan(): Plan {
  seed ??= parsePlan(readFileSync(SEED_PATH));
  return seed;
}

export function measure(plan: Plan, task: number, seq: number) {
  const m = plan.measures.find((x) => x.task === task && x.seq === seq);
  if (!m) throw new Error(`no measure ${task}-${seq}`);
  return m;
}

export const hebeiDirectory = (): UnitDirectory =>
  JSON.parse(readFileSync(fixture('hebei-directory.json'), 'utf8'));

/** What every parsed plan must satisfy, whatever the input. */
export function assertInvariants(plan: Plan) {
  const taskNos = new Set(plan.tasks.map((t) => t.no));
  expect(taskNos.size).toBe(plan.tasks.length);
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  for (const m of plan.measures) {
    expect(taskNos.has(m.task)).toBe(true);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.lines.length).toBeGreaterThan(0);
    expect(['date', 'period', 'ongoing', 'milestones']).toContain(m.deadline.kind);
    if (m.deadline.kind !== 'ongoing') expect(m.deadline.due).toMatch(iso);
    if (m.deadline.kind === 'period') expect(String(m.deadline.start) <= String(m.deadline.end)).toBe(true);
    for (const x of m.milestones) expect(x.due).toMatch(iso);
    for (const t of m.targets) expect(Number.isFinite(t.value)).toBe(true);
    for (const role of ROLES) {
      expect(m[role]).toEqual(m.units[role].map((u) => u.name));
      for (const u of m.units[role]) {
        if (u.kind === 'unknown') {
          expect(
            plan.warnings.some(
              (w) =>
                w.code === 'UNKNOWN_UNIT' && w.subject === u.name && w.task === m.task && w.seq === m.seq,
            ),
          ).toBe(true);
        }
      }
    }
  }
  for (const t of plan.tasks) {
    const seqs = plan.measures.filter((m) => m.task === t.no).map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }
  for (const w of plan.warnings) expect(w.line).toBeGreaterThanOrEqual(1);
}
