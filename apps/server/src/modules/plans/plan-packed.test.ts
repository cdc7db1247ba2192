import { beijingDirectory } from '@lantian/core';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../../../../bench/generate-plan.ts';
import { UNPACK_SLICE, unpackPlan } from './plan-packed.ts';
import { parseJob } from './plan-parse.worker.ts';

describe('a plan packed by the parse worker', () => {
  it('unpacks, slice by slice, to the very plan the parser made, and its JSON text reads back the same', async () => {
    const bytes = new TextEncoder().encode(generatePlan(2 * UNPACK_SLICE + 7));
    const job = { bytes, fileName: 'big.txt', directory: beijingDirectory };
    const plain = await parseJob(job);
    const packed = await parseJob({ ...job, pack: true });
    if (!('plan' in plain) || !('packed' in packed)) throw new Error('parse failed');
    expect(plain.plan.measures.length).toBeGreaterThan(2 * UNPACK_SLICE);
    expect(packed.packed.count).toBe(plain.plan.measures.length);
    const { plan, json } = await unpackPlan(packed.packed);
    expect(plan).toEqual(plain.plan);
    expect(JSON.parse(json)).toEqual(plain.plan);
  });

  it('refuses a packed plan that lost measures on the way', async () => {
    const head = JSON.stringify({ title: 't' });
    await expect(unpackPlan({ head, measures: '{"task":1}', count: 2 })).rejects.toThrow(/不完整/);
    const empty = await unpackPlan({ head, measures: '', count: 0 });
    expect(empty.plan.measures).toEqual([]);
    expect(JSON.parse(empty.json)).toEqual({ title: 't', measures: [] });
  });
});
