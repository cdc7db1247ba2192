import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import type { Measure, ParseWarning, PlanDetailResponse } from '@lantian/contract';
import { Alert, Button, Collapse, Flex, Switch, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { DeadlineText } from '../../components/DeadlineText.tsx';
import { commonMessages } from '../../components/messages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from '../plans/messages.ts';
import { MeasureText, MeasureUnits, MilestonesAndTargets } from '../plans/PlanParts.tsx';
import { sectionOf } from '../plans/planFilters.ts';
import { MeasureEditor } from './MeasureEditor.tsx';
import { importMessages } from './messages.ts';
import { TaskNameEditor } from './NameEditors.tsx';
import { TargetScopes } from './TargetScopes.tsx';

/** The parsed plan as a table, warnings beside the rows they concern, each measure correctable. */
export function PreviewStep({
  planId,
  detail,
  measures,
}: {
  planId: string;
  detail: PlanDetailResponse;
  measures: Measure[];
}) {
  const t = useT(importMessages);
  const c = useT(commonMessages);
  const pt = useT(planMessages);
  const [onlyWarnings, setOnlyWarnings] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Measure | null>(null);
  const [editingTask, setEditingTask] = useState<string | null>(null);

  const warningsOf = useMemo(() => {
    const map = new Map<string, ParseWarning[]>();
    for (const w of detail.warnings) {
      if (w.task === undefined) continue;
      const key = `${w.task}.${w.seq ?? ''}`;
      map.set(key, [...(map.get(key) ?? []), w]);
    }
    return (m: Measure) => [...(map.get(`${m.task}.${m.seq}`) ?? []), ...(map.get(`${m.task}.`) ?? [])];
  }, [detail.warnings]);
  const general = detail.warnings.filter((w) => w.task === undefined);
  const rows = useMemo(() => {
    const sorted = [...measures].sort((a, b) => a.task - b.task || a.seq - b.seq);
    return onlyWarnings ? sorted.filter((m) => warningsOf(m).length > 0) : sorted;
  }, [measures, onlyWarnings, warningsOf]);
  const sectionTitle = (m: Measure) => {
    const id = sectionOf(
      detail.tasks.find((x) => x.id === m.taskId),
      detail.sections,
    );
    const s = detail.sections.find((x) => x.id === id);
    return s ? `${s.ordinal}、${s.title}` : '';
  };

  const columns: ColumnsType<Measure> = [
    {
      title: pt('seqCol'),
      key: 'seq',
      width: 60,
      render: (_, m) => (
        <Tooltip title={c('sourceLines', { lines: m.lines.join(', ') })}>
          <span>
            {m.task}.{m.seq}
          </span>
        </Tooltip>
      ),
    },
    {
      title: c('task'),
      key: 'task',
      width: 130,
      onCell: (m, i = 0) => {
        if (i > 0 && rows[i - 1]?.task === m.task) return { rowSpan: 0 };
        let n = 1;
        while (rows[i + n]?.task === m.task) n++;
        return { rowSpan: n };
      },
      render: (_, m) => (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sectionTitle(m)}
          </Typography.Text>
          <Typography.Text strong>
            {m.task} {m.taskName}
          </Typography.Text>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            style={{ padding: 0, alignSelf: 'flex-start' }}
            onClick={() => setEditingTask(m.taskId)}
          >
            {t('editTask')}
          </Button>
        </Flex>
      ),
    },
    {
      title: c('measure'),
      key: 'text',
      render: (_, m) => (
        <>
          <MeasureText text={m.text} />
          <MilestonesAndTargets measure={m} targets={false} />
          <TargetScopes planId={planId} measure={m} />
        </>
      ),
    },
    {
      title: c('deadline'),
      key: 'deadline',
      width: 110,
      render: (_, m) => <DeadlineText deadline={m.deadline} />,
    },
    { title: c('unitsCol'), key: 'units', width: 210, render: (_, m) => <MeasureUnits measure={m} /> },
    {
      title: t('warningsCol'),
      key: 'warnings',
      width: 170,
      render: (_, m) => (
        <Flex vertical gap={4}>
          {warningsOf(m).map((w) => (
            <Typography.Text
              key={`${w.code}-${w.line}-${w.subject ?? ''}`}
              type="warning"
              style={{ fontSize: 12 }}
            >
              <WarningOutlined /> {w.message}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: pt('actions'),
      key: 'edit',
      width: 86,
      render: (_, m) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={`${t('edit')} ${m.task}.${m.seq}`}
          onClick={() => setEditing(m)}
        >
          {t('edit')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {general.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'general',
              label: (
                <span>
                  <WarningOutlined style={{ color: '#d48806' }} />{' '}
                  {t('generalWarnings', { n: general.length })}
                </span>
              ),
              children: (
                <Flex vertical gap={4}>
                  {general.map((w) => (
                    <Typography.Text key={`${w.code}-${w.line}-${w.subject ?? ''}`} type="secondary">
                      {pt('lineN', { n: w.line })}：{w.message}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
      <Flex gap={8} align="center">
        <Switch
          id="only-warnings"
          checked={onlyWarnings}
          onChange={(on) => {
            setOnlyWarnings(on);
            setPage(1);
          }}
        />
        <label htmlFor="only-warnings">{t('onlyWarnings')}</label>
      </Flex>
      {rows.length === 0 ? (
        <Alert type="success" showIcon title={c('noMatch')} />
      ) : (
        <Table<Measure>
          rowKey="id"
          size="small"
          bordered
          tableLayout="fixed"
          columns={columns}
          dataSource={rows}
          pagination={{
            current: page,
            pageSize,
            total: rows.length,
            hideOnSinglePage: true,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t('previewTotal', { n }),
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
        />
      )}
      {editing && (
        <MeasureEditor
          planId={planId}
          measure={measures.find((m) => m.id === editing.id) ?? editing}
          onClose={() => setEditing(null)}
        />
      )}
      {editingTask && (
        <TaskNameEditor
          planId={planId}
          task={detail.tasks.find((x) => x.id === editingTask)}
          onClose={() => setEditingTask(null)}
        />
      )}
    </Flex>
  );
}
