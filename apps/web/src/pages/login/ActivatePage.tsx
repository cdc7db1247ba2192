import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { errorText } from '../../api/feedback.tsx';
import { schemaOf } from '../../api/schemas.ts';
import { authMessages } from '../../auth/messages.ts';
import { passwordProblems } from '../../auth/passwordRules.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { activateMessages } from './activateMessages.ts';
import { ConfirmPasswordItem } from './ConfirmPasswordItem.tsx';

interface Values {
  username: string;
  code: string;
  newPassword: string;
  confirm: string;
}

/** `/activate`, before any session: username + one-time code + the owner's own new password. */
export function ActivatePage() {
  const t = useT(activateMessages);
  const ta = useT(authMessages);
  const { lang } = useLocale();
  usePageTitle(t('title'));
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      api.post(
        endpoints.activate,
        { username: v.username.trim(), code: v.code.trim(), newPassword: v.newPassword },
        { schema: schemaOf('ActivateResponse') },
      ),
    meta: { silent: true },
  });
  if (mutation.isSuccess)
    return (
      <AuthFrame title={t('title')}>
        <Result
          status="success"
          subTitle={t('done')}
          extra={
            <Link to="/login">
              <Button type="primary">{t('toLogin')}</Button>
            </Link>
          }
        />
      </AuthFrame>
    );
  return (
    <AuthFrame title={t('title')}>
      <Alert showIcon type="info" style={{ marginBottom: 16 }} title={t('intro')} />
      {mutation.isError && (
        <Alert
          showIcon
          type="error"
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorText(mutation.error, lang)}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="activate"
        requiredMark={false}
        disabled={mutation.isPending}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          label={ta('username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: ta('usernameRequired') }]}
        >
          <Input autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t('code')}
          name="code"
          rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}
        >
          <Input autoComplete="one-time-code" maxLength={64} placeholder="XXXX-XXXX-XXXX" />
        </Form.Item>
        <Form.Item
          label={ta('newPassword')}
          name="newPassword"
          extra={ta('passwordRules')}
          dependencies={['username']}
          rules={[
            { required: true, message: ta('newPasswordRequired') },
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                if (!value) return Promise.resolve();
                const problems = passwordProblems(value, getFieldValue('username') ?? '');
                return problems.length
                  ? Promise.reject(new Error(problems.map((p) => ta(p)).join('；')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <ConfirmPasswordItem />
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t('submit')}
        </Button>
      </Form>
      <p className="auth-frame__help">
        <Link to="/login">{ta('loginButton')}</Link>
      </p>
    </AuthFrame>
  );
}
