import { Card } from 'antd';
import { reportKeys, useReportForm } from '../../api/reports.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ReportForm } from '../reporting/ReportForm.tsx';
import { planMessages } from './messages.ts';

/** The report form of the viewer's own unit, on the measure page (the full page has periods and history). */
export function OwnReportCard({ assignmentId }: { assignmentId: string }) {
  const t = useT(planMessages);
  const query = useReportForm(assignmentId);
  return (
    <Card
      size="small"
      title={
        <h2 className="card-heading">
          {t('ownReportCard')}
          {query.data?.period ? ` · ${query.data.period.key}` : ''}
        </h2>
      }
      extra={
        <LinkButton to={`/assignments/${assignmentId}`} size="small">
          {t('openReport')}
        </LinkButton>
      }
    >
      {query.isPending ? (
        <LoadingState rows={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <ReportForm
          data={query.data}
          queryKey={reportKeys.form(assignmentId)}
          onReload={() => query.refetch()}
        />
      )}
    </Card>
  );
}
