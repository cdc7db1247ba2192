import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Steps, Tabs, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/feedback.tsx';
import { importPlan } from '../../api/planEdits.ts';
import { planKeys, usePlans } from '../../api/plans.ts';
import { Page } from '../../components/Page.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { importMessages } from './messages.ts';

type Source = 'upload' | 'paste';

interface Values {
  text?: string;
  year?: number;
}

export function ImportPage() {
  const t = useT(importMessages);
  const { lang } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plans = usePlans();
  const [source, setSource] = useState<Source>('upload');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileMissing, setFileMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: ({ file, year }: { file: File; year?: number }) => importPlan(file, year),
    meta: { silent: true },
    onSuccess(result) {
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      navigate(`/plans/${result.plan.id}/review`);
    },
  });
  const drafts = (plans.data?.plans ?? []).filter((p) => p.status === 'draft');

  const submit = (values: Values) => {
    let file: File | undefined;
    if (source === 'upload') {
      file = files[0]?.originFileObj as File | undefined;
      if (!file) {
        setFileMissing(true);
        return;
      }
    } else {
      file = new File([values.text ?? ''], 'pasted-plan.txt', { type: 'text/plain' });
    }
    mutation.mutate({ file, year: values.year ?? undefined });
  };

  const parseError = mutation.error instanceof ApiError && mutation.error.code === 'PLAN_PARSE_FAILED';

  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      <Card>
        <Steps
          size="small"
          current={0}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('stepSource') },
            { title: t('stepPreview') },
            { title: t('stepDecide') },
            { title: t('stepPublish') },
          ]}
        />
        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={parseError ? t('parseFailed') : errorText(mutation.error, lang)}
            description={
              parseError ? `${errorText(mutation.error, lang)} ${t('parseFailedHint')}` : undefined
            }
          />
        )}
        <Form<Values>
          layout="vertical"
          onFinish={submit}
          disabled={mutation.isPending}
          style={{ maxWidth: 820 }}
        >
          <Tabs
            activeKey={source}
            onChange={(k) => setSource(k as Source)}
            items={[
              {
                key: 'upload',
                label: (
                  <span>
                    <InboxOutlined /> {t('sourceUpload')}
                  </span>
                ),
                children: (
                  <Form.Item
                    label={t('sourceUpload')}
                    required
                    validateStatus={fileMissing ? 'error' : undefined}
                    help={fileMissing ? t('fileRequired') : undefined}
                  >
                    <Upload.Dragger
                      accept=".txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values"
                      maxCount={1}
                      fileList={files}
                      beforeUpload={() => false}
                      onChange={({ fileList }) => {
                        setFiles(fileList.slice(-1));
                        setFileMissing(false);
                      }}
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{t('dropHint')}</p>
                      <p className="ant-upload-hint">{t('dropTypes')}</p>
                    </Upload.Dragger>
                  </Form.Item>
                ),
              },
              {
                key: 'paste',
                label: (
                  <span>
                    <FileTextOutlined /> {t('sourcePaste')}
                  </span>
                ),
                children: (
                  <Form.Item
                    label={t('pasteLabel')}
                    name="text"
                    rules={
                      source === 'paste'
                        ? [{ required: true, whitespace: true, message: t('pasteRequired') }]
                        : []
                    }
                  >
                    <Input.TextArea
                      rows={12}
                      placeholder={t('pastePlaceholder')}
                      style={{ fontFamily: 'monospace' }}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Form.Item label={t('yearLabel')} name="year" extra={t('yearHelp')}>
            <InputNumber min={1990} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {mutation.isPending ? t('importing') : t('importButton')}
          </Button>
        </Form>
      </Card>
      {drafts.length > 0 && (
        <Card size="small" title={<h2 className="card-heading">{t('drafts')}</h2>}>
          <List
            size="small"
            header={t('draftsHint')}
            dataSource={drafts}
            renderItem={(p) => (
              <List.Item>
                <Link to={`/plans/${p.id}/review`}>{p.title}</Link>
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>
                  {p.sourceFileName} · {formatInstant(p.importedAt)}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Page>
  );
}
