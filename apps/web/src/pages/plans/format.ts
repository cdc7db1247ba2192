import type { Target } from '@lantian/contract';
import type { Lang } from '../../i18n/messages.ts';

const SYMBOL: Record<Target['comparison'], { zh: string; en: string }> = {
  at_least: { zh: '不少于', en: 'at least' },
  at_most: { zh: '不超过', en: 'at most' },
  about: { zh: '约', en: 'about' },
  exactly: { zh: '', en: '' },
  reduce_by: { zh: '减少', en: 'reduce by' },
  increase_by: { zh: '增加', en: 'increase by' },
};

/** A target in words: `同比减少 10%`, `不少于 180 万辆次`, `at least 180 万辆次`. */
export function formatTarget(
  t: Pick<Target, 'comparison' | 'value' | 'unit' | 'yearOnYear'>,
  lang: Lang,
): string {
  const value =
    `${t.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}${t.unit === '%' ? '' : ' '}${t.unit}`.trim();
  const word = SYMBOL[t.comparison][lang];
  if (lang === 'zh') return `${t.yearOnYear ? '同比' : ''}${word}${word ? ' ' : ''}${value}`;
  return `${word}${word ? ' ' : ''}${value}${t.yearOnYear ? ' year on year' : ''}`;
}
