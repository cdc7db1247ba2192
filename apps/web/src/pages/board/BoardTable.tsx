import type { BoardQuery, BoardRow } from '@lantian/contract';
import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router';
import { ClampText } from '../../components/ClampText.tsx';
import { LightTag } from '../../components/LightTag.tsx';
import { EmptyState } from '../../components/PageStates.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { NoticeLevelTag } from '../../components/StateTags.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ReasonLine } from './BoardReasons.tsx';
import { type BoardGroupBy, type BoardLine, groupRows, isGroup } from './boardGroups.ts';
import { boardMessages } from './messages.ts';

/** Table column → the server's sort field (an allowlist on both sides). */
export const SORTS: Record<string, NonNullable<BoardQuery['sort']>> = {
  light: 'severity',
  measure: 'task',
  unit: 'unit',
  progress: 'progress',
  nextDue: 'nextDue',
};

const keyOf = (r: BoardLine) => (isGroup(r) ? r.key : r.assignmentId);

/**
 * The board's rows, one dense line each (about 40 px): light, measure, unit, the first reason,
 * progress, next date, notice. The full item opens in a drawer. Grouped, each unit or measure heads
 * its rows; choosing rows (or a whole group) prepares one notice per unit.
 */
export function BoardTable({
  rows,
  groupBy,
  sort,
  order,
  loading,
  page,
  pageSize,
  total,
  selected,
  onSelect,
  onSort,
  onPage,
  onOpen,
  onIssue,
}: {
  rows: readonly BoardRow[];
  groupBy: BoardGroupBy;
  sort?: BoardQuery['sort'];
  order?: BoardQuery['order'];
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  selected: readonly string[];
  /** The chosen rows' keys (on any page) and the chosen rows among those shown. */
  onSelect: (keys: string[], shown: BoardRow[]) => void;
  onSort: (sort: BoardQuery['sort'] | undefined, order: BoardQuery['order'] | undefined) => void;
  onPage: (page: number) => void;
  onOpen: (row: BoardRow) => void;
  onIssue: (row: BoardRow) => void;
}) {
  const t = useT(boardMessages);
  const grouped = groupBy !== 'none';
  const lines = groupRows(rows, groupBy);
  const sortOrder = (key: string) =>
    !grouped && sort === SORTS[key] ? (order === 'asc' ? 'ascend' : 'descend') : null;
  const span = (r: BoardLine, first = false) => (isGroup(r) ? { colSpan: first ? 7 : 0 } : {});

  const columns: ColumnsType<BoardLine> = [
    {
      title: t('colLight'),
      key: 'light',
      width: 72,
      sorter: !grouped,
      sortOrder: sortOrder('light'),
      onCell: (r) => span(r, true),
      render: (_, r) =>
        isGroup(r) ? (
          <Flex gap={8} align="baseline">
            <Typography.Text strong>{r.title}</Typography.Text>
            <Typography.Text type="secondary">
              {t('groupCounts', { n: r.children.length, red: r.red, yellow: r.yellow })}
            </Typography.Text>
          </Flex>
        ) : (
          <LightTag light={r.light} reasons={r.reasons} />
        ),
    },
    {
      title: t('colMeasure'),
      key: 'measure',
      sorter: !grouped,
      sortOrder: sortOrder('measure'),
      onCell: (r) => span(r),
      render: (_, r) =>
        isGroup(r) ? null : (
          <ClampText title={r.measureText}>
            <Link to={`/plans/${r.planId}/measures/${r.measureId}`}>
              {r.task}.{r.seq}
            </Link>{' '}
            {r.measureText}
          </ClampText>
        ),
    },
    {
      title: t('colUnit'),
      key: 'unit',
      width: 170,
      sorter: !grouped,
      sortOrder: sortOrder('unit'),
      onCell: (r) => span(r),
      render: (_, r) =>
        isGroup(r) ? null : (
          <Flex gap={4} align="center" style={{ whiteSpace: 'nowrap', overflow: 'hidden' }}>
            <ClampText title={r.unitName} style={{ minWidth: 0 }}>
              <Link to={`/assignments/${r.assignmentId}`}>{r.unitName}</Link>
            </ClampText>
            <RoleTag role={r.role} />
          </Flex>
        ),
    },
    {
      title: t('colReasons'),
      key: 'reasons',
      width: 240,
      onCell: (r) => span(r),
      render: (_, r) => (isGroup(r) ? null : <ReasonLine row={r} />),
    },
    {
      title: t('colProgress'),
      key: 'progress',
      width: 100,
      sorter: !grouped,
      sortOrder: sortOrder('progress'),
      onCell: (r) => span(r),
      render: (_, r) => (isGroup(r) ? null : <ProgressBar value={r.progress} width={80} />),
    },
    {
      title: t('colNextDue'),
      key: 'nextDue',
      width: 96,
      sorter: !grouped,
      sortOrder: sortOrder('nextDue'),
      onCell: (r) => span(r),
      render: (_, r) => (isGroup(r) ? null : (r.nextDue ?? '—')),
    },
    {
      title: t('colNotice'),
      key: 'notice',
      // Wide enough for "Issue a notice" + "Details" in English without pushing the page sideways;
      // an open notice (level tag and reply date) with "Details" wraps rather than widen the board.
      width: 184,
      onCell: (r) => span(r),
      render: (_, r) =>
        isGroup(r) ? null : (
          <Flex gap={4} align="center" wrap>
            {r.openNotice ? (
              <Link to={`/notices/${r.openNotice.id}`}>
                <NoticeLevelTag level={r.openNotice.level} /> {r.openNotice.replyDue}
              </Link>
            ) : (
              <Button
                size="small"
                danger={r.light === 'red'}
                onClick={() => onIssue(r)}
                aria-label={`${t('issue')}：${r.unitName} ${r.task}.${r.seq}`}
              >
                {t('issue')}
              </Button>
            )}
            <Button
              size="small"
              type="link"
              onClick={() => onOpen(r)}
              aria-label={t('detailsOf', { unit: r.unitName, no: `${r.task}.${r.seq}` })}
            >
              {t('details')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <Table<BoardLine>
      rowKey={keyOf}
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={lines}
      loading={loading}
      childrenColumnName="children"
      expandable={{
        expandedRowKeys: lines.filter(isGroup).map((g) => g.key),
        showExpandColumn: false,
      }}
      rowSelection={{
        selectedRowKeys: [...selected],
        checkStrictly: false,
        columnWidth: 36,
        getCheckboxProps: (r) => ({
          'aria-label': isGroup(r) ? r.title : t('selectRow', { unit: r.unitName, no: `${r.task}.${r.seq}` }),
        }),
        preserveSelectedRowKeys: true,
        onChange: (keys, chosen) =>
          onSelect(
            keys.map(String),
            chosen.filter((r): r is BoardRow => !!r && !isGroup(r)),
          ),
      }}
      locale={{ emptyText: <EmptyState title={t('empty')} description={t('emptyBody')} /> }}
      pagination={{
        hideOnSinglePage: true,
        current: page,
        pageSize,
        total,
        showSizeChanger: false,
        showTotal: (n) => t('totals', { n }),
      }}
      onChange={(pagination, _f, sorter) => {
        const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<BoardLine> | undefined;
        const key = one?.order ? String(one.columnKey) : undefined;
        const nextSort = key ? SORTS[key] : undefined;
        const nextOrder = one?.order === 'ascend' ? 'asc' : one?.order === 'descend' ? 'desc' : undefined;
        if (!grouped && (nextSort !== sort || nextOrder !== order)) onSort(nextSort, nextOrder);
        else onPage(pagination.current ?? 1);
      }}
    />
  );
}
