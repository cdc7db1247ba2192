/** Columns the request lists share. */
import { Flex, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link } from 'react-router';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';

interface OfAssignment {
  assignmentId: string;
  task: number;
  seq: number;
  unitName: string;
}

/** The measure's number (a link to the assignment) over the requesting unit's name. */
export function useMeasureColumn<R extends OfAssignment>(width: number): ColumnType<R> {
  const s = useT(supervisionMessages);
  return {
    title: s('measureNo', { no: '' }).trim(),
    key: 'measure',
    width,
    render: (_, r) => (
      <Flex vertical>
        <Link to={`/assignments/${r.assignmentId}`}>{s('measureNo', { no: `${r.task}.${r.seq}` })}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.unitName}
        </Typography.Text>
      </Flex>
    ),
  };
}
