import type { LoginRequest } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/feedback.tsx';
import { homePath, safeNext } from '../../auth/access.ts';
import { authMessages } from '../../auth/messages.ts';
import { login, meKey } from '../../auth/session.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { activateMessages } from './activateMessages.ts';

export function LoginPage() {
  const t = useT(authMessages);
  const tv = useT(activateMessages);
  const { lang } = useLocale();
  usePageTitle(t('loginTitle'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNext(params.get('next'));
  const mutation = useMutation({
    mutationFn: login,
    meta: { silent: true },
    onSuccess(me) {
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
      if (me.mustChangePassword) {
        navigate(`/password${next ? `?${new URLSearchParams({ next })}` : ''}`, { replace: true });
      } else {
        navigate(next ?? homePath(me), { replace: true });
      }
    },
  });
  const notice = params.get('expired')
    ? { type: 'warning' as const, title: t('sessionExpiredTitle'), description: t('sessionExpiredBody') }
    : params.get('loggedOut')
      ? { type: 'success' as const, title: t('loggedOut') }
      : undefined;

  return (
    <AuthFrame title={t('loginTitle')}>
      {notice && !mutation.isError && <Alert showIcon style={{ marginBottom: 16 }} {...notice} />}
      {mutation.isError && (
        <Alert
          showIcon
          type="error"
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('loginFailed')}
          description={errorText(mutation.error, lang)}
        />
      )}
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
      <p className="auth-frame__help">{t('loginHelp')}</p>
      <p className="auth-frame__help">
        <Link to="/activate">{tv('haveCode')}</Link>
      </p>
    </AuthFrame>
  );
}
