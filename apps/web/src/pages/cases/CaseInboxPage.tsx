/**
 * A unit's case inbox: what waits for it (dispatched to sign, signed or sent back to rectify). A case
 * is signed in one click or returned with the reason it is not the unit's; the rest opens the case.
 */
import type { CaseSummary } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { caseStep, invalidateCases, useCases } from '../../api/cases.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { caseColumns } from './caseColumns.tsx';
import { caseMessages } from './messages.ts';

const PAGE_SIZE = 20;

export function CaseInboxPage() {
  const t = useT(caseMessages);
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [returning, setReturning] = useState<CaseSummary | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const list = useCases({ awaitingMe: 'true', sort: 'dueOn', page, pageSize: PAGE_SIZE });
  const sign = useMutation({
    mutationFn: (v: { c: CaseSummary; decision: 'sign' | 'return'; comment?: string }) =>
      caseStep(v.c.id, 'sign', {
        version: v.c.version,
        decision: v.decision,
        ...(v.comment ? { comment: v.comment } : {}),
      }),
    onSuccess: async (_, v) => {
      getFeedback()?.message.success(t(v.decision === 'sign' ? 'signed' : 'returned'));
      setReturning(null);
      form.resetFields();
      await invalidateCases(qc);
    },
    onError: showError,
  });
  const columns: ColumnsType<CaseSummary> = [
    ...caseColumns(t, { unit: false }),
    {
      title: '',
      key: 'do',
      width: 150,
      render: (_, c) =>
        c.state === 'dispatched' ? (
          <Flex gap={4} wrap>
            <Button
              type="primary"
              size="small"
              aria-label={`${t('sign')} ${c.number}`}
              loading={sign.isPending && sign.variables?.c.id === c.id && sign.variables.decision === 'sign'}
              onClick={() => sign.mutate({ c, decision: 'sign' })}
            >
              {t('sign')}
            </Button>
            <Button size="small" aria-label={`${t('returnIt')} ${c.number}`} onClick={() => setReturning(c)}>
              {t('returnIt')}
            </Button>
          </Flex>
        ) : (
          <Link to={`/cases/${c.id}`} aria-label={`${t('open')} ${c.number}`}>
            {t('open')}
          </Link>
        ),
    },
  ];
  const body = () => {
    if (list.isPending) return <LoadingState />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
    if (list.data.total === 0) return <EmptyState description={t('inboxEmpty')} />;
    return (
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={list.data.cases}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
    );
  };
  return (
    <Page title={t('inboxTitle')} subtitle={t('inboxSubtitle')}>
      <Card size="small">{body()}</Card>
      <Modal
        open={!!returning}
        title={returning ? t('returnTitle', { number: returning.number }) : ''}
        okText={t('returnIt')}
        confirmLoading={sign.isPending}
        onCancel={() => setReturning(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            returning && sign.mutate({ c: returning, decision: 'return', comment: v.reason.trim() })
          }
        >
          <Form.Item
            name="reason"
            label={t('returnReason')}
            rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
