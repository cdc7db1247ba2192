/**
 * Run in a child process by measure.ts: opens one file with parsePlanFile and prints, as one JSON
 * line, how it ended and what it cost: CPU time (user + system, every thread of the process) and the
 * peak resident memory reached during the call above the resident memory just before it.
 *
 * The peak is the kernel's high-water mark (VmHWM), reset to the current RSS right before the call by
 * writing 5 to /proc/self/clear_refs, so it covers every allocation (V8 heap AND the ArrayBuffers that
 * inflated bytes live in, which a worker's heap limit would not see). Where the reset is not possible
 * the lifetime peak is used instead, which can only overstate the growth.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PlanParseError } from '@lantian/core';
import { parsePlanFile } from '../src/index.ts';

const [file, fileName] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));

function status(key: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const kb = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

(globalThis as { gc?: () => void }).gc?.();
let peakReset = false;
try {
  writeFileSync('/proc/self/clear_refs', '5');
  peakReset = status('VmHWM') !== undefined;
} catch {
  peakReset = false;
}
const before = status('VmRSS') ?? process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
let outcome: { code?: string; message?: string; crash?: string } = {};
try {
  await parsePlanFile(bytes, { fileName });
} catch (e) {
  outcome = e instanceof PlanParseError ? { code: e.code, message: e.message } : { crash: String(e) };
}
const cpu = process.cpuUsage(cpu0);
const peak = (peakReset ? status('VmHWM') : undefined) ?? process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ ...outcome, cpuMs: (cpu.user + cpu.system) / 1000, peakGrowth: peak - before, peakReset })}\n`,
);
