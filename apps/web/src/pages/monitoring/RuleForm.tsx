/**
 * The office's form for a monitoring rule: new (POST) or edit (PATCH; the indicator stays). A bottom-N
 * rule asks for N; the level offers the indicator's levels; the measure is the one its notices name.
 */
import type { Indicator, Rule, RuleInput, RuleUpdate } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { useMeasures, usePlans } from '../../api/plans.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ruleMessages } from './ruleMessages.ts';

export const RULE_KEYS = ['monitoring', 'rules'];

type Values = Omit<RuleInput, 'n'> & { n?: number | null };

export function RuleForm({
  rule,
  indicators,
  onClose,
}: {
  rule?: Rule;
  indicators: readonly Indicator[];
  onClose: () => void;
}) {
  const t = useT(ruleMessages);
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const code = Form.useWatch('indicator', form) ?? rule?.indicator;
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'bottom_n';
  const planId = Form.useWatch('planId', form) ?? rule?.planId;
  const plans = usePlans();
  const measures = useMeasures(planId);
  const indicator = indicators.find((i) => i.code === code);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const n = v.kind === 'bottom_n' ? (v.n ?? undefined) : undefined;
      if (!rule) return api.post<Rule>('/monitoring/rules', { ...v, n });
      const patch: RuleUpdate = {
        name: v.name,
        kind: v.kind,
        level: v.level,
        periods: v.periods,
        action: v.action,
        ...(v.kind === 'bottom_n' ? { n: v.n ?? null } : {}),
        ...(v.planId !== rule.planId || v.measureId !== rule.measureId
          ? { planId: v.planId, measureId: v.measureId }
          : {}),
      };
      return api.patch<Rule>(`/monitoring/rules/${encodeURIComponent(rule.id)}`, patch);
    },
    onSuccess: async () => {
      getFeedback()?.message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: RULE_KEYS });
      onClose();
    },
    onError: showError,
  });
  const req = [{ required: true, message: t('required') }];
  const published = (plans.data?.plans ?? []).filter(
    (p) => p.status === 'published' || p.id === rule?.planId,
  );
  return (
    <Modal
      open
      width={640}
      title={rule ? t('editTitle', { name: rule.name }) : t('add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? { ...rule, n: rule.n ?? undefined }
            : {
                indicator: indicators[0]?.code,
                kind: 'bottom_n',
                level: indicators[0]?.levels[0] ?? 'district',
                n: 10,
                periods: 2,
                action: 'notice',
              }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('name')} rules={req}>
          <Input maxLength={100} placeholder="街道排名后10名连续2期" />
        </Form.Item>
        <Form.Item name="indicator" label={t('indicator')} rules={req}>
          <Select
            disabled={!!rule}
            options={indicators.map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))}
            onChange={(c: string) => {
              const levels = indicators.find((i) => i.code === c)?.levels ?? ['district'];
              if (!levels.includes(form.getFieldValue('level'))) form.setFieldValue('level', levels[0]);
            }}
          />
        </Form.Item>
        <Form.Item name="level" label={t('level')} rules={req}>
          <Select options={(indicator?.levels ?? ['district']).map((l) => ({ value: l, label: t(l) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')} rules={req}>
          <Select options={(['bottom_n', 'above_goal'] as const).map((k) => ({ value: k, label: t(k) }))} />
        </Form.Item>
        {kind === 'bottom_n' && (
          <Form.Item name="n" label={t('n')} rules={req}>
            <InputNumber min={1} max={500} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="periods" label={t('periods')} rules={req}>
          <InputNumber min={1} max={24} precision={0} />
        </Form.Item>
        <Form.Item name="action" label={t('action')} rules={req}>
          <Select options={(['notice', 'summons'] as const).map((a) => ({ value: a, label: t(a) }))} />
        </Form.Item>
        <Form.Item name="planId" label={t('plan')} rules={req}>
          <Select
            loading={plans.isPending}
            options={published.map((p) => ({ value: p.id, label: p.title }))}
            onChange={() => form.setFieldValue('measureId', undefined)}
          />
        </Form.Item>
        <Form.Item name="measureId" label={t('measure')} rules={req}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={!!planId && measures.isPending}
            options={(measures.data?.measures ?? []).map((m) => ({
              value: m.id,
              label: t('measureLabel', { no: `${m.task}.${m.seq}`, text: m.text.slice(0, 40) }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
