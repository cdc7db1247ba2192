/**
 * The office enters a case found by an inspection, a complaint or otherwise (POST /cases): category and
 * severity from the settings, when and where (district, street, address, optional coordinates), what.
 * Someone else in the office verifies it (four eyes).
 */
import { CASE_SEVERITIES, type CaseResponse, type CreateCaseRequest } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { invalidateCases, useCaseSettings } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { caseMessages } from './messages.ts';

type Values = Omit<CreateCaseRequest, 'occurredAt'> & { occurredAt: Dayjs };
const ORIGINS = ['inspection', 'complaint', 'manual', 'monitoring'] as const;

export function NewCaseModal({ onClose }: { onClose: () => void }) {
  const t = useT(caseMessages);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const settings = useCaseSettings();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: CreateCaseRequest = {
        ...v,
        // Beijing time, with its offset, as the contract asks.
        occurredAt: v.occurredAt.format('YYYY-MM-DDTHH:mm:ss+08:00'),
        district: v.district?.trim() || undefined,
        street: v.street?.trim() || undefined,
        lat: v.lat ?? undefined,
        lng: v.lng ?? undefined,
      };
      return api.post<CaseResponse>('/cases', body);
    },
    onSuccess: async (r) => {
      getFeedback()?.message.success(t('created', { number: r.case.number }));
      await invalidateCases(qc);
      onClose();
      navigate(`/cases/${r.case.id}`);
    },
    onError: showError,
  });
  const req = [{ required: true, whitespace: true, message: t('required') }];
  const categories = (settings.data?.settings.categories ?? []).filter((c) => c.active);
  return (
    <Modal
      open
      width={640}
      title={t('add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ origin: 'inspection', severity: 'medium' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Flex gap={12} wrap>
          <Form.Item name="origin" label={t('colOrigin')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={ORIGINS.map((o) => ({ value: o, label: t(`origin_${o}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('colCategory')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              style={{ width: 160 }}
              loading={settings.isPending}
              options={categories.map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('colSeverity')} rules={[{ required: true }]}>
            <Select
              style={{ width: 110 }}
              options={CASE_SEVERITIES.map((s) => ({ value: s, label: t(`severity_${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="occurredAt"
            label={t('colOccurred')}
            rules={[{ required: true, message: t('required') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="district" label={t('colDistrict')}>
            <Input style={{ width: 140 }} maxLength={60} />
          </Form.Item>
          <Form.Item name="street" label={t('colStreet')}>
            <Input style={{ width: 160 }} maxLength={60} />
          </Form.Item>
          <Form.Item name="lat" label={t('lat')}>
            <InputNumber min={-90} max={90} step={0.0001} />
          </Form.Item>
          <Form.Item name="lng" label={t('lng')}>
            <InputNumber min={-180} max={180} step={0.0001} />
          </Form.Item>
        </Flex>
        <Form.Item name="address" label={t('colAddress')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('colDescription')} rules={req}>
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
