import type { PlanSummary } from '@lantian/contract';
import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { usePlans } from '../../api/plans.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { paren } from '../../i18n/punctuation.ts';
import { pickPlan } from '../board/boardQuery.ts';
import { overviewMessages } from './messages.ts';

/** The published plan an overview page shows: `?plan=` when given, else the latest published one. */
export function usePickedPlan() {
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const published = (plans.data?.plans ?? []).filter((p) => p.status === 'published');
  const requested = params.get('plan');
  const picked: PlanSummary | undefined = pickPlan(plans.data?.plans ?? [], requested);
  const pick = (planId: string) => {
    const next = new URLSearchParams(params);
    next.set('plan', planId);
    setParams(next, { replace: true });
  };
  return { plans, published, picked, pick };
}

export function PlanPicker({
  published,
  picked,
  pick,
}: Pick<ReturnType<typeof usePickedPlan>, 'published' | 'picked' | 'pick'>) {
  const t = useT(overviewMessages);
  if (published.length <= 1) return null;
  return (
    <Select
      aria-label={t('plan')}
      style={{ width: 280 }}
      value={picked?.id}
      onChange={pick}
      options={published.map((p) => ({ value: p.id, label: paren(p.title, String(p.year)) }))}
    />
  );
}
