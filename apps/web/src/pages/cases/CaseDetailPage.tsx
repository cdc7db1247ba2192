/** One case: its facts and place, linked cases, the timeline of every step, evidence, and what to do now. */
import type { CaseEvent } from '@lantian/contract';
import { Col, Descriptions, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCase } from '../../api/cases.ts';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseStateTag, coords } from './caseColumns.tsx';
import { caseDetailMessages } from './detailMessages.ts';
import { caseMessages } from './messages.ts';

type ActKey = `act_${string}`;

export function CaseDetailPage() {
  const { caseId = '' } = useParams();
  const t = useT(caseMessages);
  const d = useT(caseDetailMessages);
  const query = useCase(caseId);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const c = query.data.case;
  const act = (e: CaseEvent) => {
    const key = `act_${e.action}` as ActKey;
    return key in caseDetailMessages ? d(key as keyof typeof caseDetailMessages) : e.action;
  };
  const due = (e: CaseEvent) => {
    const v = e.detail?.dueOn ?? e.detail?.requestedDue;
    return typeof v === 'string' ? ` · ${d('dueDetail', { due: v })}` : '';
  };
  const place = [c.district, c.street, c.address].filter(Boolean).join(' ');
  const showEvidence = !(c.actions.uploadEvidence || c.actions.feedback);
  return (
    <Page
      title={d('title', { number: c.number })}
      subtitle={
        <Flex gap={6} wrap align="center">
          <CaseStateTag state={c.state} t={t} />
          <Tag>{c.categoryName}</Tag>
          <Tag color={c.severity === 'high' ? 'red' : undefined}>{t(`severity_${c.severity}`)}</Tag>
          {c.overdue && <Tag color="red">{t('overdue')}</Tag>}
          {c.escalatedAt && <Tag color="volcano">{t('escalated')}</Tag>}
        </Flex>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Descriptions size="small" bordered column={1} title={d('facts')} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('colDescription')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {c.description}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={d('place')}>
              {place}
              {coords(c) && <Typography.Text type="secondary"> （{coords(c)}）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('colOrigin')}>
              {t(`origin_${c.origin}`)} · {c.source}
              {c.externalId ? ` · ${c.externalId}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('colOccurred')}>{formatInstant(c.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('colReported')}>{formatInstant(c.reportedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('colUnit')}>{c.unitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('colDue')}>{c.dueOn ?? '—'}</Descriptions.Item>
            {c.extension && (
              <Descriptions.Item label={d('stepExtension')}>
                {d(`extensionState_${c.extension.state}`, { due: c.extension.requestedDue })}
                {c.extension.decisionComment ? `：${c.extension.decisionComment}` : ''}
              </Descriptions.Item>
            )}
            {c.closedAt && (
              <Descriptions.Item label={t('colClosed')}>{formatInstant(c.closedAt)}</Descriptions.Item>
            )}
            {c.revisitOn && <Descriptions.Item label={d('revisitFrom')}>{c.revisitOn}</Descriptions.Item>}
            {c.feedbackText && (
              <Descriptions.Item label={d('feedbackText')}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {c.feedbackText}
                </Typography.Paragraph>
              </Descriptions.Item>
            )}
            {c.linked.length > 0 && (
              <Descriptions.Item label={d('linked')}>
                <Flex vertical gap={2}>
                  {c.linked.map((l) => (
                    <span key={l.id}>
                      {d(`rel_${l.relation}`)} <Link to={`/cases/${l.id}`}>{l.number}</Link>（
                      {t(`state_${l.state}`)}）
                    </span>
                  ))}
                </Flex>
              </Descriptions.Item>
            )}
          </Descriptions>
          {showEvidence && (
            <>
              <Typography.Title level={5}>{d('evidence')}</Typography.Title>
              <EvidenceList attachments={c.evidence} onChanged={() => query.refetch()} />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {d('timeline')}
          </Typography.Title>
          <Timeline
            items={c.timeline.map((e) => ({
              key: e.id,
              color: ['void', 'return', 'rework', 'reopen', 'escalate'].includes(e.action) ? 'red' : 'blue',
              content: (
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong>{act(e)}</Typography.Text>
                    {due(e)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatInstant(e.at)} · {e.by ?? d('system')}
                    {e.byUnitName ? `（${e.byUnitName}）` : ''}
                  </Typography.Text>
                  {e.comment && <Typography.Text>{e.comment}</Typography.Text>}
                </Flex>
              ),
            }))}
          />
        </Col>
        <Col xs={24} lg={10}>
          <CaseActions c={c} onReload={() => query.refetch()} />
        </Col>
      </Row>
    </Page>
  );
}
