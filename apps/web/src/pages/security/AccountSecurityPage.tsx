import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { getFeedback } from '../../api/feedback.tsx';
import {
  endMySession,
  factorActions,
  securityKeys,
  useFactorStatus,
  useMySessions,
} from '../../api/security.ts';
import { meKey } from '../../auth/session.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { securityMessages } from './messages.ts';
import { RecoveryCodes } from './SecondFactorPage.tsx';
import { SessionsTable } from './SessionsTable.tsx';

/** The second factor of one's own account: status, turning it on, new recovery codes. */
function FactorCard() {
  const t = useT(securityMessages);
  const navigate = useNavigate();
  const status = useFactorStatus();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const regenerate = useMutation({
    mutationFn: factorActions.regenerate,
    onSuccess(res) {
      setCodes(res.recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: securityKeys.factor });
    },
  });
  const reenrol = useMutation({
    mutationFn: factorActions.reset,
    async onSuccess() {
      await queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: securityKeys.factor });
      navigate('/second-factor?next=/account/security');
    },
  });
  const body = () => {
    if (status.isPending) return <LoadingState />;
    if (status.isError) return <ErrorState error={status.error} onRetry={() => status.refetch()} />;
    const s = status.data;
    if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
    if (!s.enrolled) {
      return (
        <Flex vertical gap={12} align="flex-start">
          <Space>
            <Tag>{t('factorOff')}</Tag>
            {s.required && <Tag color="orange">{t('factorRequiredTag')}</Tag>}
          </Space>
          <Button type="primary" onClick={() => navigate('/second-factor?next=/account/security')}>
            {t('factorEnable')}
          </Button>
        </Flex>
      );
    }
    return (
      <Flex vertical gap={12}>
        <Space wrap>
          <Tag color="green">{t('enrolled')}</Tag>
          <Typography.Text>
            {t('factorOn', {
              date: s.confirmedAt ? formatInstant(s.confirmedAt, 'YYYY-MM-DD') : '',
              left: s.recoveryCodesLeft,
            })}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('regenerateHelp')}</Typography.Text>
        <Form<{ code: string }>
          layout="inline"
          name="regenerate"
          onFinish={(v) => regenerate.mutate(v.code.trim())}
          disabled={regenerate.isPending}
        >
          <Form.Item
            name="code"
            rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('codeRequired') }]}
          >
            <Input aria-label={t('firstCode')} placeholder="123456" inputMode="numeric" maxLength={7} />
          </Form.Item>
          <Button htmlType="submit" loading={regenerate.isPending}>
            {t('regenerate')}
          </Button>
        </Form>
        <Typography.Text type="secondary">{t('reenrolHelp')}</Typography.Text>
        <Form<{ code: string }>
          layout="inline"
          name="reenrol"
          onFinish={(v) => reenrol.mutate(v.code.trim())}
          disabled={reenrol.isPending}
        >
          <Form.Item name="code" rules={[{ required: true, min: 6, message: t('codeRequired') }]}>
            <Input aria-label={t('reenrolCode')} placeholder="123456" maxLength={20} />
          </Form.Item>
          <Button htmlType="submit" danger loading={reenrol.isPending}>
            {t('reenrol')}
          </Button>
        </Form>
        {reenrol.isError && <Alert type="error" showIcon message={(reenrol.error as Error).message} />}
        <Typography.Text type="secondary">{t('lostPhone')}</Typography.Text>
      </Flex>
    );
  };
  return (
    <Card size="small" title={<h2 className="card-heading">{t('factorCard')}</h2>}>
      {body()}
    </Card>
  );
}

/** 我的会话: every live session of the account, with device, address and last seen; end any. */
function MySessionsCard() {
  const t = useT(securityMessages);
  const sessions = useMySessions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const end = useMutation({
    mutationFn: (s: { id: string; current: boolean }) => endMySession(s.id),
    async onSuccess(_, s) {
      getFeedback()?.message.success(t('ended'));
      if (s.current) {
        await navigate('/login?loggedOut=1', { replace: true });
        queryClient.clear();
        return;
      }
      void queryClient.invalidateQueries({ queryKey: securityKeys.sessions });
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('sessionsCard')}</h2>}>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <Alert type="info" showIcon title={t('sessionsHelp', { limit: sessions.data.limit })} />
          <SessionsTable
            sessions={sessions.data.sessions}
            own
            ending={end.isPending}
            onEnd={(s) => end.mutate(s)}
          />
        </Flex>
      )}
    </Card>
  );
}

export function AccountSecurityPage() {
  const t = useT(securityMessages);
  return (
    <Page title={t('securityTitle')} subtitle={t('securitySubtitle')}>
      <FactorCard />
      <MySessionsCard />
    </Page>
  );
}
