import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { homePath } from '../auth/access.ts';
import { useT } from '../i18n/LocaleProvider.tsx';
import { useCurrentUser } from './MeContext.ts';
import { navMessages } from './messages.ts';

export function Forbidden() {
  const t = useT(navMessages);
  const me = useCurrentUser();
  return (
    <Result
      status="403"
      title={t('forbiddenTitle')}
      subTitle={t('forbiddenBody')}
      extra={
        <Link to={homePath(me)}>
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT(navMessages);
  const me = useCurrentUser();
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={t('notFoundBody')}
      extra={
        <Link to={homePath(me)}>
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
