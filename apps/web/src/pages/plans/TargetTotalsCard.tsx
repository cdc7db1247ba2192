/** A measure's city-wide targets as the lead and the office see them: every unit's contribution summed. */
import type { Target, TargetTotal } from '@lantian/contract';
import { Card, Flex, Table, Typography } from 'antd';
import { LightTag } from '../../components/LightTag.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { targetMessages } from '../import/targetMessages.ts';
import { formatTarget } from './format.ts';

export function TargetTotalsCard({
  totals,
  targets,
}: {
  totals: readonly TargetTotal[];
  targets: readonly Target[];
}) {
  const t = useT(targetMessages);
  const { lang } = useLocale();
  if (totals.length === 0) return null;
  const num = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  return (
    <Card title={<h2 className="card-heading">{t('totalsTitle')}</h2>} size="small">
      <Flex vertical gap={16}>
        {totals.map((total) => {
          const target = targets.find((x) => x.id === total.targetId);
          return (
            <div key={total.targetId} data-testid="target-total">
              <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>
                  {target ? formatTarget(target, lang) : num(total.target)}
                </Typography.Text>
                <Typography.Text>
                  {t('totalsSum', { sum: num(total.sum), target: num(total.target) })}
                </Typography.Text>
                <ProgressBar value={total.progress} width={160} />
                <LightTag light={total.light} />
                <Typography.Text type="secondary">
                  {t('totalsReported', { reported: total.reported, units: total.units })}
                </Typography.Text>
              </Flex>
              {target && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                  {target.text}
                </Typography.Paragraph>
              )}
              <Table
                rowKey="unitId"
                size="small"
                pagination={false}
                dataSource={total.contributions}
                columns={[
                  { title: t('unitCol'), dataIndex: 'unitName' },
                  {
                    title: t('valueCol'),
                    key: 'value',
                    render: (_, c) =>
                      c.value === null ? (
                        <Typography.Text type="secondary">{t('notReported')}</Typography.Text>
                      ) : (
                        `${num(c.value)} ${target?.unit ?? ''}`.trim()
                      ),
                  },
                  {
                    title: t('shareCol'),
                    key: 'share',
                    render: (_, c) =>
                      c.share === null ? '—' : `${num(c.share)} ${target?.unit ?? ''}`.trim(),
                  },
                  {
                    title: t('lightCol'),
                    key: 'light',
                    render: (_, c) => (c.light ? <LightTag light={c.light} /> : '—'),
                  },
                ]}
              />
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
