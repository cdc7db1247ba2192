import { EditOutlined } from '@ant-design/icons';
import type { PublishPlanResponse } from '@lantian/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Flex, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { planKeys, useMeasures, usePlan } from '../../api/plans.ts';
import { schemaOf } from '../../api/schemas.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { PlanStatusTag } from '../plans/PlanStatusTag.tsx';
import { DecisionsStep } from './DecisionsStep.tsx';
import { importMessages } from './messages.ts';
import { PlanNameEditor } from './NameEditors.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { Published, PublishStep } from './PublishStep.tsx';

const STEPS = ['preview', 'decide', 'publish'] as const;
type Step = (typeof STEPS)[number];

/** Steps 3–5 of the import wizard for one draft; reopening it later finds every decision kept. */
export function ReviewPage() {
  const { planId = '' } = useParams();
  const t = useT(importMessages);
  const [params, setParams] = useSearchParams();
  const step: Step = STEPS.find((s) => s === params.get('step')) ?? 'preview';
  const go = (s: Step) => setParams({ step: s });
  const [editingPlan, setEditingPlan] = useState(false);
  const [justPublished, setJustPublished] = useState<PublishPlanResponse | null>(null);
  const detail = usePlan(planId);
  const measures = useMeasures(planId);
  const isDraft = detail.data?.plan.status === 'draft';
  const review = useQuery({
    queryKey: planKeys.review(planId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planReview(planId), { schema: schemaOf('PlanReviewResponse'), signal }),
    enabled: isDraft,
  });
  const corrections = useQuery({
    queryKey: planKeys.corrections(planId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planCorrections(planId), { schema: schemaOf('CorrectionsResponse'), signal }),
    enabled: isDraft,
  });

  if (detail.isPending || measures.isPending) return <LoadingState rows={12} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  if (measures.isError) return <ErrorState error={measures.error} onRetry={() => measures.refetch()} />;
  const plan = detail.data.plan;
  const published = !isDraft;

  const pending = review.data
    ? review.data.decisions.filter((d) => !d.decided).length +
      review.data.unknownUnits.filter((u) => !u.resolved).length
    : 0;

  return (
    <Page
      title={`${t('reviewTitle')} · ${plan.title}`}
      subtitle={
        <Flex gap={8} align="center" wrap>
          <PlanStatusTag status={plan.status} />
          {t('summary', {
            sections: detail.data.sections.length,
            tasks: detail.data.tasks.length,
            measures: measures.data.measures.length,
            warnings: detail.data.warnings.length,
          })}
          · {plan.year} · {plan.sourceFileName}
        </Flex>
      }
      extra={
        isDraft && (
          <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>
            {t('editPlan')}
          </Button>
        )
      }
    >
      {justPublished ? (
        <Card>
          <Published planId={planId} result={justPublished} />
        </Card>
      ) : published ? (
        <Alert
          type="info"
          showIcon
          title={t('notDraft')}
          action={
            <LinkButton to={`/plans/${planId}`} type="primary">
              {t('viewPlan')}
            </LinkButton>
          }
        />
      ) : (
        <>
          <Card size="small">
            <Steps
              size="small"
              current={STEPS.indexOf(step) + 2}
              onChange={(i) => i > 1 && go(STEPS[i - 2] ?? 'preview')}
              items={[
                { title: t('stepSource'), disabled: true },
                { title: t('stepColumns'), disabled: true },
                { title: t('stepPreview') },
                {
                  title: t('stepDecide'),
                  status: step === 'decide' ? 'process' : pending > 0 ? 'error' : 'finish',
                  description: pending > 0 ? `${pending}` : undefined,
                },
                { title: t('stepPublish') },
              ]}
            />
          </Card>
          <Card size="small">
            {step === 'preview' && (
              <PreviewStep planId={planId} detail={detail.data} measures={measures.data.measures} />
            )}
            {step !== 'preview' && review.isPending && <LoadingState />}
            {step !== 'preview' && review.isError && (
              <ErrorState error={review.error} onRetry={() => review.refetch()} />
            )}
            {step === 'decide' && review.data && <DecisionsStep planId={planId} review={review.data} />}
            {step === 'publish' && review.data && (
              <PublishStep planId={planId} review={review.data} onPublished={setJustPublished} />
            )}
            <Flex justify="space-between" style={{ marginTop: 16 }}>
              {step !== 'preview' ? (
                <Button onClick={() => go(STEPS[STEPS.indexOf(step) - 1] ?? 'preview')}>
                  {t('previous')}
                </Button>
              ) : (
                <span />
              )}
              {step !== 'publish' && (
                <Button type="primary" onClick={() => go(STEPS[STEPS.indexOf(step) + 1] ?? 'publish')}>
                  {t('next')}
                </Button>
              )}
            </Flex>
          </Card>
          {(corrections.data?.corrections.length ?? 0) > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'corrections',
                  label: t('corrections', { n: corrections.data?.corrections.length ?? 0 }),
                  children: (
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={corrections.data?.corrections}
                      columns={[
                        { title: t('field'), key: 'field', render: (_, x) => `${x.entity} · ${x.field}` },
                        {
                          title: t('reason'),
                          key: 'reason',
                          render: (_, x) => x.reason ?? <Typography.Text type="secondary">—</Typography.Text>,
                        },
                        {
                          title: '',
                          key: 'who',
                          width: 260,
                          render: (_, x) =>
                            t('correctedBy', { who: x.correctedBy, when: formatInstant(x.correctedAt) }),
                        },
                      ]}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
      {editingPlan && <PlanNameEditor plan={plan} onClose={() => setEditingPlan(false)} />}
    </Page>
  );
}
