import { Progress } from 'antd';
import { useT } from '../i18n/LocaleProvider.tsx';
import { supervisionMessages } from './supervisionMessages.ts';

/** Progress 0…1 as a small bar with its percentage; `width` keeps table columns steady. */
export function ProgressBar({ value, width = 120 }: { value: number; width?: number }) {
  const t = useT(supervisionMessages);
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <Progress
      percent={percent}
      size="small"
      style={{ width, margin: 0 }}
      status={percent >= 100 ? 'success' : 'normal'}
      aria-label={t('progressOf', { n: percent })}
    />
  );
}

/** Progress as text for exports: `45%`. */
export const percentText = (value: number) => `${Math.round(Math.max(0, Math.min(1, value)) * 100)}%`;
