import { Result } from 'antd';
import { homePath } from '../auth/access.ts';
import { LinkButton } from '../components/LinkButton.tsx';
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
        <LinkButton to={homePath(me)} type="primary">
          {t('backHome')}
        </LinkButton>
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
        <LinkButton to={homePath(me)} type="primary">
          {t('backHome')}
        </LinkButton>
      }
    />
  );
}
