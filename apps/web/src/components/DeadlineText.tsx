import { WarningOutlined } from '@ant-design/icons';
import type { Deadline } from '@lantian/contract';
import { Tooltip, Typography } from 'antd';
import type { Translate } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/LocaleProvider.tsx';
import { commonMessages } from './messages.ts';

type T = Translate<typeof commonMessages>;

/** The resolved meaning of a deadline in words, for tables and exports: `2022-06-30`, `06-01 至 09-30`. */
export function deadlineMeaning(d: Deadline, t: T): string {
  if (d.kind === 'ongoing') {
    const rhythm = d.recurrence
      ? t(`recurrence${d.recurrence[0]?.toUpperCase()}${d.recurrence.slice(1)}` as 'recurrenceMonthly')
      : '';
    return [t('kindOngoing'), rhythm].filter(Boolean).join(' · ');
  }
  if (d.kind === 'period' && d.start && d.end) return t('dateRange', { start: d.start, end: d.end });
  return d.due ?? '';
}

/** 完成时限 as written, with the date it means underneath. */
export function DeadlineText({ deadline }: { deadline: Deadline }) {
  const t = useT(commonMessages);
  const meaning = deadlineMeaning(deadline, t);
  return (
    <span>
      <span>{deadline.raw}</span>
      {deadline.assumed && (
        <Tooltip title={t('deadlineAssumed')}>
          <WarningOutlined
            style={{ color: '#d46b08', marginInlineStart: 4 }}
            aria-label={t('deadlineAssumed')}
          />
        </Tooltip>
      )}
      {meaning && meaning !== deadline.raw && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {meaning}
        </Typography.Text>
      )}
    </span>
  );
}
