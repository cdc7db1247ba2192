/** Character-level normalisation shared by the parser and the directory. */

/** Full-width ASCII letters and digits (Ａ１) to half-width; other characters unchanged. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
export const CJK_CLASS = `[${CJK}]`;

/**
 * Key used to compare unit and task names: no whitespace, half-width letters and digits,
 * parentheses in one form, and no stray quotes.
 */
export function nameKey(s: string): string {
  return halfWidthAlnum(s)
    .replace(/\s+/g, '')
    .replace(/[(（]/g, '（')
    .replace(/[)）]/g, '）')
    .replace(/[,，]/g, '，')
    .replace(/[;；]/g, '；')
    .toLowerCase();
}
