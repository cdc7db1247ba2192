import type { LoginRequest, LoginResponse, MeResponse, SecondFactorChallenge } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/feedback.tsx';
import { homePath, safeNext } from '../../auth/access.ts';
import { authMessages } from '../../auth/messages.ts';
import { login, loginSecondStep, meKey } from '../../auth/session.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { activateMessages } from './activateMessages.ts';

/** The password step's answer for an account with a second factor (no zod here: the login page loads first). */
const isChallenge = (r: LoginResponse): r is SecondFactorChallenge => 'challenge' in r;

/** Where a fresh session goes first: the forced password change, then enrolment, then the page asked for. */
export function afterSignIn(me: MeResponse, next: string | null | undefined): string {
  const q = next ? `?${new URLSearchParams({ next })}` : '';
  if (me.mustChangePassword) return `/password${q}`;
  if (me.secondFactor.mustEnrol) return `/second-factor${q}`;
  return next ?? homePath(me);
}

export function LoginPage() {
  const t = useT(authMessages);
  const tv = useT(activateMessages);
  const { lang } = useLocale();
  usePageTitle(t('loginTitle'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNext(params.get('next'));
  const [challenge, setChallenge] = useState<string | null>(null);
  const signedIn = (me: MeResponse) => {
    queryClient.clear();
    queryClient.setQueryData(meKey, me);
    navigate(afterSignIn(me, next), { replace: true });
  };
  const mutation = useMutation({
    mutationFn: login,
    meta: { silent: true },
    onSuccess(res) {
      if (isChallenge(res)) setChallenge(res.challenge);
      else signedIn(res);
    },
  });
  const second = useMutation({
    mutationFn: loginSecondStep,
    meta: { silent: true },
    onSuccess: signedIn,
    onError(error) {
      // The challenge ended (expired, too many wrong codes, locked): back to the password.
      const details = (error as { details?: { reason?: string } }).details;
      if ((error as { status?: number }).status === 423 || details?.reason === 'challenge')
        setChallenge(null);
    },
  });
  const notice = params.get('expired')
    ? { type: 'warning' as const, title: t('sessionExpiredTitle'), description: t('sessionExpiredBody') }
    : params.get('loggedOut')
      ? { type: 'success' as const, title: t('loggedOut') }
      : undefined;
  const failed = challenge ? second : mutation;

  return (
    <AuthFrame title={challenge ? t('secondStepTitle') : t('loginTitle')}>
      {notice && !failed.isError && !challenge && <Alert showIcon style={{ marginBottom: 16 }} {...notice} />}
      {failed.isError && (
        <Alert
          showIcon
          type="error"
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('loginFailed')}
          description={errorText(failed.error, lang)}
        />
      )}
      {challenge ? (
        <Form<{ code: string }>
          layout="vertical"
          name="second-step"
          requiredMark={false}
          disabled={second.isPending}
          onFinish={(values) => second.mutate({ challenge, code: values.code.trim() })}
        >
          <p>{t('secondStepHelp')}</p>
          <Form.Item
            label={t('factorCode')}
            name="code"
            rules={[{ required: true, whitespace: true, message: t('factorCodeRequired') }]}
          >
            <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={20} size="large" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={second.isPending}>
              {t('verifyButton')}
            </Button>
          </Form.Item>
          <Button type="link" block onClick={() => setChallenge(null)}>
            {t('backToPassword')}
          </Button>
        </Form>
      ) : (
        <Form<LoginRequest>
          layout="vertical"
          name="login"
          requiredMark={false}
          disabled={mutation.isPending}
          onFinish={(values) =>
            mutation.mutate({ username: values.username.trim(), password: values.password })
          }
        >
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus maxLength={64} size="large" />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: t('passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={256} size="large" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
              {t('loginButton')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <p className="auth-frame__help">{challenge ? t('secondStepLost') : t('loginHelp')}</p>
      <p className="auth-frame__help">
        <Link to="/activate">{tv('haveCode')}</Link>
      </p>
    </AuthFrame>
  );
}
