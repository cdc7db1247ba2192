import { describe, expect, it } from 'vitest';
import { checkPlanDocument } from './plan-import.service.ts';

const doc = (fileName: string, bytes: number[] | string) => ({
  fileName,
  mediaType: 'application/octet-stream',
  bytes: typeof bytes === 'string' ? Buffer.from(bytes) : Uint8Array.from(bytes),
});

describe('checkPlanDocument', () => {
  it('accepts text tables', () => {
    expect(() => checkPlanDocument(doc('plan.txt', '序号\t重点任务'), 1000)).not.toThrow();
    expect(() => checkPlanDocument(doc('plan.CSV', 'a,b'), 1000)).not.toThrow();
  });
  it('refuses Office, macro, PDF and unknown formats, and says what to do', () => {
    expect(() => checkPlanDocument(doc('plan.txt', [0x50, 0x4b, 3, 4]), 1000)).toThrow(/另存为文本/);
    expect(() => checkPlanDocument(doc('plan.txt', [0xd0, 0xcf, 0x11, 0xe0]), 1000)).toThrow(/xls/);
    expect(() => checkPlanDocument(doc('plan.docm', 'text'), 1000)).toThrow(/\.docm/);
    expect(() => checkPlanDocument(doc('plan.exe', 'text'), 1000)).toThrow(/\.exe/);
  });
  it('refuses empty and oversized files', () => {
    expect(() => checkPlanDocument(doc('plan.txt', ''), 1000)).toThrow(/空/);
    expect(() => checkPlanDocument(doc('plan.txt', 'x'.repeat(2000)), 1000)).toThrow(/上限/);
  });
});
