import type { Report } from '@lantian/contract';
import { Alert, Steps } from 'antd';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { reportingMessages } from './messages.ts';

/** Where a report is in its flow: staff → leader sign-off → review by the lead (or the office) → accepted. */
export function ReportSteps({ report }: { report: Report | null }) {
  const t = useT(reportingMessages);
  const state = report?.state ?? 'draft';
  const current = { draft: 0, returned: 0, pending_signoff: 1, submitted: 2, accepted: 3 }[state];
  const returnedByReviewer = state === 'returned';
  return (
    <Steps
      size="small"
      current={current}
      status={returnedByReviewer ? 'error' : state === 'accepted' ? 'finish' : 'process'}
      items={[
        { title: returnedByReviewer ? t('event_return') : t('stepDraft') },
        { title: t('stepSignoff') },
        { title: report?.reviewRoute === 'supervisor' ? t('stepReviewSupervisor') : t('stepReviewLead') },
        { title: t('stepDone') },
      ]}
    />
  );
}

/** The comments that came back with the report: a return, a leader's refusal, an acceptance. */
export function ReportComments({ report }: { report: Report | null }) {
  const t = useT(reportingMessages);
  if (!report) return null;
  if (report.state === 'returned' && report.reviewComment) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('returnedAlert', { comment: report.reviewComment })}
        description={t('returnedBy', {
          who: report.reviewedBy ?? '—',
          time: report.reviewedAt ? formatInstant(report.reviewedAt) : '—',
        })}
      />
    );
  }
  if (report.state === 'draft' && report.signoffComment) {
    return (
      <Alert type="warning" showIcon title={t('signoffRejectedAlert', { comment: report.signoffComment })} />
    );
  }
  if (report.state === 'accepted') {
    return (
      <Alert
        type="success"
        showIcon
        title={t('acceptedAlert', {
          who: report.reviewedBy ?? '—',
          time: report.reviewedAt ? formatInstant(report.reviewedAt) : '—',
          comment: report.reviewComment ?? '',
        })}
      />
    );
  }
  return null;
}
