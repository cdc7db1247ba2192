import { Button, Card, Col, Flex, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { reportKeys, useReportForm } from '../../api/reports.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { reportStateKey } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ClosureDrawer } from '../requests/ClosureDrawer.tsx';
import { RequestClosureModal } from '../requests/RequestClosureModal.tsx';
import { RequestExtensionModal } from '../requests/RequestExtensionModal.tsx';
import { AssignmentSide } from './AssignmentSide.tsx';
import { reportingMessages } from './messages.ts';
import { ReportForm } from './ReportForm.tsx';
import { ReportHistory, ReportLedger } from './ReportHistory.tsx';

/** 进度填报 of one assignment: the chosen period's report beside the assignment's light and periods. */
export function ReportPage() {
  const { assignmentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period') ?? undefined;
  const t = useT(reportingMessages);
  const s = useT(supervisionMessages);
  const query = useReportForm(assignmentId, periodParam);
  const [dialog, setDialog] = useState<'extension' | 'closure' | null>(null);
  const [closureId, setClosureId] = useState<string | null>(null);
  const periodHref = (key: string) => `/assignments/${assignmentId}?period=${encodeURIComponent(key)}`;

  if (query.isPending) return <LoadingState rows={12} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  const { assignment: a, period, periods, actions } = data;
  const no = `${a.task}.${a.seq}`;

  return (
    <Page
      title={`${t('pageTitle', { no })} · ${a.taskName}`}
      subtitle={t('subtitle', { unit: a.unitName, plan: a.planTitle })}
      extra={
        <>
          <LinkButton to={`/plans/${a.planId}/measures/${a.measureId}`}>{t('viewMeasure')}</LinkButton>
          <PrintButton />
          {actions.requestExtension && (
            <Button onClick={() => setDialog('extension')}>{t('requestExtension')}</Button>
          )}
          {actions.requestClosure && (
            <Button onClick={() => setDialog('closure')}>{t('requestClosure')}</Button>
          )}
          {data.openClosure && (
            <Button
              type={data.openClosure.state === 'draft' ? 'primary' : 'default'}
              onClick={() => setClosureId(data.openClosure?.id ?? null)}
            >
              {data.openClosure.state === 'draft' ? t('continueClosure') : t('viewClosure')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small">
        <Typography.Paragraph
          ellipsis={{ rows: 2, expandable: 'collapsible' }}
          style={{ margin: 0, whiteSpace: 'pre-line' }}
        >
          {a.text}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card
              size="small"
              title={
                <h2 className="card-heading">
                  {period ? t('formCard', { period: period.key }) : t('title')}
                </h2>
              }
              extra={
                periods.length > 0 && (
                  <Select
                    aria-label={t('periodSelect')}
                    value={period?.key}
                    style={{ width: 260 }}
                    popupMatchSelectWidth={false}
                    showSearch={{ optionFilterProp: 'label' }}
                    onChange={(key) => setParams({ period: key }, { replace: true })}
                    options={[...periods].reverse().map((p) => ({
                      value: p.key,
                      label: `${t('periodOption', { key: p.key, due: p.due })} · ${s(reportStateKey(p.state))}${p.late ? ` · ${t('late')}` : ''}`,
                    }))}
                  />
                )
              }
            >
              <ReportForm
                data={data}
                queryKey={reportKeys.form(assignmentId, periodParam)}
                onReload={() => query.refetch()}
              />
            </Card>
            <Card size="small" title={<h2 className="card-heading">{t('historyCard')}</h2>}>
              <ReportHistory history={data.history} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <AssignmentSide data={data} periodHref={periodHref} />
        </Col>
      </Row>
      <ReportLedger assignmentId={assignmentId} periodHref={periodHref} />
      {dialog === 'extension' && <RequestExtensionModal assignment={a} onClose={() => setDialog(null)} />}
      {dialog === 'closure' && (
        <RequestClosureModal
          assignment={a}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            setClosureId(id);
          }}
        />
      )}
      {closureId && <ClosureDrawer closureId={closureId} onClose={() => setClosureId(null)} />}
    </Page>
  );
}
