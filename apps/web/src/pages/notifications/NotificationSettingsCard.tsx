import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Switch } from 'antd';
import { getFeedback } from '../../api/feedback.tsx';
import { notificationActions, notificationKeys, useNotificationSettings } from '../../api/notifications.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { notificationMessages } from './messages.ts';

/** Where reminders are e-mailed (when the server can send e-mail), and whether they come as a daily digest. */
export function NotificationSettingsCard() {
  const t = useT(notificationMessages);
  const queryClient = useQueryClient();
  const query = useNotificationSettings();
  const save = useMutation({
    mutationFn: notificationActions.saveSettings,
    meta: { silent: true },
    onSuccess(r) {
      queryClient.setQueryData(notificationKeys.settings, r);
      getFeedback()?.message.success(t('saved'));
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('settingsCard')}</h2>}>
      {query.isPending ? (
        <LoadingState rows={2} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          {!query.data.smtpConfigured && (
            <Alert type="info" showIcon title={t('smtpOff')} style={{ marginBottom: 12 }} />
          )}
          <Form
            name="notificationSettings"
            layout="inline"
            initialValues={{
              email: query.data.email ?? '',
              emailEnabled: query.data.emailEnabled,
              digestEnabled: query.data.digestEnabled,
              digestHour: query.data.digestHour,
            }}
            onFinish={(v: {
              email: string;
              emailEnabled: boolean;
              digestEnabled: boolean;
              digestHour: number;
            }) =>
              save.mutate({
                email: v.email.trim() || null,
                emailEnabled: v.emailEnabled,
                digestEnabled: v.digestEnabled,
                digestHour: v.digestHour,
              })
            }
          >
            <Form.Item
              label={t('email')}
              name="email"
              rules={[{ type: 'email', message: t('emailInvalid') }]}
            >
              <Input style={{ width: 260 }} maxLength={200} autoComplete="email" />
            </Form.Item>
            <Form.Item label={t('emailEnabled')} name="emailEnabled" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              label={t('digestEnabled')}
              name="digestEnabled"
              valuePropName="checked"
              tooltip={t('digestHint')}
            >
              <Switch />
            </Form.Item>
            <Form.Item label={t('digestHour')} name="digestHour">
              <Select
                style={{ width: 100 }}
                options={Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${h}:00` }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Form>
          {save.isError && (
            <div style={{ marginTop: 12 }}>
              <MutationAlert error={save.error} />
            </div>
          )}
        </>
      )}
    </Card>
  );
}
