import type { SessionItem } from '@lantian/contract';
import { Button, Popconfirm, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { securityMessages } from './messages.ts';

/** Sessions with device, address, times and an end button: one's own (我的会话) or an account's (admin). */
export function SessionsTable({
  sessions,
  onEnd,
  ending,
  own,
}: {
  sessions: SessionItem[];
  onEnd(s: SessionItem): void;
  ending: boolean;
  /** The caller's own list: the current session is marked, and ending it signs out. */
  own: boolean;
}) {
  const t = useT(securityMessages);
  const columns: ColumnsType<SessionItem> = [
    {
      title: t('device'),
      key: 'device',
      render: (_, s) => (
        <>
          {s.device} {own && s.current && <Tag color="blue">{t('thisSession')}</Tag>}
        </>
      ),
    },
    { title: t('address'), dataIndex: 'ip', key: 'ip', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: t('signedInAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 160,
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('lastSeen'),
      dataIndex: 'lastSeenAt',
      key: 'lastSeenAt',
      width: 160,
      render: (v: string) => formatInstant(v),
    },
    {
      title: '',
      key: 'end',
      width: 90,
      render: (_, s) => (
        <Popconfirm
          title={own && s.current ? t('endCurrentConfirm') : t('endConfirm')}
          okText={t('endSession')}
          cancelText={t('back')}
          onConfirm={() => onEnd(s)}
        >
          <Button size="small" danger loading={ending} aria-label={`${t('endSession')} ${s.device}`}>
            {t('endSession')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Table<SessionItem>
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={sessions}
      pagination={false}
      locale={{ emptyText: t('noSessions') }}
    />
  );
}
