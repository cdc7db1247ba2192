/**
 * The rule proposals on the supervisor's board (规则 → 建议督办): confirm issues the 督办单 in one click
 * (reply due in seven days, yellow, the rule's reason), 确认为案件 enters a problem case at the area
 * instead (category and severity asked; the ranking facts are its description; another supervisor
 * verifies and dispatches it), dismiss asks for a reason. Supervisors only.
 */
import type { CaseSeverity, Proposal } from '@lantian/contract';
import { CASE_SEVERITIES } from '@lantian/contract/names';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  type SelectProps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { invalidateCases, useCaseSettings } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { addDays, todayIso } from '../../lib/time.ts';
import { caseMessages } from '../cases/messages.ts';
import { PROPOSAL_KEYS, proposalsQuery } from './boardQuery.ts';
import { proposalMessages } from './proposalMessages.ts';

export { PROPOSAL_KEYS } from './boardQuery.ts';

export function RuleProposals() {
  const t = useT(proposalMessages);
  const qc = useQueryClient();
  const [dismissing, setDismissing] = useState<Proposal | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const [asCase, setAsCase] = useState<Proposal | null>(null);
  const [caseForm] = Form.useForm<{ category: string; severity: CaseSeverity }>();
  const navigate = useNavigate();
  const tc = useT(caseMessages);
  const list = useQuery(proposalsQuery());
  const done = async () => {
    await qc.invalidateQueries({ queryKey: PROPOSAL_KEYS });
    await invalidateSupervision(qc);
  };
  const confirm = useMutation({
    mutationFn: (p: Proposal) =>
      api.post<Proposal>(`/monitoring/proposals/${encodeURIComponent(p.id)}/confirm`, {
        replyDue: addDays(todayIso(), 7),
      }),
    onSuccess: async () => {
      getFeedback()?.message.success(t('confirmed'));
      await done();
    },
    onError: showError,
  });
  const toCase = useMutation({
    mutationFn: (v: { id: string; category: string; severity: CaseSeverity }) =>
      api.post<Proposal>(`/monitoring/proposals/${encodeURIComponent(v.id)}/case`, {
        category: v.category,
        severity: v.severity,
      }),
    onSuccess: async (p) => {
      getFeedback()?.message.success(t('caseEntered'));
      setAsCase(null);
      await invalidateCases(qc);
      await done();
      if (p.caseId) navigate(`/cases/${p.caseId}`);
    },
    onError: showError,
  });
  const dismiss = useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api.post(`/monitoring/proposals/${encodeURIComponent(v.id)}/dismiss`, { reason: v.reason }),
    onSuccess: async () => {
      getFeedback()?.message.success(t('dismissed'));
      setDismissing(null);
      form.resetFields();
      await done();
    },
    onError: showError,
  });
  const proposals = list.data?.proposals ?? [];
  if (proposals.length === 0) return null;
  const columns: ColumnsType<Proposal> = [
    {
      title: t('area'),
      key: 'area',
      render: (_, p) => (p.district && p.district !== p.area ? `${p.district} ${p.area}` : p.area),
    },
    { title: t('unit'), dataIndex: 'unit' },
    { title: t('rule'), dataIndex: 'rule' },
    {
      title: t('evidence'),
      key: 'evidence',
      render: (_, p) =>
        p.evidence
          .map((e) =>
            t('evidenceItem', {
              period: e.period,
              rank: e.rank ?? '—',
              value: e.value ?? t('noData'),
            }),
          )
          .join('；'),
    },
    {
      title: t('action'),
      dataIndex: 'action',
      render: (a: Proposal['action']) => <Tag color={a === 'summons' ? 'red' : 'gold'}>{t(a)}</Tag>,
    },
    {
      title: '',
      key: 'do',
      render: (_, p) => (
        <Flex gap={4}>
          <Button
            type="primary"
            size="small"
            loading={confirm.isPending && confirm.variables?.id === p.id}
            onClick={() => confirm.mutate(p)}
          >
            {t('confirm')}
          </Button>
          <Button size="small" onClick={() => setAsCase(p)}>
            {t('toCase')}
          </Button>
          <Button size="small" onClick={() => setDismissing(p)}>
            {t('dismiss')}
          </Button>
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" title={t('title', { n: proposals.length })} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      <Table<Proposal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={proposals}
        pagination={proposals.length > 10 ? { pageSize: 10 } : false}
      />
      <Modal
        open={!!asCase}
        title={asCase ? t('toCaseTitle', { area: asCase.area }) : ''}
        okText={t('toCase')}
        confirmLoading={toCase.isPending}
        onCancel={() => setAsCase(null)}
        onOk={() => caseForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('toCaseHint')}</Typography.Paragraph>
        <Form
          form={caseForm}
          layout="vertical"
          initialValues={{ category: 'other', severity: 'medium' }}
          onFinish={(v) => asCase && toCase.mutate({ id: asCase.id, ...v })}
        >
          <Form.Item
            name="category"
            label={t('caseCategory')}
            rules={[{ required: true, message: t('caseCategoryRequired') }]}
          >
            <CaseCategorySelect />
          </Form.Item>
          <Form.Item name="severity" label={t('caseSeverity')} rules={[{ required: true }]}>
            <Select options={CASE_SEVERITIES.map((s) => ({ value: s, label: tc(`severity_${s}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!dismissing}
        title={dismissing ? t('dismissTitle', { area: dismissing.area }) : ''}
        okText={t('dismiss')}
        confirmLoading={dismiss.isPending}
        onCancel={() => setDismissing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => dismissing && dismiss.mutate({ id: dismissing.id, reason: v.reason.trim() })}
        >
          <Form.Item
            name="reason"
            label={t('dismissReason')}
            rules={[{ required: true, whitespace: true, message: t('dismissReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The case categories, asked for only when the 确认为案件 form opens (not with the board). */
function CaseCategorySelect(props: SelectProps<string>) {
  const caseSettings = useCaseSettings();
  return (
    <Select
      {...props}
      loading={caseSettings.isPending}
      options={(caseSettings.data?.settings.categories ?? [])
        .filter((c) => c.active)
        .map((c) => ({ value: c.code, label: c.name }))}
    />
  );
}
