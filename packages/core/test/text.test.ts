import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PlanParseError } from '../src/index.ts';
import { cleanText } from '../src/text/clean.ts';
import { decodeText } from '../src/text/decode.ts';

describe('cleaning measure text', () => {
  it('repairs extraction artefacts and reports them', () => {
    const r = cleanText('完成氮氧化物(NO _x)减排，开展 PM _{2.5} 研究，SO<sub>2</sub> 与 NOₓ，6 月底前完成');
    expect(r.text).toBe('完成氮氧化物（NOx）减排，开展PM2.5研究，SO2与NOx，6月底前完成');
    expect(r.repairs.map((x) => x.kind)).toEqual([
      'subscript',
      'subscript',
      'subscript',
      'subscript',
      'date_spacing',
    ]);
  });

  it('keeps paragraphs and makes punctuation full-width in Chinese text', () => {
    expect(cleanText('<p>第一段,内容;结束</p> <p>第二段</p>').text).toBe('第一段，内容；结束\n第二段');
    expect(cleanText('明确目标措施。 9月底前,修订政策').text).toBe('明确目标措施。\n9月底前，修订政策');
    expect(cleanText('共 1,000 户, 时间10:30').text).toBe('共1,000户，时间10:30');
    expect(cleanText('ＶＯＣｓ排放１０％').text).toBe('VOCs排放10%');
  });
});

describe('decoding uploaded bytes', () => {
  const text = '序号\t重点任务\n1\t空气质量改善目标';
  it('reads UTF-8 with and without a BOM, GB18030 and UTF-16', () => {
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]))).toEqual({
      text,
      encoding: 'utf-16le',
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'EMPTY_FILE'],
    ['an xlsx', Buffer.from('PK\x03\x04rest', 'latin1'), 'BINARY_FILE'],
    ['a PDF', Buffer.from('%PDF-1.7'), 'BINARY_FILE'],
    ['binary', Buffer.from([1, 2, 0, 4]), 'BINARY_FILE'],
    [
      'invalid in every encoding',
      Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xff, 0xff]),
      'ENCODING_UNKNOWN',
    ],
  ])('refuses %s with a clear error', (_what, bytes, code) => {
    expect(() => decodeText(bytes)).toThrow(PlanParseError);
    try {
      decodeText(bytes);
    } catch (e) {
      expect((e as PlanParseError).code).toBe(code);
      expect((e as PlanParseError).message.length).toBeGreaterThan(5);
      if (code === 'ENCODING_UNKNOWN') expect((e as PlanParseError).line).toBe(3);
    }
  });
});
