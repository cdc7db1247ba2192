import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { specFromText, toDocx, toXlsx } from '../../../packages/intake/test/writers.ts';
import { main } from '../src/cli/main.ts';
import { DEMO_PLAN_FILE } from '../src/modules/demo/demo.service.ts';
import { cliIo } from './helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-cli-files-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('lantian plan parse takes Word and Excel files', () => {
  it('prints the same tasks for the demo plan as .txt, .docx and .xlsx', async () => {
    const text = cliIo({});
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE], text)).toBe(0);
    const spec = specFromText(fs.readFileSync(DEMO_PLAN_FILE));
    for (const [name, bytes] of [
      ['plan.docx', await toDocx(spec)],
      ['plan.xlsx', await toXlsx(spec)],
    ] as const) {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      const io = cliIo({});
      expect(await main(['plan', 'parse', file, '--year', '2022'], io)).toBe(0);
      const plan = JSON.parse(io.out());
      expect(plan.source.format).toBe(name.slice(-4));
      const key = (tasks: { no: number; name: string; section: string }[]) =>
        tasks.map((t) => [t.no, t.name, t.section]);
      expect(key(plan.tasks)).toEqual(key(JSON.parse(text.out()).tasks));
      expect(plan.tasks).toHaveLength(24);
    }
  });

  it('exits 2 with the reason for a legacy .doc', async () => {
    const file = path.join(tmp, 'old.doc');
    fs.writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const io = cliIo({});
    expect(await main(['plan', 'parse', file], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/另存为/);
  });
});
