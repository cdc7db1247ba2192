import type { Lang } from './messages.ts';

let current: Lang = 'zh';

/** The language for code outside React (the API client's notices); kept in step by LocaleProvider. */
export function currentLang(): Lang {
  return current;
}

export function setCurrentLang(lang: Lang): void {
  current = lang;
}
