import { describe, expect, it } from 'vitest';
import { highlightParts, matchesAll, searchTerms } from './search.ts';

describe('search', () => {
  it('matches Chinese substrings across spacing and width differences', () => {
    const text = '推进低 VOCs 含量产品源头替代，６月底前完成';
    expect(matchesAll(searchTerms('低VOCs含量'), [text])).toBe(true);
    expect(matchesAll(searchTerms('vocs 6月底前'), [text])).toBe(true);
    expect(matchesAll(searchTerms('柴油车'), [text])).toBe(false);
  });
  it('requires every term, in any of the texts', () => {
    expect(matchesAll(searchTerms('延庆区 扬尘'), ['延庆区政府', '施工扬尘'])).toBe(true);
    expect(matchesAll(searchTerms('延庆区 柴油'), ['延庆区政府', '施工扬尘'])).toBe(false);
  });
  it('highlights the original characters of a match', () => {
    const parts = highlightParts('低 VOCs 含量', searchTerms('vocs含量'));
    expect(parts).toEqual([
      { text: '低 ', match: false },
      { text: 'VOCs 含量', match: true },
    ]);
  });
});
