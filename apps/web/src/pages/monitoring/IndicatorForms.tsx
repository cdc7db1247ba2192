/**
 * The office's forms for indicators: a new indicator (unit, better direction, resolution, decimals,
 * levels, aggregate) or an edit of one (PATCH: code and resolution stay), and its goals per area and
 * period (PUT replaces the same area and period).
 */
import type { Indicator, IndicatorInput, IndicatorUpdate } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { indicatorMessages } from './indicatorMessages.ts';

const KEYS = ['monitoring', 'indicators'];
const RESOLUTIONS = ['day', 'half_month', 'month', 'quarter', 'year'] as const;

export function IndicatorModal({
  indicator,
  onClose,
}: {
  /** Given: edit this indicator; else a new one. */
  indicator?: Indicator;
  onClose: (code?: string) => void;
}) {
  const t = useT(indicatorMessages);
  const qc = useQueryClient();
  const [form] = Form.useForm<IndicatorInput>();
  const save = useMutation({
    mutationFn: (v: IndicatorInput) => {
      if (!indicator) return api.post<Indicator>('/indicators', v);
      const patch: IndicatorUpdate = {
        name: v.name,
        unit: v.unit,
        better: v.better,
        decimals: v.decimals,
        levels: v.levels,
        aggregate: v.aggregate,
      };
      return api.patch<Indicator>(`/indicators/${encodeURIComponent(indicator.code)}`, patch);
    },
    onSuccess: async (ind) => {
      getFeedback()?.message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: KEYS });
      onClose(ind.code);
    },
    onError: showError,
  });
  const req = [{ required: true, message: t('required') }];
  return (
    <Modal
      open
      title={indicator ? t('editTitle', { name: indicator.name }) : t('add')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          indicator ?? {
            better: 'lower',
            resolution: 'month',
            decimals: 0,
            levels: ['district'],
            aggregate: 'mean',
          }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="code" label={t('code')} rules={req}>
          <Input placeholder="pm25" disabled={!!indicator} />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={req}>
          <Input placeholder="PM2.5" />
        </Form.Item>
        <Form.Item name="unit" label={t('unit')} rules={req}>
          <Input placeholder="µg/m³" />
        </Form.Item>
        <Form.Item name="better" label={t('better')}>
          <Select options={(['lower', 'higher'] as const).map((v) => ({ value: v, label: t(v) }))} />
        </Form.Item>
        <Form.Item name="resolution" label={t('resolution')} extra={indicator ? t('fixedOnEdit') : undefined}>
          <Select disabled={!!indicator} options={RESOLUTIONS.map((v) => ({ value: v, label: t(v) }))} />
        </Form.Item>
        <Form.Item name="decimals" label={t('decimals')}>
          <InputNumber min={0} max={6} precision={0} />
        </Form.Item>
        <Form.Item name="levels" label={t('levels')} rules={req}>
          <Select
            mode="multiple"
            options={(['district', 'street'] as const).map((v) => ({ value: v, label: t(v) }))}
          />
        </Form.Item>
        <Form.Item name="aggregate" label={t('aggregate')}>
          <Select options={(['mean', 'sum'] as const).map((v) => ({ value: v, label: t(v) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface GoalRow {
  area?: string;
  period: string;
  value: number;
}

export function GoalsModal({ indicator, onClose }: { indicator: Indicator; onClose: () => void }) {
  const t = useT(indicatorMessages);
  const qc = useQueryClient();
  const [form] = Form.useForm<{ goals: GoalRow[] }>();
  const save = useMutation({
    mutationFn: (goals: GoalRow[]) =>
      api.put(`/indicators/${encodeURIComponent(indicator.code)}/goals`, {
        goals: goals.map((g) => ({ area: g.area?.trim() || null, period: g.period.trim(), value: g.value })),
      }),
    onSuccess: async () => {
      getFeedback()?.message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: KEYS });
      onClose();
    },
    onError: showError,
  });
  const req = [{ required: true, message: t('required') }];
  return (
    <Modal
      open
      width={640}
      title={t('goalsTitle', { name: indicator.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('goalsHint')}</Typography.Paragraph>
      <Form
        form={form}
        initialValues={{
          goals: indicator.goals.map((g) => ({ area: g.area ?? '', period: g.period, value: g.value })),
        }}
        onFinish={(v) => save.mutate(v.goals ?? [])}
      >
        <Form.List name="goals">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'area']}>
                    <Input placeholder={t('area')} aria-label={t('area')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'period']} rules={req}>
                    <Input placeholder={t('period')} aria-label={t('period')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} rules={req}>
                    <InputNumber placeholder={t('value')} aria-label={t('value')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ area: '', period: '', value: undefined })}>{t('addGoal')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
