import type { BoardRow } from '@lantian/contract';
import { Typography } from 'antd';
import { ClampText } from '../../components/ClampText.tsx';
import { ReasonList, reasonText } from '../../components/LightTag.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { boardMessages } from './messages.ts';

/**
 * A board item's reasons: one line in the table (the first reason and how many more), the full list in
 * the item's details. Every place the board shows reasons goes through here.
 */
export function ReasonLine({ row }: { row: Pick<BoardRow, 'reasons' | 'light'> }) {
  const t = useT(boardMessages);
  const { lang } = useLocale();
  const [first, ...rest] = row.reasons;
  if (!first) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = reasonText(first, lang);
  return (
    <ClampText title={row.reasons.map((r) => reasonText(r, lang)).join('\n')}>
      {text}
      {rest.length > 0 && (
        <Typography.Text type="secondary">{t('moreReasons', { n: rest.length })}</Typography.Text>
      )}
    </ClampText>
  );
}

export function ReasonDetails({ row }: { row: Pick<BoardRow, 'reasons' | 'light'> }) {
  return <ReasonList reasons={row.reasons} light={row.light} max={8} />;
}

/** The reasons as export text, one per line. */
export const reasonsText = (row: Pick<BoardRow, 'reasons'>, lang: 'zh' | 'en') =>
  row.reasons.map((x) => reasonText(x, lang)).join('\n');
