import { CheckCircleTwoTone } from '@ant-design/icons';
import type { PlanReviewResponse, ResolveUnknownUnitRequest } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { getFeedback } from '../../api/feedback.tsx';
import { decideGroup, resolveUnknownUnit } from '../../api/planEdits.ts';
import { directoryKeys, planKeys, useUnits } from '../../api/plans.ts';
import { EmptyState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { planMessages } from '../plans/messages.ts';
import { importMessages } from './messages.ts';

type Decision = PlanReviewResponse['decisions'][number];
type Unknown = PlanReviewResponse['unknownUnits'][number];

function useReviewUpdate(planId: string) {
  const queryClient = useQueryClient();
  const t = useT(importMessages);
  return (review: PlanReviewResponse) => {
    queryClient.setQueryData(planKeys.review(planId), review);
    // Mentions now resolve differently: the preview and the plan view must reload.
    void queryClient.invalidateQueries({ queryKey: planKeys.measures(planId) });
    void queryClient.invalidateQueries({ queryKey: directoryKeys.units });
    getFeedback()?.message.success(t('saved'));
  };
}

function GroupDecision({ planId, decision }: { planId: string; decision: Decision }) {
  const t = useT(importMessages);
  const updated = useReviewUpdate(planId);
  const [form] = Form.useForm<{ unitIds: string[] }>();
  const save = useMutation({
    mutationFn: (unitIds: string[]) => decideGroup(planId, decision.groupId, unitIds),
    onSuccess: updated,
  });
  const label = t('pickMembers', { group: decision.groupName });
  const few = decision.candidates.length <= 40;
  const candidates = [...decision.candidates].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {decision.decided && <CheckCircleTwoTone twoToneColor="#52c41a" />}
          <h3 className="card-heading">{decision.groupName}</h3>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('groupMentions', { n: decision.mentions })}
          </Typography.Text>
        </Flex>
      }
    >
      <Typography.Paragraph type={decision.decided ? 'success' : 'warning'}>
        {decision.decided
          ? `${t('decidedAlready', { units: decision.units.map((u) => u.name).join('、') })}${
              decision.decidedBy && decision.decidedAt
                ? `（${t('correctedBy', { who: decision.decidedBy, when: formatInstant(decision.decidedAt) })}）`
                : ''
            }`
          : t('notDecided')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ unitIds: decision.units.map((u) => u.id) }}
        onFinish={(v) => save.mutate(v.unitIds)}
        disabled={save.isPending}
      >
        <Form.Item
          label={label}
          name="unitIds"
          rules={[{ required: true, type: 'array', min: 1, message: t('pickAtLeastOne') }]}
        >
          {few ? (
            <Checkbox.Group
              aria-label={label}
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
                gap: 6,
              }}
              options={candidates.map((u) => ({ value: u.id, label: u.name }))}
            />
          ) : (
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={candidates.map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('saveDecision')}
        </Button>
      </Form>
    </Card>
  );
}

interface UnknownValues {
  action: 'map' | 'create';
  unitId?: string;
  name?: string;
  fullName?: string;
  kind?: 'city_department' | 'district' | 'enterprise' | 'street' | 'other';
}

function UnknownUnit({ planId, unknown }: { planId: string; unknown: Unknown }) {
  const t = useT(importMessages);
  const pt = useT(planMessages);
  const units = useUnits();
  const updated = useReviewUpdate(planId);
  const [action, setAction] = useState<'map' | 'create'>('map');
  const save = useMutation({
    mutationFn: (body: ResolveUnknownUnitRequest) => resolveUnknownUnit(planId, body),
    onSuccess: updated,
  });
  const submit = (v: UnknownValues) => {
    if (v.action === 'map' && v.unitId) save.mutate({ name: unknown.name, action: 'map', unitId: v.unitId });
    if (v.action === 'create' && v.name && v.fullName && v.kind) {
      save.mutate({
        name: unknown.name,
        action: 'create',
        unit: { name: v.name.trim(), fullName: v.fullName.trim(), kind: v.kind },
      });
    }
  };
  const where = unknown.mentions.map((m) => `${m.task}.${m.seq}`).join('、');
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {unknown.resolved && <CheckCircleTwoTone twoToneColor="#52c41a" />}
          <h3 className="card-heading">{unknown.name}</h3>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('unknownMentions', { list: where })}
          </Typography.Text>
        </Flex>
      }
    >
      {unknown.resolved ? (
        <Typography.Text type="success">{t('resolved', { unit: unknown.unitName ?? '' })}</Typography.Text>
      ) : (
        <Form<UnknownValues>
          layout="vertical"
          initialValues={{
            action: 'map',
            name: unknown.name,
            fullName: unknown.name,
            kind: 'city_department',
          }}
          onValuesChange={(changed: Partial<UnknownValues>) => changed.action && setAction(changed.action)}
          onFinish={submit}
          disabled={save.isPending}
        >
          <Form.Item name="action">
            <Radio.Group
              options={[
                { value: 'map', label: t('mapToExisting') },
                { value: 'create', label: t('createNew') },
              ]}
            />
          </Form.Item>
          {action === 'map' ? (
            <Form.Item
              label={t('pickUnit')}
              name="unitId"
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={units.isPending}
                style={{ maxWidth: 360 }}
                options={(units.data?.units ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.name}（${u.fullName}）`,
                }))}
              />
            </Form.Item>
          ) : (
            <Flex gap={12} wrap>
              <Form.Item
                label={t('unitShortName')}
                name="name"
                rules={[{ required: true, whitespace: true, message: t('required') }]}
              >
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                label={t('unitFullName')}
                name="fullName"
                rules={[{ required: true, whitespace: true, message: t('required') }]}
              >
                <Input maxLength={100} style={{ width: 280 }} />
              </Form.Item>
              <Form.Item
                label={t('unitKind')}
                name="kind"
                rules={[{ required: true, message: t('required') }]}
              >
                <Select
                  style={{ width: 150 }}
                  options={(['city_department', 'district', 'enterprise', 'street', 'other'] as const).map(
                    (k) => ({
                      value: k,
                      label: pt(k),
                    }),
                  )}
                />
              </Form.Item>
            </Flex>
          )}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('resolve')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Settle what the parser could not: per-plan groups (`相关区政府`) and unknown unit names. */
export function DecisionsStep({ planId, review }: { planId: string; review: PlanReviewResponse }) {
  const t = useT(importMessages);
  return (
    <Flex vertical gap={16}>
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading" style={{ fontSize: 16, margin: '0 0 8px' }}>
          {t('decisionsTitle')}
        </h2>
        {review.decisions.length === 0 ? (
          <EmptyState description={t('decisionsNone')} />
        ) : (
          <Flex vertical gap={12}>
            {review.decisions.map((d) => (
              <GroupDecision key={d.groupId} planId={planId} decision={d} />
            ))}
          </Flex>
        )}
      </section>
      <section aria-labelledby="unknown-heading">
        <h2 id="unknown-heading" style={{ fontSize: 16, margin: '0 0 8px' }}>
          {t('unknownTitle')}
        </h2>
        {review.unknownUnits.length === 0 ? (
          <EmptyState description={t('unknownNone')} />
        ) : (
          <Flex vertical gap={12}>
            {review.unknownUnits.map((u) => (
              <UnknownUnit key={u.name} planId={planId} unknown={u} />
            ))}
          </Flex>
        )}
      </section>
    </Flex>
  );
}
