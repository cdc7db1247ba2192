import type { ReportState } from '@lantian/contract';
import { Tag } from 'antd';
import { useT } from '../i18n/LocaleProvider.tsx';
import { supervisionMessages } from './supervisionMessages.ts';

type Key = keyof typeof supervisionMessages;

const REPORT_COLORS: Record<ReportState | 'none', string> = {
  none: 'default',
  draft: 'default',
  pending_signoff: 'processing',
  submitted: 'blue',
  accepted: 'success',
  returned: 'error',
};

/** The message key of a report state (null: nothing written for the period). */
export const reportStateKey = (s: ReportState | null | undefined): Key => `report_${s ?? 'none'}` as Key;

export function ReportStateTag({ state }: { state: ReportState | null | undefined }) {
  const t = useT(supervisionMessages);
  return (
    <Tag color={REPORT_COLORS[state ?? 'none']} style={{ marginInlineEnd: 0 }}>
      {t(reportStateKey(state))}
    </Tag>
  );
}

const FLOW_COLORS: Record<string, string> = {
  issued: 'warning',
  replied: 'processing',
  sent_back: 'error',
  accepted: 'success',
  pending_lead: 'processing',
  pending_supervisor: 'blue',
  approved: 'success',
  refused: 'error',
  draft: 'default',
  closed: 'success',
  rejected: 'error',
};

/** The state of a notice, extension or closure request, in words and colour. */
export function FlowStateTag({ kind, state }: { kind: 'notice' | 'extension' | 'closure'; state: string }) {
  const t = useT(supervisionMessages);
  return (
    <Tag color={FLOW_COLORS[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`${kind}_${state}` as Key)}
    </Tag>
  );
}

/** 黄牌 / 红牌 */
export function NoticeLevelTag({ level }: { level: 'yellow' | 'red' }) {
  const t = useT(supervisionMessages);
  return (
    <Tag color={level === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
      {t(`level_${level}`)}
    </Tag>
  );
}
