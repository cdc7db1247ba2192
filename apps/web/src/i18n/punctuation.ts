/**
 * Punctuation that follows the language: Chinese text takes full-width brackets and colons, English
 * half-width ones with a space (`单位（牵头）` / `Unit (lead)`). Texts that join words in code use these.
 */
import { currentLang } from './current.ts';
import type { Lang } from './messages.ts';

/** `a（b）` in Chinese, `a (b)` in English. */
export function paren(text: string, inner: string, lang: Lang = currentLang()): string {
  return lang === 'zh' ? `${text}（${inner}）` : `${text} (${inner})`;
}

/** `a：b` in Chinese, `a: b` in English. */
export function colon(label: string, value: string, lang: Lang = currentLang()): string {
  return lang === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}

/** A list: `甲、乙` in Chinese, `a, b` in English. */
export function listOf(items: readonly string[], lang: Lang = currentLang()): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}
