import { describe, expect, it } from 'vitest';
import { formatTarget } from './format.ts';

describe('formatTarget', () => {
  it('writes targets the way the plan does', () => {
    expect(formatTarget({ comparison: 'reduce_by', value: 10, unit: '%', yearOnYear: true }, 'zh')).toBe(
      '同比减少 10%',
    );
    expect(
      formatTarget({ comparison: 'at_least', value: 180, unit: '万辆次', yearOnYear: false }, 'zh'),
    ).toBe('不少于 180 万辆次');
    expect(
      formatTarget({ comparison: 'about', value: 5, unit: '吨/平方公里·月', yearOnYear: false }, 'en'),
    ).toBe('about 5 吨/平方公里·月');
    expect(formatTarget({ comparison: 'exactly', value: 1000, unit: '户', yearOnYear: false }, 'zh')).toBe(
      '1,000 户',
    );
  });
});
