// Parse speed: the seed and a 6,000-measure plan, cold (first parse in this process) and warm.
// Run: npx tsx bench/parse.bench.ts   (budgets: seed < 20 ms, 6,000 measures < 1 s)
import { readFileSync } from 'node:fs';
import { parsePlan } from '@lantian/core';
import { generatePlan, SEED } from './generate-plan.ts';

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5).toFixed(2), p95: q(0.95).toFixed(2), max: s[s.length - 1].toFixed(2) };
}

const seed = readFileSync(SEED);
const big = Buffer.from(generatePlan(6000));
const coldSeed = time(() => parsePlan(seed));
const coldBig = time(() => parsePlan(big));
const plan = parsePlan(big);
const seedRuns = Array.from({ length: 200 }, () => time(() => parsePlan(seed)));
const bigRuns = Array.from({ length: 15 }, () => time(() => parsePlan(big)));
const mem = process.memoryUsage();

console.log(
  JSON.stringify(
    {
      node: process.version,
      seed: { bytes: seed.length, measures: 60, coldMs: coldSeed.toFixed(2), warmMs: stats(seedRuns) },
      large: {
        bytes: big.length,
        measures: plan.measures.length,
        coldMs: coldBig.toFixed(2),
        warmMs: stats(bigRuns),
      },
      rssMiB: (mem.rss / 1024 / 1024).toFixed(0),
      budgets: { seedMs: 20, largeMs: 1000 },
    },
    null,
    2,
  ),
);
