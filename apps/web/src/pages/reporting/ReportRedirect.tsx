import { Navigate, useParams } from 'react-router';
import { useReport } from '../../api/reports.ts';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';

/** A link to one report (from a message): opens its assignment's report page at the report's period. */
export function ReportRedirect() {
  const { reportId = '' } = useParams();
  const query = useReport(reportId);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const r = query.data.report;
  return <Navigate replace to={`/assignments/${r.assignmentId}?period=${encodeURIComponent(r.period)}`} />;
}
