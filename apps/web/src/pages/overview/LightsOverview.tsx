import {
  ATTENTION_UNITS,
  type LightCounts,
  type PlanDetailResponse,
  type PlanOverviewResponse,
} from '@lantian/contract';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLightTrend } from '../../api/status.ts';
import { type ChartClick, type ChartOption, EChart } from '../../charts/EChart.tsx';
import { LIGHT_HEX } from '../../components/LightTag.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { LIGHT_ORDER, labelSections, redChange } from './lights.ts';
import { overviewMessages } from './messages.ts';

/** Stacked bars, one series per light, red first: the shape every lights chart here shares. */
function stacked(
  labels: string[],
  counts: LightCounts[],
  names: Record<(typeof LIGHT_ORDER)[number], string>,
  horizontal: boolean,
): ChartOption {
  const category = {
    type: 'category' as const,
    data: labels,
    ...(horizontal ? { inverse: true, axisLabel: { width: 180, overflow: 'truncate' as const } } : {}),
  };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 12 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: LIGHT_ORDER.map((light) => ({
      type: 'bar' as const,
      name: names[light],
      stack: 'lights',
      barMaxWidth: 28,
      itemStyle: { color: LIGHT_HEX[light] },
      data: counts.map((c) => c[light]),
    })),
  };
}

/**
 * The lights first: today's red/yellow/green/closed counts, how they moved month by month, and where
 * they are (by section, by unit). Figures are the server's (`/plans/:id/overview`, `/status/trend`).
 */
export function LightsOverview({
  planId,
  detail,
  overview,
}: {
  planId: string;
  detail: PlanDetailResponse;
  overview: PlanOverviewResponse;
}) {
  const t = useT(overviewMessages);
  const s = useT(supervisionMessages);
  const navigate = useNavigate();
  const trend = useLightTrend(planId);
  const names = useMemo(
    () => ({ red: s('red'), yellow: s('yellow'), green: s('green'), done: s('done') }),
    [s],
  );

  const sections = useMemo(
    () => labelSections(overview.sections, detail.sections, t('noSection')),
    [overview, detail, t],
  );
  const attention = overview.attention;
  const months = trend.data?.months ?? [];

  const trendOption = useMemo(
    () =>
      stacked(
        months.map((m) => m.month),
        months.map((m) => m.counts),
        names,
        false,
      ),
    [months, names],
  );
  const sectionOption = useMemo(
    () =>
      stacked(
        sections.map((x) => x.label),
        sections.map((x) => x.counts),
        names,
        true,
      ),
    [sections, names],
  );
  const unitOption = useMemo(
    () =>
      stacked(
        attention.map((u) => u.unitName),
        attention.map((u) => u.counts),
        names,
        true,
      ),
    [attention, names],
  );
  const onSection = useCallback(
    (e: ChartClick) => {
      const id = sections[e.dataIndex]?.sectionId;
      if (id) navigate(`/plans/${planId}?section=${id}`);
    },
    [sections, planId, navigate],
  );
  const onUnit = useCallback(
    (e: ChartClick) => {
      const u = attention[e.dataIndex];
      if (u) navigate(`/plans/${planId}?unit=${u.unitId}`);
    },
    [attention, planId, navigate],
  );

  const counts = overview.counts;
  const change = redChange(months);

  return (
    <section aria-label={t('lightsTitle')}>
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {LIGHT_ORDER.map((light) => (
            <Col key={light} flex="1 1 160px">
              <Card size="small">
                <Statistic
                  title={
                    <Link to={`/board?plan=${planId}`} aria-label={t('lightStat', { light: names[light] })}>
                      {t('lightStat', { light: names[light] })}
                    </Link>
                  }
                  value={counts[light]}
                  styles={{ content: { color: counts[light] > 0 ? LIGHT_HEX[light] : undefined } }}
                  suffix={
                    light === 'red' && change !== null && change !== 0 ? (
                      <Typography.Text type={change > 0 ? 'danger' : 'success'} style={{ fontSize: 13 }}>
                        {t(change > 0 ? 'redUp' : 'redDown', { n: Math.abs(change) })}
                      </Typography.Text>
                    ) : undefined
                  }
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={<h2 className="card-heading">{t('trendTitle')}</h2>}
              style={{ height: '100%' }}
            >
              {trend.isError ? (
                <ErrorState error={trend.error} onRetry={() => trend.refetch()} />
              ) : trend.isPending ? (
                <LoadingState rows={4} />
              ) : months.length === 0 ? (
                <Typography.Text type="secondary">{t('trendEmpty')}</Typography.Text>
              ) : (
                <EChart option={trendOption} height={280} label={t('trendTitle')} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={<h2 className="card-heading">{t('lightsBySection')}</h2>}
              style={{ height: '100%' }}
            >
              <EChart
                option={sectionOption}
                height={Math.max(200, sections.length * 34 + 50)}
                label={t('lightsBySection')}
                onClick={onSection}
              />
            </Card>
          </Col>
        </Row>
        <Card
          size="small"
          title={
            <Flex gap={8} align="baseline" wrap>
              <h2 className="card-heading">{t('lightsByUnit')}</h2>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                {t('lightsByUnitNote', { n: ATTENTION_UNITS })}
              </Typography.Text>
            </Flex>
          }
        >
          <EChart
            option={unitOption}
            height={Math.max(200, attention.length * 26 + 50)}
            label={t('lightsByUnit')}
            onClick={onUnit}
          />
        </Card>
      </Flex>
    </section>
  );
}
