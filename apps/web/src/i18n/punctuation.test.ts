import { describe, expect, it } from 'vitest';
import { colon, listOf, paren } from './punctuation.ts';

describe('punctuation by language', () => {
  it('uses full-width marks in Chinese and half-width ones with a space in English', () => {
    expect(paren('市交通委', '牵头', 'zh')).toBe('市交通委（牵头）');
    expect(paren('Target value', '≥ 230', 'en')).toBe('Target value (≥ 230)');
    expect(colon('单位', '甲', 'zh')).toBe('单位：甲');
    expect(colon('Unit', 'A', 'en')).toBe('Unit: A');
    expect(listOf(['甲', '乙'], 'zh')).toBe('甲、乙');
    expect(listOf(['a', 'b'], 'en')).toBe('a, b');
  });
});
