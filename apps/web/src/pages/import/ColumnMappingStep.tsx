/** The wizard's column step: each column's proposed role with its confidence and cells, changeable. */
import type { ColumnRole, ImportPreviewResponse } from '@lantian/contract';
import { COLUMN_ROLES } from '@lantian/core';
import { Alert, Button, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { importMessages } from './messages.ts';

/** Under this the reading is worth a look (the parser warns too). */
const LOW_CONFIDENCE = 0.6;

interface Props {
  preview: ImportPreviewResponse;
  busy: boolean;
  importing: boolean;
  onRoleChange(header: string, role: ColumnRole): void;
  onBack(): void;
  onImport(): void;
}

export function ColumnMappingStep({ preview, busy, importing, onRoleChange, onBack, onImport }: Props) {
  const t = useT(importMessages);
  const list = (names: string[]) => names.join('、') || '—';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>
        {t('previewCounts', {
          title: preview.title,
          year: preview.year,
          tasks: preview.tasks,
          measures: preview.measures,
          warnings: preview.warnings.length,
        })}
      </Typography.Text>
      <Typography.Text type="secondary">{t('columnsHint')}</Typography.Text>
      {preview.remembered && <Alert type="info" showIcon title={t('rememberedMapping')} />}
      <Table
        size="small"
        rowKey="header"
        pagination={false}
        loading={busy}
        dataSource={preview.columns}
        title={() => <h2 className="card-heading">{t('columnsTitle')}</h2>}
        columns={[
          { title: t('columnHeader'), dataIndex: 'header', width: 160 },
          {
            title: t('columnRole'),
            key: 'role',
            width: 190,
            render: (_, c) => (
              <Select<ColumnRole>
                aria-label={`${t('columnRole')}：${c.header}`}
                value={c.role}
                style={{ width: 170 }}
                // Twelve roles: all of them in the list, none hidden behind virtual scrolling.
                virtual={false}
                listHeight={400}
                disabled={busy || importing}
                onChange={(role) => onRoleChange(c.header, role)}
                options={COLUMN_ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))}
              />
            ),
          },
          {
            title: t('columnConfidence'),
            key: 'confidence',
            width: 140,
            render: (_, c) => (
              <Progress
                percent={Math.round(c.confidence * 100)}
                size="small"
                status={c.confidence < LOW_CONFIDENCE ? 'exception' : 'normal'}
              />
            ),
          },
          {
            title: t('columnSamples'),
            key: 'samples',
            render: (_, c) => (
              <Space size={[4, 4]} wrap>
                {c.samples.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: samples repeat and have no id
                  <Tag key={i} style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {s}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Table
        size="small"
        rowKey="no"
        pagination={false}
        loading={busy}
        dataSource={preview.sampleRows}
        title={() => <h2 className="card-heading">{t('sampleRowsTitle')}</h2>}
        columns={[
          { title: t('colNo'), dataIndex: 'no', width: 60 },
          { title: t('colTask'), dataIndex: 'task', width: 160 },
          { title: t('colMeasure'), dataIndex: 'text', ellipsis: true },
          { title: t('colDeadline'), dataIndex: 'deadline', width: 110 },
          { title: t('colLead'), key: 'lead', width: 140, render: (_, r) => list(r.lead) },
          { title: t('colResponsible'), key: 'resp', width: 140, render: (_, r) => list(r.responsible) },
          { title: t('colAssisting'), key: 'assist', width: 140, render: (_, r) => list(r.assisting) },
        ]}
      />
      <Space>
        <Button onClick={onBack} disabled={importing}>
          {t('back')}
        </Button>
        <Button type="primary" onClick={onImport} loading={importing} disabled={busy}>
          {t('importDraft')}
        </Button>
      </Space>
    </Space>
  );
}
