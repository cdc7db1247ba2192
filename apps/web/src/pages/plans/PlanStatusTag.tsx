import type { PlanStatus } from '@lantian/contract';
import { Tag } from 'antd';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from './messages.ts';

const COLORS: Record<PlanStatus, string> = { draft: 'gold', published: 'green', archived: 'default' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const t = useT(planMessages);
  return <Tag color={COLORS[status]}>{t(status)}</Tag>;
}
