import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setCurrentLang } from './current.ts';
import { format, type Lang, type Messages } from './messages.ts';

const STORAGE_KEY = 'lantian.lang';

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage may be disabled (private mode, policy): Chinese is the default.
  }
  return 'zh';
}

interface LocaleValue {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LocaleContext = createContext<LocaleValue>({ lang: 'zh', setLang: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
  }, []);
  // Set before children render so dates formatted in this render already use the language.
  const dayjsLocale = lang === 'zh' ? 'zh-cn' : 'en';
  if (dayjs.locale() !== dayjsLocale) dayjs.locale(dayjsLocale);
  setCurrentLang(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  return useContext(LocaleContext);
}

export type Translate<M extends Messages> = (
  key: keyof M & string,
  vars?: Record<string, string | number>,
) => string;

/** Translator bound to one feature's dictionary and the current language. */
export function useT<M extends Messages>(messages: M): Translate<M> {
  const { lang } = useLocale();
  return useCallback(
    (key: keyof M & string, vars?: Record<string, string | number>) => format(messages[key][lang], vars),
    [messages, lang],
  );
}
