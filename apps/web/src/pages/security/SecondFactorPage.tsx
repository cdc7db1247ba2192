import type { EnrolmentResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/feedback.tsx';
import { factorActions, securityKeys, useFactorStatus } from '../../api/security.ts';
import { homePath, safeNext } from '../../auth/access.ts';
import { meKey, useMe } from '../../auth/session.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { AuthFrame } from '../login/AuthFrame.tsx';
import { securityMessages } from './messages.ts';

/** Shows recovery codes once, with a button to go on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const t = useT(securityMessages);
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('recoveryTitle')} description={t('recoveryIntro')} />
      <ol className="recovery-codes" aria-label={t('recoveryTitle')}>
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code copyable>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Button type="primary" onClick={onDone}>
        {t('recoverySaved')}
      </Button>
    </Flex>
  );
}

/**
 * Enrolment of the TOTP factor: the server makes the secret; the page shows its QR code and the key
 * to type, takes a first code, then shows the recovery codes once. Forced after the password for the
 * roles that must have it; reached from 账户安全 otherwise.
 */
export function SecondFactorPage() {
  const t = useT(securityMessages);
  const { lang } = useLocale();
  usePageTitle(t('enrolTitle'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  // After a reset by the security administrator: who reset the factor, when, and why.
  const factor = useFactorStatus();
  const reset = factor.data?.reset ?? null;
  const [enrolment, setEnrolment] = useState<EnrolmentResponse | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: factorActions.start,
    meta: { silent: true },
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: factorActions.confirm,
    meta: { silent: true },
    onSuccess(res) {
      setCodes(res.recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: securityKeys.factor });
    },
  });

  if (me.isPending) {
    return (
      <AuthFrame title={t('enrolTitle')}>
        <Skeleton active />
      </AuthFrame>
    );
  }
  if (me.isError)
    return <Navigate to={`/login?${new URLSearchParams({ next: '/second-factor' })}`} replace />;
  if (me.data.mustChangePassword) return <Navigate to="/password?next=/second-factor" replace />;
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: meKey });
    const fresh = queryClient.getQueryData<typeof me.data>(meKey) ?? me.data;
    navigate(next ?? homePath(fresh), { replace: true });
  };
  if (me.data.secondFactor.enrolled && !codes) {
    return (
      <AuthFrame title={t('enrolTitle')}>
        <Alert type="success" showIcon title={t('enrolled')} style={{ marginBottom: 16 }} />
        <Button type="primary" block onClick={done}>
          {t('continue')}
        </Button>
      </AuthFrame>
    );
  }
  const failed = confirm.isError ? confirm : start.isError ? start : null;

  return (
    <AuthFrame title={t('enrolTitle')}>
      {reset && !codes && (
        <Alert
          type="warning"
          showIcon
          data-testid="factor-reset-notice"
          style={{ marginBottom: 16 }}
          title={t(reset.byName ? 'resetBy' : 'resetOnServer', {
            name: reset.byName ?? '',
            time: formatInstant(reset.at),
            reason: reset.reason,
          })}
        />
      )}
      {me.data.secondFactor.mustEnrol && !codes && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('enrolRequired')} />
      )}
      {failed?.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorText(failed.error, lang)}
        />
      )}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={done} />
      ) : enrolment ? (
        <Flex vertical gap={12}>
          <p>{t('enrolIntro')}</p>
          <img
            className="totp-qr"
            alt={t('qrAlt')}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            width={220}
            height={220}
          />
          <div>
            <Typography.Text type="secondary">{t('manualKey')}</Typography.Text>
            <div>
              <Typography.Text code copyable data-testid="totp-secret">
                {enrolment.secret}
              </Typography.Text>
            </div>
          </div>
          <Form<{ code: string }>
            layout="vertical"
            name="enrol"
            requiredMark={false}
            disabled={confirm.isPending}
            onFinish={(v) => confirm.mutate(v.code.trim())}
          >
            <Form.Item
              label={t('firstCode')}
              name="code"
              rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('codeRequired') }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={7} size="large" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={confirm.isPending}>
              {t('confirm')}
            </Button>
          </Form>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <p>{t('enrolIntro')}</p>
          <Button type="primary" size="large" block loading={start.isPending} onClick={() => start.mutate()}>
            {t('enrolStart')}
          </Button>
        </Flex>
      )}
    </AuthFrame>
  );
}
