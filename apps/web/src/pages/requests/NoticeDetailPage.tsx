import type { NoticeDetailResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Flex, Form, Input, Row, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { noticeDocxUrl, noticePdfUrl } from '../../api/documents.ts';
import { endpoints } from '../../api/endpoints.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { noticeActions, requestKeys, useNotice } from '../../api/requests.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { FlowStateTag, NoticeLevelTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';
import { useNoticePrint } from './NoticePrintSheet.tsx';
import { signoffMessages, signoffText } from './signoffText.ts';

/** One 督办单: the notice, its escalation and replies, and the reply or decision the viewer may give. */
export function NoticeDetailPage() {
  const { noticeId = '' } = useParams();
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const query = useNotice(noticeId);
  const printing = useNoticePrint(query.data);
  if (query.isPending) return <LoadingState rows={10} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const { notice: n } = query.data;
  return (
    <Page
      title={t('noticeTitle', { unit: n.unitName })}
      subtitle={
        <Flex gap={8} align="center" wrap>
          {n.number && <Typography.Text strong>{n.number}</Typography.Text>}
          <NoticeLevelTag level={n.level} />
          <FlowStateTag kind="notice" state={n.state} />
          <span>
            {t('replyDue')}：{n.replyDue}
          </span>
          {n.overdue && <Typography.Text type="danger">{s('overdue')}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          <Button onClick={printing.print}>{t('print')}</Button>
          <Button href={noticeDocxUrl(n.id)}>{t('downloadWord')}</Button>
          <Button href={noticePdfUrl(n.id)}>{t('downloadPdf')}</Button>
          <LinkButton to="/notices">{t('noticesTitle')}</LinkButton>
        </Flex>
      }
    >
      {printing.sheet}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <NoticeCard data={query.data} />
            {query.data.actions.reply && <ReplyCard data={query.data} reload={() => query.refetch()} />}
            {query.data.actions.decide && <DecideCard data={query.data} reload={() => query.refetch()} />}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <HistoryCard data={query.data} />
        </Col>
      </Row>
    </Page>
  );
}

function NoticeCard({ data }: { data: NoticeDetailResponse }) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const n = data.notice;
  return (
    <Card size="small" title={<h2 className="card-heading">{t('noticeCard')}</h2>}>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'level',
            label: t('level'),
            children: (
              <Flex gap={8} align="center">
                <NoticeLevelTag level={n.level} />
                {n.level !== n.initialLevel && n.escalatedAt && (
                  <Typography.Text type="danger">
                    {t('escalatedFrom')}（{formatInstant(n.escalatedAt)}）
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          ...(n.number ? [{ key: 'number', label: t('noticeNumber'), children: n.number }] : []),
          { key: 'unit', label: s('unit'), children: n.unitName },
          {
            key: 'measures',
            label: t('measures'),
            children: (
              <Flex vertical gap={4}>
                {n.measures.map((m) => (
                  <Link key={m.measureId} to={`/plans/${n.planId}/measures/${m.measureId}`}>
                    {s('measureNo', { no: `${m.task}.${m.seq}` })}
                    <Typography.Text
                      type="secondary"
                      ellipsis
                      style={{ marginInlineStart: 6, maxWidth: 420 }}
                    >
                      {m.text}
                    </Typography.Text>
                  </Link>
                ))}
              </Flex>
            ),
          },
          {
            key: 'reason',
            label: t('reason'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {n.reason}
              </Typography.Paragraph>
            ),
          },
          { key: 'due', label: t('replyDue'), children: n.replyDue },
          {
            key: 'issued',
            label: t('issuedAt'),
            children: `${formatInstant(n.issuedAt)} · ${n.issuedBy ?? '—'}`,
          },
        ]}
      />
    </Card>
  );
}

function HistoryCard({ data }: { data: NoticeDetailResponse }) {
  const t = useT(requestMessages);
  const so = useT(signoffMessages);
  const s = useT(supervisionMessages);
  const n = data.notice;
  const queryClient = useQueryClient();
  const items: { key: string; at: string; color: string; title: string; content?: React.ReactNode }[] = [
    {
      key: 'issued',
      at: n.issuedAt,
      color: n.initialLevel === 'red' ? 'red' : 'gold',
      title: t('hIssued', { level: s(`level_${n.initialLevel}`), due: n.replyDue }),
      content: n.issuedBy,
    },
  ];
  if (n.escalatedAt)
    items.push({ key: 'escalated', at: n.escalatedAt, color: 'red', title: t('hEscalated') });
  for (const r of data.replies) {
    items.push({
      key: `reply-${r.id}`,
      at: r.repliedAt,
      color: 'blue',
      title: `${t('hReplied')} · ${r.repliedBy ?? '—'}`,
      content: (
        <Flex vertical gap={6}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</Typography.Paragraph>
          {r.evidence.length > 0 && (
            <EvidenceList
              attachments={r.evidence}
              onChanged={() => void queryClient.invalidateQueries({ queryKey: requestKeys.notice(n.id) })}
            />
          )}
        </Flex>
      ),
    });
    if (r.signoff)
      items.push({
        key: `signoff-${r.id}`,
        at: r.signoff.at ?? r.repliedAt,
        color: r.signoff.state === 'approved' ? 'green' : r.signoff.state === 'returned' ? 'red' : 'gray',
        title: signoffText(so, { ...r.signoff, comment: null }),
        content: r.signoff.comment,
      });
    if (r.decision && r.decidedAt)
      items.push({
        key: `decision-${r.id}`,
        at: r.decidedAt,
        color: r.decision === 'accepted' ? 'green' : 'red',
        title: `${r.decision === 'accepted' ? t('hAccepted') : t('hSentBack')} · ${r.decidedBy ?? '—'}`,
        content: r.decisionComment,
      });
  }
  items.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card size="small" title={<h2 className="card-heading">{t('historyCard')}</h2>}>
      <Timeline
        items={items.map((i) => ({
          key: i.key,
          color: i.color,
          content: (
            <>
              <Typography.Text strong style={{ display: 'block' }}>
                {i.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {formatInstant(i.at)}
              </Typography.Text>
              {i.content}
            </>
          ),
        }))}
      />
    </Card>
  );
}

function ReplyCard({ data, reload }: { data: NoticeDetailResponse; reload: () => Promise<unknown> }) {
  const t = useT(requestMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const n = data.notice;
  const reply = useMutation({
    mutationFn: (text: string) => noticeActions.reply(n.id, { version: n.version, text: text.trim() }),
    meta: { silent: true },
    onSuccess(r) {
      queryClient.setQueryData(requestKeys.notice(n.id), r);
      getFeedback()?.message.success(t('replied'));
      form.resetFields();
      void invalidateSupervision(queryClient);
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('replyCard')}</h2>}>
      <Form
        form={form}
        name="noticeReply"
        layout="vertical"
        onFinish={(v) => reply.mutate(v.text)}
        disabled={reply.isPending}
      >
        <Form.Item
          label={t('replyText')}
          name="text"
          extra={t('replyHelp')}
          rules={[{ required: true, whitespace: true, message: t('replyRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item label={t('pendingEvidence')}>
          <EvidenceList
            attachments={data.pendingEvidence}
            uploadPath={data.actions.uploadEvidence ? endpoints.noticeEvidence(n.id) : undefined}
            canRemove={data.actions.uploadEvidence}
            onChanged={() => void queryClient.invalidateQueries({ queryKey: requestKeys.notice(n.id) })}
          />
        </Form.Item>
        <MutationAlert error={reply.error} onReload={() => void reload()} />
        <Button type="primary" htmlType="submit" loading={reply.isPending} style={{ marginTop: 8 }}>
          {t('sendReply')}
        </Button>
      </Form>
    </Card>
  );
}

function DecideCard({ data, reload }: { data: NoticeDetailResponse; reload: () => Promise<unknown> }) {
  const t = useT(requestMessages);
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const n = data.notice;
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      noticeActions.decide(n.id, {
        version: n.version,
        decision: decision === 'approve' ? 'accept' : 'send_back',
        comment: comment || undefined,
      }),
    meta: { silent: true },
    onMutate: ({ decision }) => setPending(decision),
    onSettled: () => setPending(null),
    onSuccess(r) {
      queryClient.setQueryData(requestKeys.notice(n.id), r);
      getFeedback()?.message.success(t('decisionDone'));
      void invalidateSupervision(queryClient);
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('decideCard')}</h2>}>
      <DecisionPanel
        approveLabel={t('acceptReply')}
        rejectLabel={t('sendBack')}
        rejectHint={t('sendBackHint')}
        pending={pending}
        error={decide.error}
        onReload={() => void reload()}
        onDecide={(decision, comment) => decide.mutate({ decision, comment })}
      />
    </Card>
  );
}
