import { ADMIN_ROLES, USER_ROLES, type UserItem, type UserRole } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { adminKeys, userActions } from '../../api/admin.ts';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import { useUnits } from '../../api/plans.ts';
import { roleMessages } from '../../auth/messages.ts';
import { type Translate, useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { adminMessages } from './messages.ts';

/** The account dialogs of the users page: create, reset a password, change roles. */
function roleValidator(t: Translate<typeof adminMessages>) {
  return {
    validator(_: unknown, roles: UserRole[] | undefined) {
      if (!roles || roles.length === 0) return Promise.reject(new Error(t('pickRoles')));
      if (roles.some((r) => ADMIN_ROLES.includes(r)) && roles.length > 1)
        return Promise.reject(new Error(t('adminExclusive')));
      return Promise.resolve();
    },
  };
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const t = useT(adminMessages);
  const { lang } = useLocale();
  const units = useUnits();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{
    username: string;
    displayName?: string;
    unitId: string;
  }>();
  const create = useMutation({
    mutationFn: userActions.create,
    meta: { silent: true },
    onSuccess(r) {
      getFeedback()?.message.success(t(`activation.${r.activation.deliveredTo}`), 8);
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('createUser')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('createRolesHint')} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('createActivationHint')} />
      {create.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(create.error, lang)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate({
            ...v,
            username: v.username.trim(),
            displayName: v.displayName?.trim() || undefined,
          })
        }
      >
        <Form.Item
          label={t('username')}
          name="username"
          rules={[{ required: true, whitespace: true, min: 2, message: t('required') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item label={t('displayName')} name="displayName">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('unit')} name="unitId" rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const t = useT(adminMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => userActions.resetPassword(user.id),
    meta: { silent: true },
    onSuccess(r) {
      getFeedback()?.message.success(t(`activation.${r.activation.deliveredTo}`), 8);
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t('resetPassword')} · ${user.username}`}
      onCancel={onClose}
      onOk={() => reset.mutate()}
      okText={t('confirmReset')}
      okButtonProps={{ danger: true }}
      cancelText={t('cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('resetHint')}</Typography.Paragraph>
      {reset.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(reset.error, lang)}
        />
      )}
    </Modal>
  );
}

export function RolesModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const t = useT(adminMessages);
  const tr = useT(roleMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ roles: UserRole[] }>();
  const save = useMutation({
    mutationFn: (roles: UserRole[]) => userActions.setRoles(user.id, roles),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('done'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t('editRoles')} · ${user.username}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(save.error, lang)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: user.roles }}
        onFinish={(v) => save.mutate(v.roles)}
      >
        <Form.Item label={t('roles')} name="roles" rules={[roleValidator(t)]} extra={t('adminRolesOnServer')}>
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }}
            options={USER_ROLES.filter((r) => !ADMIN_ROLES.includes(r)).map((r) => ({
              value: r,
              label: tr(r),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
