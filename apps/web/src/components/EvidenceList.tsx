import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Attachment } from '@lantian/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText, getFeedback } from '../api/feedback.tsx';
import { deleteEvidence, uploadEvidence } from '../api/reports.ts';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { formatInstant } from '../lib/time.ts';
import { supervisionMessages } from './supervisionMessages.ts';

/** What the file picker offers; the server decides from the bytes, this only spares a wasted upload. */
const ACCEPT = '.pdf,.ofd,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.gif,.webp';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Evidence files (佐证材料): each with a download link; with `uploadPath`, an upload button (antd Upload)
 * with the size and type limits written under it and each refusal shown in the server's words.
 */
export function EvidenceList({
  attachments,
  uploadPath,
  canRemove = false,
  onChanged,
}: {
  attachments: readonly Attachment[];
  uploadPath?: string;
  canRemove?: boolean;
  onChanged: () => void;
}) {
  const t = useT(supervisionMessages);
  const { lang } = useLocale();
  const [failures, setFailures] = useState<{ name: string; reason: string }[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: deleteEvidence,
    meta: { silent: true },
    onSuccess: onChanged,
  });

  return (
    <Flex vertical gap={8}>
      {attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('noEvidence')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={[...attachments]}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a
                  key="dl"
                  href={a.downloadUrl}
                  download={a.fileName}
                  aria-label={`${t('download')} ${a.fileName}`}
                >
                  {t('download')}
                </a>,
                ...(canRemove
                  ? [
                      <Popconfirm
                        key="rm"
                        title={t('removeConfirm')}
                        okText={t('confirm')}
                        cancelText={t('cancel')}
                        onConfirm={() => remove.mutate(a.id)}
                      >
                        <Button
                          type="link"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`${t('remove')} ${a.fileName}`}
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Flex gap={8} align="baseline" wrap style={{ minWidth: 0 }}>
                <PaperClipOutlined aria-hidden />
                <Typography.Text ellipsis={{ tooltip: a.fileName }} style={{ maxWidth: 360 }}>
                  {a.fileName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(a.size)} ·{' '}
                  {t('uploadedBy', { who: a.uploadedBy ?? '—', time: formatInstant(a.uploadedAt) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {uploadPath && (
        <>
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              const f = file as File;
              setBusy(f.name);
              try {
                const result = await uploadEvidence(uploadPath, f);
                setFailures((list) => list.filter((x) => x.name !== f.name));
                getFeedback()?.message.success(t('uploaded', { name: result.attachment.fileName }));
                onSuccess?.(result);
                onChanged();
              } catch (error) {
                setFailures((list) => [
                  ...list.filter((x) => x.name !== f.name),
                  { name: f.name, reason: errorText(error, lang) },
                ]);
                onError?.(error as Error);
              } finally {
                setBusy(null);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={!!busy}>
              {busy ? t('uploading', { name: busy }) : t('uploadEvidence')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evidenceLimits')}
          </Typography.Text>
          {failures.map((f) => (
            <Alert
              key={f.name}
              type="error"
              showIcon
              role="alert"
              closable={{ onClose: () => setFailures((list) => list.filter((x) => x.name !== f.name)) }}
              title={t('uploadFailed', { name: f.name, reason: f.reason })}
            />
          ))}
        </>
      )}
      {remove.isError && <Alert type="error" showIcon role="alert" title={errorText(remove.error, lang)} />}
    </Flex>
  );
}
