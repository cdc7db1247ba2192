import { describe, expect, it } from 'vitest';
import { scopeOf, sharesToSave, sharesTotal } from './targetScope.ts';

describe('a target’s scope in the review', () => {
  it('reads the decision in force and who made it', () => {
    const rule = {
      cityWide: true,
      decidedBy: 'rule' as const,
      ruleCityWide: true,
      ruleReason: 'TOTAL_WORDING',
      ruleCue: '共完成',
    };
    expect(scopeOf({ scope: rule })).toEqual({ kind: 'city', byOffice: false });
    expect(scopeOf({ scope: { ...rule, cityWide: false, decidedBy: 'office' } })).toEqual({
      kind: 'unit',
      byOffice: true,
    });
    expect(scopeOf({ cityWide: true })).toEqual({ kind: 'city', byOffice: false });
    expect(scopeOf({})).toEqual({ kind: 'unit', byOffice: false });
  });

  it('keeps the shares typed, leaves blanks out and refuses negatives', () => {
    expect(sharesToSave({ a: 100, b: null, c: undefined, d: 0 })).toEqual({
      shares: [
        { unitId: 'a', value: 100 },
        { unitId: 'd', value: 0 },
      ],
      invalid: [],
    });
    expect(sharesToSave({ a: -1, b: Number.NaN }).invalid).toEqual(['a', 'b']);
  });

  it('says when the shares do not add up to the target', () => {
    expect(sharesTotal(230, [{ value: 100 }, { value: 130 }])).toEqual({
      total: 230,
      differs: false,
      gap: 0,
    });
    expect(sharesTotal(230, [{ value: 100 }, { value: 80 }])).toEqual({ total: 180, differs: true, gap: 50 });
    expect(sharesTotal(230, [])).toEqual({ total: 0, differs: false, gap: 230 });
    expect(sharesTotal(0.3, [{ value: 0.1 }, { value: 0.2 }]).differs).toBe(false);
  });
});
