import type { BoardRow } from '@lantian/contract';
import { Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { LightTag } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { NoticeLevelTag, reportStateKey } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ReasonDetails } from './BoardReasons.tsx';
import { boardMessages } from './messages.ts';

/** One board item in full: the measure's text, every reason, the last report and the open notice. */
export function BoardDetailDrawer({
  row,
  onClose,
  onIssue,
}: {
  row: BoardRow;
  onClose: () => void;
  onIssue: (row: BoardRow) => void;
}) {
  const t = useT(boardMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const no = `${row.task}.${row.seq}`;
  return (
    <Drawer
      open
      onClose={onClose}
      size={560}
      title={`${s('measureNo', { no })} · ${row.unitName}`}
      destroyOnHidden
      extra={<LinkButton to={`/assignments/${row.assignmentId}`}>{t('openAssignment')}</LinkButton>}
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'light', label: t('colLight'), children: <LightTag light={row.light} /> },
            {
              key: 'measure',
              label: c('measure'),
              children: (
                <>
                  <Link to={`/plans/${row.planId}/measures/${row.measureId}`}>{s('measureNo', { no })}</Link>
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>
                    {row.measureText}
                  </Typography.Paragraph>
                </>
              ),
            },
            {
              key: 'unit',
              label: t('colUnit'),
              children: (
                <Flex gap={6} align="center">
                  {row.unitName} <RoleTag role={row.role} />
                </Flex>
              ),
            },
            { key: 'reasons', label: t('colReasons'), children: <ReasonDetails row={row} /> },
            {
              key: 'progress',
              label: t('colProgress'),
              children: <ProgressBar value={row.progress} width={160} />,
            },
            { key: 'next', label: t('colNextDue'), children: row.nextDue ?? '—' },
            {
              key: 'report',
              label: t('colLastReport'),
              children: row.lastPeriod
                ? `${row.lastPeriod} ${s(reportStateKey(row.lastState as Parameters<typeof reportStateKey>[0]))}`
                : t('noReport'),
            },
            {
              key: 'notice',
              label: t('colNotice'),
              children: row.openNotice ? (
                <Link to={`/notices/${row.openNotice.id}`}>
                  <NoticeLevelTag level={row.openNotice.level} /> {row.openNotice.replyDue}
                </Link>
              ) : (
                <Button size="small" danger={row.light === 'red'} onClick={() => onIssue(row)}>
                  {t('issue')}
                </Button>
              ),
            },
          ]}
        />
      </Flex>
    </Drawer>
  );
}
