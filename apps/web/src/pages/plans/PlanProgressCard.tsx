import type { PlanStatusResponse } from '@lantian/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Card, Flex, Statistic, Typography } from 'antd';
import { errorText } from '../../api/feedback.tsx';
import { LIGHT_HEX, LIGHTS, LightTag } from '../../components/LightTag.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { paren } from '../../i18n/punctuation.ts';
import { planMessages } from './messages.ts';

/** The plan's light, its assignments by light and the overall progress, above the measures. */
export function PlanProgressCard({ status }: { status: UseQueryResult<PlanStatusResponse> }) {
  const t = useT(planMessages);
  const s = useT(supervisionMessages);
  const { lang } = useLocale();
  if (status.isPending) return null;
  if (status.isError)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('statusUnavailable', { reason: errorText(status.error, lang) })}
      />
    );
  const d = status.data;
  return (
    <Card size="small" title={<h2 className="card-heading">{t('planStatusCard', { asOf: d.asOf })}</h2>}>
      <Flex gap={32} wrap align="center">
        <Flex vertical gap={6}>
          <Typography.Text type="secondary">{s('lightLabel')}</Typography.Text>
          <LightTag light={d.light} />
        </Flex>
        <Flex vertical gap={6}>
          <Typography.Text type="secondary">{t('planProgress')}</Typography.Text>
          <ProgressBar value={d.progress} width={220} />
        </Flex>
        {LIGHTS.map((l) => (
          <Statistic
            key={l}
            title={paren(s(l), t('assignmentsCount'))}
            value={d.counts[l]}
            styles={{
              content: { color: d.counts[l] > 0 && l !== 'done' ? LIGHT_HEX[l] : undefined, fontSize: 22 },
            }}
          />
        ))}
      </Flex>
    </Card>
  );
}
