import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED = fileURLToPath(new URL('../packages/core/seeds/beijing-air-2022.txt', import.meta.url));

/**
 * A plan of about `measures` measures in the seed's own layout: the seed's table repeated with its
 * tasks renumbered, section rows and page-break header rows included.
 */
export function generatePlan(measures: number): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const headerAt = lines.findIndex((l) => l.startsWith('序号\t'));
  const head = lines.slice(0, headerAt + 1);
  const body = lines.slice(headerAt + 1);
  const copies = Math.ceil(measures / 60);
  const out = [...head];
  for (let c = 0; c < copies; c++) {
    for (const line of body) {
      out.push(line.replace(/^(\d+)\t/, (_, n: string) => `${Number(n) + c * 24}\t`));
    }
  }
  return out.join('\n');
}
