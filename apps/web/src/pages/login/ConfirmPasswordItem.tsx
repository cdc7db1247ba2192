import { Form, Input } from 'antd';
import { authMessages } from '../../auth/messages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';

/** 确认新密码: the second entry of a new password, checked against the form's `newPassword`. */
export function ConfirmPasswordItem() {
  const t = useT(authMessages);
  return (
    <Form.Item
      label={t('confirmPassword')}
      name="confirm"
      dependencies={['newPassword']}
      rules={[
        { required: true, message: t('confirmPasswordRequired') },
        ({ getFieldValue }) => ({
          validator(_, value: string | undefined) {
            if (!value || value === getFieldValue('newPassword')) return Promise.resolve();
            return Promise.reject(new Error(t('passwordMismatch')));
          },
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" maxLength={128} />
    </Form.Item>
  );
}
