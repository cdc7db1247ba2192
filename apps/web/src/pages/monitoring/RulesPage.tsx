/**
 * 监测规则 (office): the rules that turn measured data into 督办/约谈 proposals — list, new, edit,
 * disable / enable, and evaluate one for a period. Proposals are confirmed on the board (RuleProposals).
 */
import type { IndicatorsResponse, ProposalsResponse, Rule } from '@lantian/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { useMeasures, usePlans } from '../../api/plans.ts';
import { schemaOf } from '../../api/schemas.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { PROPOSAL_KEYS } from '../board/RuleProposals.tsx';
import { RULE_KEYS, RuleForm } from './RuleForm.tsx';
import { ruleMessages } from './ruleMessages.ts';

function RuleMeasure({ rule }: { rule: Rule }) {
  const t = useT(ruleMessages);
  const plans = usePlans();
  const measures = useMeasures(rule.planId);
  const plan = plans.data?.plans.find((p) => p.id === rule.planId);
  const m = measures.data?.measures.find((x) => x.id === rule.measureId);
  if (!m) return <>{plan?.title ?? '…'}</>;
  return (
    <Link to={`/plans/${rule.planId}/measures/${rule.measureId}`} title={plan?.title}>
      {t('measureLabel', { no: `${m.task}.${m.seq}`, text: m.text.slice(0, 24) })}
    </Link>
  );
}

export function RulesPage() {
  const t = useT(ruleMessages);
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [evaluating, setEvaluating] = useState<Rule | null>(null);
  const [result, setResult] = useState<{ period: string; n: number } | null>(null);
  const [form] = Form.useForm<{ period: string }>();
  const indicators = useQuery({
    queryKey: ['monitoring', 'indicators'],
    queryFn: ({ signal }) =>
      api.get<IndicatorsResponse>('/indicators', { schema: schemaOf('IndicatorsResponse'), signal }),
  });
  const rules = useQuery({
    queryKey: RULE_KEYS,
    queryFn: ({ signal }) => api.get('/monitoring/rules', { schema: schemaOf('RulesResponse'), signal }),
  });
  const toggle = useMutation({
    mutationFn: (r: Rule) =>
      api.patch<Rule>(`/monitoring/rules/${encodeURIComponent(r.id)}`, { active: !r.active }),
    onSuccess: async (r) => {
      getFeedback()?.message.success(t(r.active ? 'enableDone' : 'disableDone'));
      await qc.invalidateQueries({ queryKey: RULE_KEYS });
    },
    onError: showError,
  });
  const evaluate = useMutation({
    mutationFn: (v: { rule: Rule; period: string }) =>
      api.post<ProposalsResponse>(`/monitoring/rules/${encodeURIComponent(v.rule.id)}/evaluate`, {
        period: v.period,
      }),
    onSuccess: async (r, v) => {
      setResult({ period: v.period, n: r.proposals.filter((p) => p.state === 'proposed').length });
      setEvaluating(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: PROPOSAL_KEYS });
    },
    onError: showError,
  });
  if (indicators.isPending || rules.isPending) return <LoadingState />;
  if (indicators.isError) return <ErrorState error={indicators.error} />;
  if (rules.isError) return <ErrorState error={rules.error} />;
  const byCode = new Map(indicators.data.indicators.map((i) => [i.code, i]));
  const columns: ColumnsType<Rule> = [
    { title: t('name'), dataIndex: 'name' },
    {
      title: t('indicator'),
      dataIndex: 'indicator',
      render: (c: string) => byCode.get(c)?.name ?? c,
    },
    { title: t('level'), dataIndex: 'level', render: (l: Rule['level']) => t(l) },
    {
      title: t('kind'),
      key: 'kind',
      render: (_, r) =>
        r.kind === 'bottom_n'
          ? t('condition_bottom_n', { n: r.n ?? '—', periods: r.periods })
          : t('condition_above_goal', { periods: r.periods }),
    },
    {
      title: t('action'),
      dataIndex: 'action',
      render: (a: Rule['action']) => <Tag color={a === 'summons' ? 'red' : 'gold'}>{t(a)}</Tag>,
    },
    { title: t('measure'), key: 'measure', render: (_, r) => <RuleMeasure rule={r} /> },
    {
      title: t('active'),
      dataIndex: 'active',
      render: (_, r) => (
        <Switch
          checked={r.active}
          aria-label={`${t('active')} ${r.name}`}
          checkedChildren={t('enabled')}
          unCheckedChildren={t('disabled')}
          loading={toggle.isPending && toggle.variables?.id === r.id}
          onChange={() => toggle.mutate(r)}
        />
      ),
    },
    {
      title: '',
      key: 'do',
      render: (_, r) => (
        <>
          <Button size="small" type="link" onClick={() => setEditing(r)}>
            {t('edit')}
          </Button>
          <Button size="small" type="link" disabled={!r.active} onClick={() => setEvaluating(r)}>
            {t('evaluate')}
          </Button>
        </>
      ),
    },
  ];
  const none = indicators.data.indicators.length === 0;
  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle')}
      extra={
        <Button type="primary" disabled={none} onClick={() => setEditing('new')}>
          {t('add')}
        </Button>
      }
    >
      {none && <Alert type="info" showIcon title={t('noIndicators')} style={{ marginBottom: 12 }} />}
      {result && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 12 }}
          title={t('evaluated', result)}
          action={<Link to="/board">{t('toBoard')}</Link>}
        />
      )}
      {rules.data.rules.length === 0 ? (
        <EmptyState description={t('none')} />
      ) : (
        <Table<Rule>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rules.data.rules}
          pagination={false}
        />
      )}
      {editing && (
        <RuleForm
          rule={editing === 'new' ? undefined : editing}
          indicators={indicators.data.indicators}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal
        open={!!evaluating}
        title={evaluating ? t('evaluateTitle', { name: evaluating.name }) : ''}
        okText={t('evaluate')}
        confirmLoading={evaluate.isPending}
        onCancel={() => setEvaluating(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('evaluateHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => evaluating && evaluate.mutate({ rule: evaluating, period: v.period.trim() })}
        >
          <Form.Item
            name="period"
            label={t('period')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input placeholder={t('periodHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
