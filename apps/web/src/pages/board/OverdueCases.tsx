/** The board's 逾期问题案件: each case past its time limit with its reason, linked to the case. */
import type { OverdueCase } from '@lantian/contract';
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { boardMessages } from './messages.ts';

export function OverdueCases({ cases }: { cases: OverdueCase[] }) {
  const t = useT(boardMessages);
  if (cases.length === 0) return null;
  return (
    <Card size="small" title={`${t('overdueCases')}（${cases.length}）`}>
      <Table<OverdueCase>
        rowKey="caseId"
        size="small"
        pagination={{ hideOnSinglePage: true, pageSize: 10 }}
        dataSource={cases}
        columns={[
          {
            title: t('caseNumber'),
            key: 'number',
            width: 150,
            render: (_, c) => <Link to={`/cases/${c.caseId}`}>{c.number}</Link>,
          },
          { title: t('filterUnit'), dataIndex: 'unitName', width: 160 },
          { title: t('caseDue'), dataIndex: 'dueOn', width: 110 },
          { title: t('filterReason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}
