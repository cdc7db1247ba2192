import type { ReportingCycle, ReportingSettingsResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { reportActions, reportKeys, useReportingSettings } from '../../api/reports.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { day } from '../../lib/time.ts';
import { settingsMessages } from './settingsMessages.ts';

interface Values {
  cycle: ReportingCycle;
  dueDay: number;
  start: string;
  periodStart: string;
  periodEnd: string;
  reminderDays: number[];
  requestSignoff: boolean;
}

const dayField = {
  getValueProps: (v: string | undefined) => ({ value: v ? day(v) : null }),
  normalize: (d: { format(f: string): string } | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** 填报设置 of a plan (supervisors): cycle, due day, reporting start, reminder days. */
export function ReportingSettingsModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const t = useT(settingsMessages);
  const query = useReportingSettings(planId);
  return (
    <Modal open title={t('title')} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      {query.isPending ? (
        <LoadingState rows={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <SettingsForm settings={query.data} onClose={onClose} reload={() => query.refetch()} />
      )}
    </Modal>
  );
}

function SettingsForm({
  settings,
  onClose,
  reload,
}: {
  settings: ReportingSettingsResponse;
  onClose: () => void;
  reload: () => void;
}) {
  const t = useT(settingsMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const cycle = Form.useWatch('cycle', form) ?? settings.cycle;
  const save = useMutation({
    mutationFn: (v: Values) =>
      reportActions.updateSettings(settings.planId, {
        version: settings.version,
        cycle: v.cycle,
        dueDay: v.dueDay,
        start: v.start,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        reminderDays: [...new Set(v.reminderDays.map(Number))].sort((a, b) => b - a),
        requestSignoff: v.requestSignoff,
      }),
    meta: { silent: true },
    onSuccess(r) {
      queryClient.setQueryData(reportKeys.settings(settings.planId), r);
      getFeedback()?.message.success(t('saved'));
      void invalidateSupervision(queryClient);
      onClose();
    },
  });
  return (
    <Form<Values>
      form={form}
      name="reportingSettings"
      layout="vertical"
      initialValues={{
        cycle: settings.cycle,
        dueDay: settings.dueDay,
        start: settings.start,
        periodStart: settings.periodStart,
        periodEnd: settings.periodEnd,
        reminderDays: settings.reminderDays,
        requestSignoff: settings.requestSignoff,
      }}
      onFinish={(v) => save.mutate(v)}
    >
      {settings.isDefault && (
        <Alert type="info" showIcon title={t('defaults')} style={{ marginBottom: 12 }} />
      )}
      <Form.Item label={t('cycle')} name="cycle" extra={t('cycleHelp')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'monthly', label: t('monthly') },
            { value: 'biweekly', label: t('biweekly') },
            { value: 'quarterly', label: t('quarterly') },
          ]}
        />
      </Form.Item>
      <Form.Item
        label={t('dueDay')}
        name="dueDay"
        extra={
          cycle === 'biweekly'
            ? t('dueDayBiweekly')
            : cycle === 'quarterly'
              ? t('dueDayQuarterly')
              : t('dueDayHelp')
        }
        rules={[{ required: true, message: t('required') }]}
      >
        <InputNumber min={1} max={31} precision={0} disabled={cycle === 'biweekly'} style={{ width: 120 }} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          label={t('periodStart')}
          name="periodStart"
          rules={[{ required: true, message: t('required') }]}
          {...dayField}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label={t('periodEnd')}
          name="periodEnd"
          extra={t('periodHelp')}
          dependencies={['periodStart']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || !getFieldValue('periodStart') || v >= getFieldValue('periodStart')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('periodEndBeforeStart'))),
            }),
          ]}
          {...dayField}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('start')}
        name="start"
        extra={t('startHelp')}
        rules={[{ required: true, message: t('required') }]}
        getValueProps={(v: string | undefined) => ({ value: v ? day(v) : null })}
        normalize={(d: { format(f: string): string } | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        label={t('reminderDays')}
        name="reminderDays"
        extra={t('reminderDaysHelp')}
        rules={[
          { required: true, message: t('required') },
          {
            validator: (_, v: unknown[]) =>
              v?.every((x) => Number.isInteger(Number(x)) && Number(x) >= 1 && Number(x) <= 90)
                ? Promise.resolve()
                : Promise.reject(new Error(t('reminderDaysInvalid'))),
          },
        ]}
      >
        <Select
          mode="tags"
          tokenSeparators={[',', '，', ' ']}
          options={[1, 3, 7, 14, 30].map((d) => ({ value: d, label: t('daysBefore', { n: d }) }))}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        label={t('requestSignoff')}
        name="requestSignoff"
        valuePropName="checked"
        extra={t('requestSignoffHelp')}
      >
        <Switch />
      </Form.Item>
      <MutationAlert error={save.error} onReload={reload} />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Flex>
    </Form>
  );
}
