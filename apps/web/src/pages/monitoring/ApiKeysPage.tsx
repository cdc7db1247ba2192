/** API 密钥 (security administrator): issue (the key shown once), list by prefix, revoke. */
import type { ApiKeysResponse, ApiKeyView } from '@lantian/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client.ts';
import { schemaOf } from '../../api/schemas.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { apiKeyMessages } from './apiKeyMessages.ts';

const KEYS = ['monitoring', 'api-keys'];

export function ApiKeysPage() {
  const t = useT(apiKeyMessages);
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; scopes: string[]; indicators?: string }>();
  const list = useQuery({
    queryKey: KEYS,
    queryFn: ({ signal }) =>
      api.get<ApiKeysResponse>('/api-keys', { schema: schemaOf('ApiKeysResponse'), signal }),
  });
  const issue = useMutation({
    mutationFn: (v: { name: string; scopes: string[]; indicators?: string }) =>
      api.post<{ key: string }>('/api-keys', {
        name: v.name,
        scopes: v.scopes,
        ...(v.indicators?.trim() ? { indicators: v.indicators.split(/[,，\s]+/).filter(Boolean) } : {}),
      }),
    onSuccess: () => {
      form.resetFields();
      qc.invalidateQueries({ queryKey: KEYS });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post(`/api-keys/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEYS }),
  });
  const when = (v: string | null) => (v ? formatInstant(v, 'YYYY-MM-DD HH:mm') : '—');
  const columns: ColumnsType<ApiKeyView> = [
    { title: t('name'), dataIndex: 'name' },
    { title: t('colPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
    {
      title: t('scopes'),
      dataIndex: 'scopes',
      render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
    },
    {
      title: t('indicators'),
      dataIndex: 'indicators',
      render: (v: string[] | null) => (v ? v.join('、') : t('all')),
    },
    { title: t('colCreated'), dataIndex: 'createdAt', render: when },
    { title: t('colUsed'), dataIndex: 'lastUsedAt', render: when },
    {
      title: t('colState'),
      render: (_: unknown, r: ApiKeyView) =>
        r.revokedAt ? (
          <Tag>{t('revoked')}</Tag>
        ) : (
          <Flex gap={8} align="center">
            <Tag color="green">{t('active')}</Tag>
            <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
              <Button size="small" danger>
                {t('revoke')}
              </Button>
            </Popconfirm>
          </Flex>
        ),
    },
  ];
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} />;
  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      <Form form={form} layout="inline" onFinish={(v) => issue.mutate(v)} style={{ marginBottom: 16 }}>
        <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('scopes')}
          rules={[{ required: true }]}
          initialValue={['values:write']}
        >
          <Checkbox.Group options={['values:write', 'alarms:write']} />
        </Form.Item>
        <Form.Item name="indicators" label={t('indicators')}>
          <Input style={{ width: 200 }} placeholder="pm25, tsp" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={issue.isPending}>
          {t('issue')}
        </Button>
      </Form>
      {issue.isError && <ErrorState error={issue.error} />}
      {issue.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t('issued')}{' '}
              <Typography.Text copyable code>
                {issue.data.key}
              </Typography.Text>
            </>
          }
        />
      )}
      <Table<ApiKeyView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data.apiKeys}
        pagination={false}
      />
    </Page>
  );
}
