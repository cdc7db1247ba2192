import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/feedback.tsx';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { commonMessages } from './messages.ts';

export function LoadingState({ rows = 6 }: { rows?: number }) {
  const t = useT(commonMessages);
  return (
    <div role="status" aria-busy="true" aria-label={t('loading')}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

/** A failed load: what happened, in the server's words, and what to do about it. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonMessages);
  const { lang } = useLocale();
  const status = error instanceof ApiError ? error.status : 0;
  const hint = status === 403 ? t('forbiddenHint') : status === 404 ? t('notFoundHint') : t('errorHint');
  return (
    <Result
      status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
      title={t('errorTitle')}
      subTitle={
        <>
          <div role="alert">{errorText(error, lang)}</div>
          <div>{hint}</div>
        </>
      }
      extra={
        onRetry &&
        status !== 403 &&
        status !== 404 && (
          <Button type="primary" onClick={onRetry}>
            {t('retry')}
          </Button>
        )
      }
    />
  );
}

/** Nothing to show yet: says why, and what to do. */
export function EmptyState({
  title,
  description,
  action,
}: {
  title?: ReactNode;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          {title && <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>}
          <div style={{ maxWidth: 520, margin: '0 auto' }}>{description}</div>
        </>
      }
    >
      {action}
    </Empty>
  );
}
