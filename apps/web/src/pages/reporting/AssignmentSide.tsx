import type { ReportFormResponse } from '@lantian/contract';
import { Badge, Card, Descriptions, Flex, List, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { DeadlineText } from '../../components/DeadlineText.tsx';
import { LightTag, ReasonList } from '../../components/LightTag.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { ReportStateTag } from '../../components/StateTags.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { reportingMessages } from './messages.ts';
import { dueInForce } from './reportModel.ts';

/** The assignment beside its report: light with reasons, progress, dates in force, periods owed. */
export function AssignmentSide({
  data,
  periodHref,
}: {
  data: ReportFormResponse;
  periodHref: (key: string) => string;
}) {
  const t = useT(reportingMessages);
  const { assignment: a, status, periods, period } = data;
  const final = dueInForce(a, null, a.deadline.due ?? a.deadline.end);
  const late = periods.filter((p) => p.late).length;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={<h2 className="card-heading">{t('assignmentCard')}</h2>}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'light',
              label: t('light'),
              children: (
                <Flex vertical gap={4}>
                  <LightTag light={status.light} reasons={status.reasons} />
                  <ReasonList reasons={status.reasons} light={status.light} />
                </Flex>
              ),
            },
            {
              key: 'progress',
              label: t('progress'),
              children: <ProgressBar value={status.progress} width={160} />,
            },
            {
              key: 'deadline',
              label: t('deadline'),
              children: (
                <div>
                  <DeadlineText deadline={a.deadline} />
                  {final.original && (
                    <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                      {t('deadlineExtended', { due: final.due ?? '', original: final.original })}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            { key: 'next', label: t('nextDue'), children: status.nextDue ?? '—' },
            { key: 'role', label: t('role'), children: <RoleTag role={a.role} /> },
            {
              key: 'lead',
              label: t('leadUnits'),
              children: a.leadUnits.map((l) => l.name).join('、') || '—',
            },
          ]}
        />
      </Card>
      {a.milestones.length > 0 && (
        <Card size="small" title={<h2 className="card-heading">{t('milestonesCard')}</h2>}>
          <Timeline
            items={[...a.milestones]
              .sort((x, y) => x.due.localeCompare(y.due))
              .map((m) => {
                const inForce = dueInForce(a, m.id, m.due);
                return {
                  key: m.id,
                  content: (
                    <>
                      <Typography.Text strong style={{ display: 'block' }}>
                        {inForce.due} · {m.raw}
                      </Typography.Text>
                      {inForce.original && (
                        <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                          {t('milestoneExtended', { original: inForce.original, due: inForce.due ?? '' })}
                        </Typography.Text>
                      )}
                      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: m.text }} style={{ margin: 0 }}>
                        {m.text}
                      </Typography.Paragraph>
                    </>
                  ),
                };
              })}
          />
        </Card>
      )}
      <Card
        size="small"
        title={<h2 className="card-heading">{t('periodsCard')}</h2>}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('periodsCount', { n: periods.length, late })}
          </Typography.Text>
        }
      >
        <List
          size="small"
          dataSource={[...periods].reverse().slice(0, 12)}
          locale={{ emptyText: t('noPeriodTitle') }}
          renderItem={(p) => (
            <List.Item>
              <Flex justify="space-between" align="center" style={{ width: '100%' }} gap={8}>
                <Link to={periodHref(p.key)} aria-current={p.key === period?.key ? 'page' : undefined}>
                  {p.key === period?.key ? <Badge status="processing" text={p.key} /> : p.key}
                </Link>
                <Flex gap={4} align="center">
                  {p.late && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {t('late')}
                    </Typography.Text>
                  )}
                  <ReportStateTag state={p.state} />
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
