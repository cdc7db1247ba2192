import { describe, expect, it } from 'vitest';
import { checkPlanDocument } from './plan-import.service.ts';

const doc = (fileName: string, content: string | number[]) => ({
  fileName,
  mediaType: 'text/plain',
  bytes: typeof content === 'string' ? new TextEncoder().encode(content) : Uint8Array.from(content),
});

describe('checkPlanDocument', () => {
  it('lets any non-empty file within the limit through: the format is the intake contract’s to judge', () => {
    expect(() => checkPlanDocument(doc('plan.txt', '序号\t重点任务'), 1000)).not.toThrow();
    expect(() => checkPlanDocument(doc('plan.docx', [0x50, 0x4b, 3, 4]), 1000)).not.toThrow();
  });
  it('refuses empty and oversized files with the file name', () => {
    expect(() => checkPlanDocument(doc('plan.txt', ''), 1000)).toThrow(/“plan\.txt”是空的/);
    expect(() => checkPlanDocument(doc('plan.txt', 'x'.repeat(2000)), 1000)).toThrow(/上限/);
  });
});
