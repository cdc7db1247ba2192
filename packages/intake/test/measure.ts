/**
 * Proof of the bound "refused within 1 s and 100 MB of memory": the file is opened in a fresh
 * Node process (refusal-child.ts), so nothing else this test run allocates or computes is counted, and
 * the child reports the CPU time of the call (not the wall clock, which a loaded shared machine
 * stretches) and the growth of its peak RSS during the call (all memory, heap and buffers alike).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Measured {
  code?: string;
  message?: string;
  crash?: string;
  cpuMs: number;
  peakGrowth: number;
  peakReset: boolean;
}

const CHILD = fileURLToPath(new URL('./refusal-child.ts', import.meta.url));

export async function measureOpening(bytes: Uint8Array, fileName: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-refusal-'));
  const file = join(dir, 'input');
  writeFileSync(file, bytes);
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '-C', '@lantian/source', '--import', 'tsx', CHILD, file, fileName],
        { encoding: 'utf8', timeout: 60_000 },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      ),
    );
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Measured;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const MB = 1024 * 1024;
