import type { PlanReviewResponse, PublishPlanResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Result } from 'antd';
import { publishPlan } from '../../api/planEdits.ts';
import { planKeys } from '../../api/plans.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { importMessages } from './messages.ts';

/** What the supervisor sees right after publishing (the page itself then knows the plan is published). */
export function Published({ planId, result }: { planId: string; result: PublishPlanResponse }) {
  const t = useT(importMessages);
  return (
    <Result
      status="success"
      title={t('publishedTitle')}
      subTitle={t('publishedBody', { n: result.assignmentsCreated })}
      extra={[
        <LinkButton key="plan" type="primary" to={`/plans/${planId}`}>
          {t('viewPlan')}
        </LinkButton>,
        <LinkButton key="matrix" to={`/matrix?plan=${planId}`}>
          {t('goMatrix')}
        </LinkButton>,
      ]}
    />
  );
}

export function PublishStep({
  planId,
  review,
  onPublished,
}: {
  planId: string;
  review: PlanReviewResponse;
  onPublished: (result: PublishPlanResponse) => void;
}) {
  const t = useT(importMessages);
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => publishPlan(planId),
    onSuccess(result) {
      onPublished(result);
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['me', 'assignments'] });
    },
  });
  if (!review.readyToPublish) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('blockingTitle')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {review.blocking.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        }
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      title={t('readyTitle')}
      description={t('readyBody')}
      action={
        <Popconfirm
          title={t('publishConfirm')}
          okText={t('ok')}
          cancelText={t('cancel')}
          onConfirm={() => publish.mutate()}
        >
          <Button type="primary" loading={publish.isPending}>
            {t('publish')}
          </Button>
        </Popconfirm>
      }
    />
  );
}
