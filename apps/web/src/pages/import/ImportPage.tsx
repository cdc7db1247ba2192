import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import type { ColumnChoice, ColumnRole, ImportPreviewResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Steps, Tabs, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/feedback.tsx';
import { type ImportInput, importPlan, previewImport } from '../../api/planEdits.ts';
import { planKeys, usePlans } from '../../api/plans.ts';
import { Page } from '../../components/Page.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { ColumnMappingStep } from './ColumnMappingStep.tsx';
import { DuplicateChoice, duplicateOf } from './DuplicateChoice.tsx';
import { importMessages } from './messages.ts';

type Source = 'upload' | 'paste';

interface Values {
  text?: string;
  year?: number;
}

/** The files the intake reads (the server decides by the bytes; this only filters the picker). */
const ACCEPT = '.docx,.xlsx,.html,.htm,.pdf,.txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values';

/** Steps 1–2 of the import wizard: the file, then its columns; the draft's review follows. */
export function ImportPage() {
  const t = useT(importMessages);
  const { lang } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plans = usePlans();
  const [source, setSource] = useState<Source>('upload');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileMissing, setFileMissing] = useState(false);
  const [input, setInput] = useState<Pick<ImportInput, 'file' | 'year'> | null>(null);
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  /** The full mapping once the supervisor changed a role; until then the server's reading stands. */
  const [chosen, setChosen] = useState<ColumnChoice | undefined>(undefined);

  const previewing = useMutation({
    mutationFn: previewImport,
    meta: { silent: true },
    onSuccess: setPreview,
  });
  const importing = useMutation({
    mutationFn: importPlan,
    meta: { silent: true },
    onSuccess(result) {
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      navigate(`/plans/${result.plan.id}/review`);
    },
  });
  const drafts = (plans.data?.plans ?? []).filter((p) => p.status === 'draft');
  const duplicate = duplicateOf(importing.error);
  const failure = duplicate ? null : (importing.error ?? previewing.error);

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
    const next = { file, year: values.year ?? undefined };
    setInput(next);
    setChosen(undefined);
    importing.reset();
    previewing.mutate(next);
  };

  const changeRole = (header: string, role: ColumnRole) => {
    if (!input || !preview) return;
    const mapping = { ...Object.fromEntries(preview.columns.map((c) => [c.header, c.role])), [header]: role };
    setChosen(mapping);
    importing.reset();
    previewing.mutate({ ...input, columns: mapping });
  };

  const doImport = (asNewVersionOf?: string) => {
    if (input) importing.mutate({ ...input, columns: chosen, asNewVersionOf });
  };

  const back = () => {
    setPreview(null);
    setChosen(undefined);
    importing.reset();
    previewing.reset();
  };

  const parseError =
    failure instanceof ApiError &&
    (failure.code === 'PLAN_PARSE_FAILED' || failure.code === 'UNSUPPORTED_MEDIA_TYPE');
  const step = preview ? 1 : 0;

  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      <Card>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('stepSource') },
            { title: t('stepColumns') },
            { title: t('stepPreview') },
            { title: t('stepDecide') },
            { title: t('stepPublish') },
          ]}
        />
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={parseError ? t('parseFailed') : errorText(failure, lang)}
            description={parseError ? `${errorText(failure, lang)} ${t('parseFailedHint')}` : undefined}
          />
        )}
        {duplicate && (
          <DuplicateChoice
            duplicate={duplicate}
            busy={importing.isPending}
            onNewVersion={(id) => doImport(id)}
            onCancel={() => importing.reset()}
          />
        )}
        {preview ? (
          <ColumnMappingStep
            preview={preview}
            busy={previewing.isPending}
            importing={importing.isPending}
            onRoleChange={changeRole}
            onBack={back}
            onImport={() => doImport()}
          />
        ) : (
          <Form<Values>
            layout="vertical"
            onFinish={submit}
            disabled={previewing.isPending}
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
                        accept={ACCEPT}
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
            <Button type="primary" htmlType="submit" loading={previewing.isPending}>
              {previewing.isPending ? t('importing') : t('readColumns')}
            </Button>
          </Form>
        )}
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
