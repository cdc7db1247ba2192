/** Character-level normalisation shared by the parser and the directory. */

/** Full-width ASCII letters and digits (Ａ１) to half-width; other characters unchanged. */
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

export function halfWidthAlnum(s: string): string {
  if (!FULL_WIDTH_ALNUM.test(s)) return s;
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
export const CJK_CLASS = `[${CJK}]`;

/**
 * Key used to compare unit and task names: no whitespace, half-width letters and digits,
 * parentheses in one form, and no stray quotes.
 */
export function nameKey(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0) continue;
    if (c === 0x28) out += '（';
    else if (c === 0x29) out += '）';
    else if (c === 0x2c) out += '，';
    else if (c === 0x3b) out += '；';
    else if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 32);
    else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff41 && c <= 0xff5a))
      out += String.fromCharCode(c - 0xfee0);
    else if (c >= 0xff21 && c <= 0xff3a) out += String.fromCharCode(c - 0xfee0 + 32);
    else out += s[i];
  }
  return out;
}
