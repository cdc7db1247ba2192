import type { Report, ReportFormResponse } from '@lantian/contract';
import { Card, Table, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { LEDGER_PAGE_SIZE, useAssignmentReports } from '../../api/reports.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ReportStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { reportingMessages } from './messages.ts';

type EventKey = `event_${'create' | 'submit' | 'signoff' | 'signoff_reject' | 'accept' | 'return'}`;

/** The steps the shown report went through, with who and the comments. */
export function ReportHistory({ history }: { history: ReportFormResponse['history'] }) {
  const t = useT(reportingMessages);
  if (history.length === 0) return <Typography.Text type="secondary">{t('noHistory')}</Typography.Text>;
  return (
    <Timeline
      items={history.map((e, i) => ({
        key: `${e.at}-${i}`,
        color:
          e.action === 'return' || e.action === 'signoff_reject'
            ? 'red'
            : e.action === 'accept'
              ? 'green'
              : 'blue',
        content: (
          <>
            <Typography.Text strong style={{ display: 'block' }}>
              {`event_${e.action}` in reportingMessages ? t(`event_${e.action}` as EventKey) : e.action}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatInstant(e.at)} · {e.by ?? '—'}
            </Typography.Text>
            {e.comment && <div>{e.comment}</div>}
          </>
        ),
      }))}
    />
  );
}

/** Every report of the assignment (its ledger, 台账), exported by the server. */
export function ReportLedger({
  assignmentId,
  periodHref,
}: {
  assignmentId: string;
  periodHref: (key: string) => string;
}) {
  const t = useT(reportingMessages);
  const s = useT(supervisionMessages);
  const [page, setPage] = useState(1);
  const query = useAssignmentReports(assignmentId, page, LEDGER_PAGE_SIZE);
  const reports = query.data?.reports ?? [];
  const total = query.data?.total ?? 0;
  const status = (r: Report) => s(r.status === 'done' ? 'status_done' : r.status);
  const columns: ColumnsType<Report> = [
    {
      title: s('period'),
      dataIndex: 'period',
      width: 110,
      render: (p: string) => <Link to={periodHref(p)}>{p}</Link>,
    },
    {
      title: s('state'),
      dataIndex: 'state',
      width: 120,
      render: (x: Report['state']) => <ReportStateTag state={x} />,
    },
    { title: t('status'), key: 'status', width: 90, render: (_, r) => status(r) },
    {
      title: t('summary'),
      dataIndex: 'summary',
      render: (x: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x }} style={{ margin: 0 }}>
          {x || '—'}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (x: string | null) => (x ? formatInstant(x) : '—'),
    },
    {
      title: t('reviewComment'),
      dataIndex: 'reviewComment',
      width: 200,
      render: (x: string | null) => x ?? '—',
    },
  ];
  return (
    <Card
      size="small"
      title={<h2 className="card-heading">{t('ledgerCard')}</h2>}
      extra={<ExportButton list="assignment-reports" query={{ assignmentId }} disabled={total === 0} />}
    >
      {query.isPending ? (
        <LoadingState rows={3} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Report>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={reports}
          loading={query.isFetching}
          pagination={
            total > LEDGER_PAGE_SIZE
              ? {
                  current: page,
                  pageSize: LEDGER_PAGE_SIZE,
                  total,
                  onChange: setPage,
                  showSizeChanger: false,
                }
              : false
          }
          locale={{ emptyText: t('ledgerEmpty') }}
        />
      )}
    </Card>
  );
}
