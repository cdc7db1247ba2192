/** The fields every 督办单 is issued with: its level, the reply date (today or later) and the reason. */
import { DatePicker, Form, Input, Radio } from 'antd';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { day } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';

export function NoticeFields({ today }: { today: string }) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  return (
    <>
      <Form.Item label={t('level')} name="level" extra={t('issueLevelHelp')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'yellow', label: s('level_yellow') },
            { value: 'red', label: s('level_red') },
          ]}
        />
      </Form.Item>
      <Form.Item
        label={t('replyDue')}
        name="replyDue"
        rules={[{ required: true, message: t('required') }]}
        getValueProps={(v: string | undefined) => ({ value: v ? day(v) : null })}
        normalize={(d: { format(f: string): string } | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
      </Form.Item>
      <Form.Item
        label={t('reason')}
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} showCount />
      </Form.Item>
    </>
  );
}
