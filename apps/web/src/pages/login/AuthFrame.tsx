import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { authMessages } from '../../auth/messages.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';

/** The frame of the pages before the workspace: login and the forced password change. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT(authMessages);
  return (
    <Flex vertical align="center" justify="center" className="auth-frame">
      <div className="auth-frame__lang">
        <LangSwitch size="small" />
      </div>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
        <Flex align="center" gap={12}>
          <span className="brand-mark" aria-hidden>
            蓝
          </span>
          <span className="auth-frame__name">{t('appName')}</span>
        </Flex>
        <span className="auth-frame__subtitle">{t('appSubtitle')}</span>
      </Flex>
      <Card title={<h1 className="card-heading">{title}</h1>} className="auth-frame__card">
        {children}
      </Card>
    </Flex>
  );
}
