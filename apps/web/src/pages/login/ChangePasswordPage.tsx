import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Result, Skeleton } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/feedback.tsx';
import { homePath, safeNext } from '../../auth/access.ts';
import { authMessages } from '../../auth/messages.ts';
import { passwordProblems } from '../../auth/passwordRules.ts';
import { changePassword, meKey, useMe } from '../../auth/session.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { ConfirmPasswordItem } from './ConfirmPasswordItem.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the password: forced after the first login, a reset or expiry; on request otherwise. */
export function ChangePasswordPage() {
  const t = useT(authMessages);
  const { lang } = useLocale();
  usePageTitle(t('changePasswordTitle'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: changePassword,
    meta: { silent: true },
    onSuccess(updated) {
      queryClient.setQueryData(meKey, updated);
      navigate(next ?? homePath(updated), { replace: true, state: { passwordChanged: true } });
    },
  });

  if (me.isPending) {
    return (
      <AuthFrame title={t('changePasswordTitle')}>
        <Skeleton active />
      </AuthFrame>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={`/login?${new URLSearchParams({ next: '/password' })}`} replace />;
    }
    return (
      <AuthFrame title={t('changePasswordTitle')}>
        <Result status="error" subTitle={errorText(me.error, lang)} />
      </AuthFrame>
    );
  }
  const forced = me.data.mustChangePassword;
  const username = me.data.user.username;

  return (
    <AuthFrame title={t('changePasswordTitle')}>
      {forced && (
        <Alert
          showIcon
          type="warning"
          style={{ marginBottom: 16 }}
          title={me.data.passwordExpired ? t('passwordExpired') : t('mustChangeFirst')}
        />
      )}
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
        name="change-password"
        requiredMark={false}
        disabled={mutation.isPending}
        onFinish={(v) => mutation.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      >
        <Form.Item
          label={t('currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('currentPasswordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus maxLength={256} />
        </Form.Item>
        <Form.Item
          label={t('newPassword')}
          name="newPassword"
          extra={t('passwordRules')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('newPasswordRequired') },
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                if (!value) return Promise.resolve();
                const problems = passwordProblems(value, username);
                if (problems.length > 0)
                  return Promise.reject(new Error(problems.map((p) => t(p)).join('；')));
                if (value === getFieldValue('currentPassword'))
                  return Promise.reject(new Error(t('passwordSameAsOld')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <ConfirmPasswordItem />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} style={{ flex: 1 }}>
            {t('changePasswordButton')}
          </Button>
          {!forced && <Button onClick={() => navigate(-1)}>{t('cancel')}</Button>}
        </Flex>
      </Form>
    </AuthFrame>
  );
}
