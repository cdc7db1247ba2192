import { Segmented } from 'antd';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { Lang } from '../i18n/messages.ts';

/** 中文 / English switch; the choice is kept in the browser. */
export function LangSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang } = useLocale();
  return (
    <Segmented<Lang>
      size={size}
      aria-label="语言 / Language"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
