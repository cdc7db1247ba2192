import { useT } from '../i18n/LocaleProvider.tsx';
import { supervisionMessages } from './supervisionMessages.ts';

/**
 * Progress 0…1 as a small bar with its percentage; `width` keeps table columns steady. Plain elements
 * rather than antd's Progress: tables show dozens of them on their first paint (issue #12 item 3).
 */
export function ProgressBar({ value, width = 120 }: { value: number; width?: number }) {
  const t = useT(supervisionMessages);
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className="progress-bar"
      style={{ width }}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={t('progressOf', { n: percent })}
    >
      <span className="progress-bar__track">
        <span
          className={`progress-bar__fill${percent >= 100 ? ' progress-bar__fill--done' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </span>
      <span className="progress-bar__text">{percent}%</span>
    </div>
  );
}

/** Progress as text for exports: `45%`. */
export const percentText = (value: number) => `${Math.round(Math.max(0, Math.min(1, value)) * 100)}%`;
