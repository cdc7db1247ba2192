/** The office's uploads: a values file for the selected indicator, or another city's areas table. */
import { UploadOutlined } from '@ant-design/icons';
import type { RejectedRow } from '@lantian/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, List, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/feedback.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { monitoringMessages } from './messages.ts';

type Outcome = { ok: true; text: string } | { ok: false; text: string; rejected: RejectedRow[] };

export function DataUpload({ indicator }: { indicator: string | undefined }) {
  const t = useT(monitoringMessages);
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>();
  const send = async (path: string, file: File, done: (r: Record<string, number>) => string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const r = await api.post<Record<string, number>>(path, form);
      setOutcome({ ok: true, text: done(r) });
      await qc.invalidateQueries({ queryKey: ['monitoring'] });
    } catch (e) {
      const details = (e as { details?: { rejected?: RejectedRow[] } }).details;
      setOutcome({ ok: false, text: errorText(e), rejected: details?.rejected ?? [] });
    }
    return false;
  };
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Flex gap={8}>
        <Upload
          accept=".csv,.tsv,.txt,.xlsx"
          showUploadList={false}
          disabled={!indicator}
          beforeUpload={(file) =>
            send(`/indicators/${encodeURIComponent(indicator ?? '')}/values/import`, file, (r) =>
              t('imported', { imported: r.imported ?? 0, updated: r.updated ?? 0 }),
            )
          }
        >
          <Button icon={<UploadOutlined />} disabled={!indicator}>
            {t('importValues')}
          </Button>
        </Upload>
        <Upload
          accept=".csv,.tsv,.txt,.xlsx"
          showUploadList={false}
          beforeUpload={(file) =>
            send('/areas/import', file, (r) =>
              t('areasImported', { created: r.created ?? 0, updated: r.updated ?? 0 }),
            )
          }
        >
          <Button icon={<UploadOutlined />}>{t('importAreas')}</Button>
        </Upload>
      </Flex>
      {outcome && (
        <Alert
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setOutcome(undefined)}
          title={outcome.text}
          description={
            !outcome.ok && outcome.rejected.length > 0 ? (
              <List
                size="small"
                dataSource={outcome.rejected.slice(0, 50)}
                renderItem={(r) => (
                  <List.Item>
                    {t('rejectedRow', { line: r.line, cell: r.cell ?? '', message: r.message })}
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
    </Flex>
  );
}
