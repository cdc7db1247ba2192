/**
 * One page of a list the server pages: loading, a failed load (with retry), the empty state, or the
 * table with its pager. The request lists (督办单, 延期, 销号) and the other paged lists use it.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from './PageStates.tsx';

export function PagedTable<D extends { total: number }, T extends object>({
  query,
  rows,
  empty,
  columns,
  page,
  pageSize,
  onPage,
  rowKey = 'id',
  pager,
  table,
}: {
  query: UseQueryResult<D>;
  rows: (data: D) => T[];
  /** Shown instead of an empty table; none: the empty table (e.g. while filters are set). */
  empty?: ReactNode;
  columns: ColumnsType<T>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  rowKey?: TableProps<T>['rowKey'];
  /** More of the pager: `showSizeChanger`, `showTotal`. */
  pager?: { showSizeChanger?: boolean; showTotal?: (total: number) => ReactNode };
  /** More of the table: its size, texts (an empty page's words), and `onChange` for a server-side sort. */
  table?: Pick<TableProps<T>, 'size' | 'locale' | 'onChange'>;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.total === 0 && empty) return empty;
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      tableLayout="fixed"
      {...table}
      columns={columns}
      dataSource={rows(query.data)}
      pagination={{
        hideOnSinglePage: true,
        current: page,
        pageSize,
        total: query.data.total,
        onChange: onPage,
        ...pager,
      }}
    />
  );
}
