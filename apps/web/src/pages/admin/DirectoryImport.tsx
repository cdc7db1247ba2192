/**
 * 导入 / 导出 on the directory page (issue 8 §3): the export in the import's columns (xlsx or CSV), and the
 * import — a preview of what would be created and changed with every bad row by line and column, then
 * one confirmed write. Only the system administrator imports (the server decides; the button follows).
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { DirectoryImportPreview } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/feedback.tsx';
import { directoryKeys } from '../../api/plans.ts';
import { schemaOf } from '../../api/schemas.ts';
import { DownloadButton } from '../../components/ExportButton.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from '../plans/messages.ts';
import { directoryImportMessages } from './directoryImportMessages.ts';

const form = (file: File) => {
  const f = new FormData();
  f.append('file', file, file.name);
  return f;
};

export function DirectoryExportButtons() {
  const t = useT(directoryImportMessages);
  return (
    <>
      <DownloadButton path="/directory/export" query={{ format: 'xlsx' }} icon={<DownloadOutlined />}>
        {t('exportButton')}
      </DownloadButton>
      <DownloadButton path="/directory/export" query={{ format: 'csv' }} icon={<DownloadOutlined />}>
        {t('exportCsv')}
      </DownloadButton>
    </>
  );
}

export function DirectoryImportButton() {
  const t = useT(directoryImportMessages);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('importButton')}
      </Button>
      {open && <DirectoryImportModal onClose={() => setOpen(false)} />}
    </>
  );
}

function DirectoryImportModal({ onClose }: { onClose: () => void }) {
  const t = useT(directoryImportMessages);
  const pt = useT(planMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({
    mutationFn: (f: File) =>
      api.post('/directory/import/preview', form(f), { schema: schemaOf('DirectoryImportPreview') }),
    meta: { silent: true },
  });
  const apply = useMutation({
    mutationFn: ({ f, digest }: { f: File; digest: string }) =>
      api.post('/directory/import', form(f), {
        schema: schemaOf('DirectoryImportResponse'),
        query: { digest },
      }),
    meta: { silent: true },
    onSuccess() {
      void queryClient.invalidateQueries({ queryKey: directoryKeys.units });
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groups });
    },
  });
  const p: DirectoryImportPreview | undefined = preview.data;
  const done = apply.data;
  const canApply = !!p && !!file && p.problems.length === 0 && p.creates.length + p.updates.length > 0;
  const field = (k: string) => t(`f_${k}` as keyof typeof directoryImportMessages);
  const list = (xs: string[]) => xs.join('、');
  return (
    <Modal
      open
      width={960}
      title={t('title')}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('close')}</Button>
          {!done && (
            <Button
              type="primary"
              disabled={!canApply}
              loading={apply.isPending}
              onClick={() => file && p && apply.mutate({ f: file, digest: p.digest })}
            >
              {t('apply')}
            </Button>
          )}
        </Flex>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Upload
        accept=".csv,.xlsx,.tsv,.txt"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          setFile(f);
          apply.reset();
          preview.mutate(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={preview.isPending}>
          {preview.isPending ? t('previewing') : t('choose')}
        </Button>
      </Upload>
      {(preview.isError || apply.isError) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          title={errorText(preview.error ?? apply.error, lang)}
        />
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginTop: 12 }}
          title={t('done', {
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            groups: done.groupsCreated,
          })}
        />
      )}
      {p && !done && (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Typography.Text strong>
            {t('summary', {
              file: p.fileName,
              rows: p.rows,
              created: p.creates.length,
              updated: p.updates.length,
              renamed: p.updates.filter((u) => u.renamedFrom).length,
              unchanged: p.unchanged,
              groups: p.newGroups.length,
            })}
          </Typography.Text>
          {p.problems.length > 0 && (
            <>
              <Alert type="error" showIcon title={t('problemsTitle', { n: p.problems.length })} />
              <Table
                size="small"
                rowKey={(r) => `${r.line}-${r.cell ?? ''}-${r.message}`}
                dataSource={p.problems}
                pagination={p.problems.length > 20 ? { pageSize: 20 } : false}
                aria-label={t('problemsTitle', { n: p.problems.length })}
                columns={[
                  { title: t('line'), dataIndex: 'line', width: 70 },
                  { title: t('column'), dataIndex: 'column', width: 120 },
                  { title: t('cell'), dataIndex: 'cell', width: 80 },
                  { title: t('problem'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
          {p.problems.length === 0 && p.creates.length + p.updates.length === 0 && (
            <Alert type="info" showIcon title={t('noChanges')} />
          )}
          {p.newGroups.length > 0 && (
            <Typography.Text>{t('newGroups', { names: list(p.newGroups) })}</Typography.Text>
          )}
          {p.creates.length > 0 && (
            <Table
              size="small"
              title={() => t('creates', { n: p.creates.length })}
              aria-label={t('creates', { n: p.creates.length })}
              rowKey="line"
              dataSource={p.creates}
              pagination={p.creates.length > 20 ? { pageSize: 20 } : false}
              columns={[
                { title: t('line'), dataIndex: 'line', width: 70 },
                { title: t('name'), dataIndex: 'name' },
                { title: t('kind'), dataIndex: 'kind', width: 100, render: (k: string) => pt(k as 'other') },
                { title: t('aliases'), dataIndex: 'aliases', render: list },
                { title: t('groups'), dataIndex: 'groups', render: list },
                { title: t('parent'), dataIndex: 'parent' },
                {
                  title: t('jurisdiction'),
                  dataIndex: 'jurisdiction',
                  render: (j: string | null) => (j === null ? t('ownJurisdiction') : j || t('noPlace')),
                },
                {
                  title: t('disabled'),
                  dataIndex: 'disabled',
                  width: 70,
                  render: (d: boolean) => (d ? <Tag>{t('disabled')}</Tag> : null),
                },
              ]}
            />
          )}
          {p.updates.length > 0 && (
            <Table
              size="small"
              title={() => t('updates', { n: p.updates.length })}
              aria-label={t('updates', { n: p.updates.length })}
              rowKey="line"
              dataSource={p.updates}
              pagination={p.updates.length > 20 ? { pageSize: 20 } : false}
              columns={[
                { title: t('line'), dataIndex: 'line', width: 70 },
                { title: t('name'), render: (_, u) => u.after.name },
                { title: t('renamedFrom'), dataIndex: 'renamedFrom' },
                {
                  title: t('changed'),
                  render: (_, u) => u.changed.map((c) => <Tag key={c}>{field(c)}</Tag>),
                },
                { title: t('aliases'), render: (_, u) => list(u.after.aliases) },
              ]}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
