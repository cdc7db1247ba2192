import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Measure, ResponsibilityRole } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import { correctMeasure } from '../../api/planEdits.ts';
import { planKeys, useGroups, useUnits } from '../../api/plans.ts';
import { commonMessages } from '../../components/messages.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { day } from '../../lib/time.ts';
import { correctionOf, draftOf, type MeasureDraft } from './measureEdit.ts';
import { importMessages } from './messages.ts';

interface FormValues {
  text: string;
  raw: string;
  kind: Measure['deadline']['kind'];
  due?: Dayjs | null;
  window?: [Dayjs | null, Dayjs | null] | null;
  recurrence?: Measure['deadline']['recurrence'];
  lead: string[];
  responsible: string[];
  assisting: string[];
  milestones: { due: Dayjs | null; raw: string; text: string }[];
  targets: MeasureDraft['targets'];
  reason?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const ROLE_FIELDS: ResponsibilityRole[] = ['lead', 'responsible', 'assisting'];
const COMPARISONS = ['at_least', 'at_most', 'about', 'exactly', 'reduce_by', 'increase_by'] as const;

function toForm(m: Measure): FormValues {
  const d = draftOf(m);
  return {
    text: d.text,
    raw: d.deadline.raw,
    kind: d.deadline.kind,
    due: d.deadline.due ? day(d.deadline.due) : null,
    window: d.deadline.start && d.deadline.end ? [day(d.deadline.start), day(d.deadline.end)] : null,
    recurrence: d.deadline.recurrence,
    ...d.units,
    milestones: d.milestones.map((x) => ({ ...x, due: day(x.due) })),
    targets: d.targets,
  };
}

function fromForm(v: FormValues): MeasureDraft {
  return {
    text: v.text,
    deadline: {
      raw: v.raw,
      kind: v.kind,
      due: iso(v.due),
      start: iso(v.window?.[0]),
      end: iso(v.window?.[1]),
      recurrence: v.recurrence ?? null,
    },
    units: { lead: v.lead ?? [], responsible: v.responsible ?? [], assisting: v.assisting ?? [] },
    milestones: (v.milestones ?? []).map((x) => ({
      due: iso(x.due) ?? '',
      raw: x.raw.trim(),
      text: x.text.trim(),
    })),
    targets: (v.targets ?? []).map((x) => ({
      ...x,
      unit: x.unit?.trim() ?? '',
      text: x.text.trim(),
      yearOnYear: !!x.yearOnYear,
    })),
  };
}

/** Correct one measure of a draft: every field the parser may have got wrong, with a reason. */
export function MeasureEditor({
  planId,
  measure,
  onClose,
}: {
  planId: string;
  measure: Measure;
  onClose: () => void;
}) {
  const t = useT(importMessages);
  const c = useT(commonMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const units = useUnits();
  const groups = useGroups();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? measure.deadline.kind;
  const initial = useMemo(() => toForm(measure), [measure]);
  const unitOptions = useMemo(
    () => [
      ...(groups.data?.groups ?? []).map((g) => ({ value: g.name, label: g.name })),
      ...(units.data?.units ?? []).map((u) => ({ value: u.name, label: u.name })),
    ],
    [units.data, groups.data],
  );
  const save = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof correctionOf>>) =>
      correctMeasure(planId, measure.id, body),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
      onClose();
    },
    onError(error) {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: planKeys.measures(planId) });
      }
    },
  });
  const conflict = save.error instanceof ApiError && save.error.status === 409;

  const submit = (values: FormValues) => {
    const body = correctionOf(measure, fromForm(values), values.reason);
    if (!body) {
      getFeedback()?.message.info(t('noChanges'));
      return;
    }
    save.mutate(body);
  };

  return (
    <Drawer
      open
      size={720}
      title={t('editTitle', { task: measure.task, seq: measure.seq })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('save')}
          </Button>
        </Space>
      }
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={conflict ? t('versionConflict') : errorText(save.error, lang)}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        disabled={save.isPending}
      >
        <Form.Item
          label={t('text')}
          name="text"
          rules={[{ required: true, whitespace: true, message: t('textRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('deadlineRaw')}
            name="raw"
            rules={[{ required: true, message: t('required') }]}
            style={{ flex: '1 1 200px' }}
          >
            <Input />
          </Form.Item>
          <Form.Item label={t('deadlineKind')} name="kind" style={{ width: 160 }}>
            <Select
              options={[
                { value: 'date', label: c('kindDate') },
                { value: 'milestones', label: c('kindMilestones') },
                { value: 'period', label: c('kindPeriod') },
                { value: 'ongoing', label: c('kindOngoing') },
              ]}
            />
          </Form.Item>
          {(kind === 'date' || kind === 'milestones') && (
            <Form.Item
              label={t('deadlineDue')}
              name="due"
              rules={[{ required: true, message: t('required') }]}
              style={{ width: 170 }}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          {kind === 'period' && (
            <Form.Item
              label={t('deadlineWindow')}
              name="window"
              rules={[{ required: true, message: t('required') }]}
            >
              <DatePicker.RangePicker />
            </Form.Item>
          )}
          {kind === 'ongoing' && (
            <Form.Item label={t('recurrence')} name="recurrence" style={{ width: 160 }}>
              <Select
                allowClear
                options={[
                  { value: 'monthly', label: c('recurrenceMonthly') },
                  { value: 'quarterly', label: c('recurrenceQuarterly') },
                  { value: 'yearly', label: c('recurrenceYearly') },
                ]}
              />
            </Form.Item>
          )}
        </Flex>
        {ROLE_FIELDS.map((role) => (
          <Form.Item
            key={role}
            label={c(`${role}Long`)}
            name={role}
            extra={role === 'lead' ? t('unitsHelp') : undefined}
          >
            <Select
              mode="tags"
              options={unitOptions}
              tokenSeparators={['、', '，']}
              loading={units.isPending}
            />
          </Form.Item>
        ))}
        <Divider titlePlacement="start">{c('milestones')}</Divider>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    label={t('milestoneDue')}
                    name={[field.name, 'due']}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ width: 150 }}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    label={t('milestoneRaw')}
                    name={[field.name, 'raw']}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ width: 120 }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    label={t('milestoneText')}
                    name={[field.name, 'text']}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ flex: 1 }}
                  >
                    <Input />
                  </Form.Item>
                  <Button
                    aria-label={t('remove')}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ due: null, raw: '', text: '' })}
              >
                {t('addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{c('targets')}</Divider>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    label={t('targetComparison')}
                    name={[field.name, 'comparison']}
                    style={{ width: 110 }}
                  >
                    <Select options={COMPARISONS.map((x) => ({ value: x, label: t(x) }))} />
                  </Form.Item>
                  <Form.Item
                    label={t('targetValue')}
                    name={[field.name, 'value']}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ width: 110 }}
                  >
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item label={t('targetUnit')} name={[field.name, 'unit']} style={{ width: 110 }}>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    label={t('targetYoy')}
                    name={[field.name, 'yearOnYear']}
                    valuePropName="checked"
                    style={{ width: 60 }}
                  >
                    <Checkbox />
                  </Form.Item>
                  <Form.Item
                    label={t('targetText')}
                    name={[field.name, 'text']}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ flex: '1 1 180px' }}
                  >
                    <Input />
                  </Form.Item>
                  <Button
                    aria-label={t('remove')}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ comparison: 'at_least', value: 0, unit: '', yearOnYear: false, text: '' })
                }
              >
                {t('addTarget')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider />
        <Form.Item label={t('reason')} name="reason">
          <Input placeholder={t('reasonPlaceholder')} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
