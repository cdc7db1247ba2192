import { describe, expect, it } from 'vitest';
import { measureNo } from './measure-no.ts';
import { sentence } from './sentence.ts';

describe('notification wording', () => {
  it('writes measure numbers as the plan does', () => {
    expect(measureNo(7, 2)).toBe('7.2');
  });
  it('ends a comment with one full stop', () => {
    expect(sentence('请附检测报告扫描件。')).toBe('请附检测报告扫描件。');
    expect(sentence('请附检测报告扫描件')).toBe('请附检测报告扫描件。');
    expect(sentence('Why?')).toBe('Why?');
    expect(sentence('  ')).toBe('');
  });
});
