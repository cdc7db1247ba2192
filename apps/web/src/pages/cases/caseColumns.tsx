/** The case columns every case table shares: number, state, category, place (no map), unit, due. */
import type { CaseState, CaseSummary } from '@lantian/contract';
import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Translate } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import type { caseMessages } from './messages.ts';

type T = Translate<typeof caseMessages>;

const STATE_COLORS: Partial<Record<CaseState, string>> = {
  reported: 'gold',
  verified: 'gold',
  dispatched: 'blue',
  signed: 'blue',
  rectifying: 'processing',
  feedback: 'purple',
  closed: 'green',
  rework: 'orange',
  returned: 'orange',
  reopened: 'red',
};

export function CaseStateTag({ state, t }: { state: CaseState; t: T }) {
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`state_${state}`)}
    </Tag>
  );
}

export const coords = (c: Pick<CaseSummary, 'lat' | 'lng'>) =>
  c.lat !== null && c.lng !== null ? `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}` : '';

export function caseColumns(t: T, opts: { unit: boolean }): ColumnsType<CaseSummary> {
  return [
    {
      title: t('colNumber'),
      dataIndex: 'number',
      width: 140,
      render: (n: string, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Link to={`/cases/${c.id}`}>{n}</Link>
          {c.repeatOf && <Tag color="red">{t('repeat')}</Tag>}
          {c.duplicateOf && <Tag>{t('duplicate')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('colState'),
      dataIndex: 'state',
      width: 100,
      render: (s: CaseState) => <CaseStateTag state={s} t={t} />,
    },
    {
      title: t('colCategory'),
      key: 'category',
      width: 120,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>{c.categoryName}</span>
          <Typography.Text type={c.severity === 'high' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t(`severity_${c.severity}`)} · {t(`origin_${c.origin}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('colDistrict'), dataIndex: 'district', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('colStreet'), dataIndex: 'street', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('colAddress'),
      key: 'address',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Text ellipsis={{ tooltip: c.description }}>{c.address}</Typography.Text>
          {coords(c) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {coords(c)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(opts.unit
      ? [
          {
            title: t('colUnit'),
            dataIndex: 'unitName' as const,
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
        ]
      : []),
    {
      title: t('colDue'),
      key: 'due',
      width: 110,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>{c.dueOn ?? '—'}</span>
          {c.overdue && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('overdue')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('colReported'),
      dataIndex: 'reportedAt',
      width: 130,
      render: (v: string) => formatInstant(v),
    },
  ];
}
