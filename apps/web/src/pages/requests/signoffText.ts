import type { RequestSignoff } from '@lantian/contract';
import type { Translate } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { signoffMessages } from '../reporting/signoffMessages.ts';

/** How a request shows its unit's own sign-off: held, signed off (by whom, when), or returned (why). */
export function signoffText(t: Translate<typeof signoffMessages>, s: RequestSignoff): string {
  if (s.state === 'pending') return t('held');
  const who = [s.at ? formatInstant(s.at) : null, s.by].filter(Boolean).join(' · ') || '—';
  const text = s.state === 'approved' ? t('signedOff', { who }) : t('returned', { who });
  return s.comment ? t('withComment', { text, comment: s.comment }) : text;
}

export { signoffMessages };
