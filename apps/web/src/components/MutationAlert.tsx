import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/feedback.tsx';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { supervisionMessages } from './supervisionMessages.ts';

export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * A failed action, said in place: the server's message; for a 409 (someone changed the record since it
 * was loaded) what that means and a button to reload, with `children` for what the user must not lose.
 */
export function MutationAlert({
  error,
  onReload,
  children,
}: {
  error: unknown;
  onReload?: () => void;
  children?: ReactNode;
}) {
  const t = useT(supervisionMessages);
  const { lang } = useLocale();
  if (!error) return null;
  if (isConflict(error)) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t('conflictTitle')}
        description={
          <>
            <div>{t('conflictBody')}</div>
            {children}
          </>
        }
        action={
          onReload && (
            <Button size="small" type="primary" onClick={onReload}>
              {t('reloadLatest')}
            </Button>
          )
        }
      />
    );
  }
  return <Alert type="error" showIcon role="alert" title={errorText(error, lang)} />;
}
