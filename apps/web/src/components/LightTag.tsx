import type { Light } from '@lantian/contract';
import { type ReasonFacts, reasonText as wordReason } from '@lantian/core';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { colon } from '../i18n/punctuation.ts';
import { todayIso } from '../lib/time.ts';
import { supervisionMessages } from './supervisionMessages.ts';

/** One colour per light everywhere (tags, charts, exports). */
export const LIGHT_COLORS: Record<Light, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  done: 'default',
};
export const LIGHT_HEX: Record<Light, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#ff4d4f',
  done: '#8c8c8c',
};
/** Most severe first. */
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'done'];

type Named = ReasonFacts;

/** A reason in the reader's language, its days counted as of today (the server stores facts only). */
export function reasonText(r: Named, lang: 'zh' | 'en'): string {
  return wordReason(r, lang, todayIso());
}

/** A stable key for a reason in a list. */
const keyOf = (r: Named) => `${r.code}|${r.due ?? ''}|${r.period ?? ''}|${r.from ?? ''}`;

/**
 * The reasons in words, one per line (for expanded rows, cards and tooltips). A year of missed reports
 * makes a long list: the first `max` show, the rest behind a toggle.
 */
export function ReasonList({
  reasons,
  light,
  max = 5,
}: {
  reasons: readonly Named[];
  light?: Light;
  max?: number;
}) {
  const t = useT(supervisionMessages);
  const { lang } = useLocale();
  const [all, setAll] = useState(false);
  if (reasons.length === 0) {
    return (
      <Typography.Text type="secondary">
        {light === 'done' ? t('doneHint') : light === 'green' ? t('greenHint') : t('noReasons')}
      </Typography.Text>
    );
  }
  const shown = all ? reasons : reasons.slice(0, max);
  return (
    <div>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {shown.map((r) => (
          <li key={keyOf(r)}>{reasonText(r, lang)}</li>
        ))}
      </ul>
      {reasons.length > max && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setAll(!all)}
          aria-expanded={all}
        >
          {all ? t('reasonsLess') : t('reasonsMore', { n: reasons.length - max })}
        </Button>
      )}
    </div>
  );
}

/**
 * 预警灯 as a coloured tag. With reasons, hovering or focusing it (Tab) shows them in words, and its
 * accessible name carries them too.
 */
export function LightTag({ light, reasons = [] }: { light: Light; reasons?: readonly Named[] }) {
  const t = useT(supervisionMessages);
  const { lang } = useLocale();
  const label = t(light);
  const tag = (
    <Tag color={LIGHT_COLORS[light]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
  if (reasons.length === 0) return tag;
  return (
    <Tooltip title={<TooltipReasons reasons={reasons} />} trigger={['hover', 'focus']}>
      {/* A button so that keyboard users reach it (Tab) and hear the reasons; it does nothing else. */}
      <button
        type="button"
        className="light-tag-trigger"
        aria-label={colon(
          label,
          summary(reasons, lang, t('reasonsAndMore', { n: reasons.length - 3 })),
          lang,
        )}
      >
        {tag}
      </button>
    </Tooltip>
  );
}

/** The first three reasons, and how many more: an accessible name must stay short. */
function summary(reasons: readonly Named[], lang: 'zh' | 'en', more: string): string {
  const first = reasons.slice(0, 3).map((r) => reasonText(r, lang));
  return `${first.join('；')}${reasons.length > 3 ? `；${more}` : ''}`;
}

function TooltipReasons({ reasons }: { reasons: readonly Named[] }) {
  const t = useT(supervisionMessages);
  const { lang } = useLocale();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {reasons.slice(0, 6).map((r) => (
        <li key={keyOf(r)}>{reasonText(r, lang)}</li>
      ))}
      {reasons.length > 6 && <li>{t('reasonsAndMore', { n: reasons.length - 6 })}</li>}
    </ul>
  );
}
