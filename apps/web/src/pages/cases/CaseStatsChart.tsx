/** Cases per unit (received, closed on time, overdue) as bars; loaded only with the statistics page's chart. */
import type { CaseRankingRow } from '@lantian/contract';
import { type ChartOption, EChart } from '../../charts/EChart.tsx';

export function CaseStatsChart({
  rows,
  label,
  names,
}: {
  rows: readonly CaseRankingRow[];
  label: string;
  names: { received: string; closedOnTime: string; overdue: string };
}) {
  const top = rows.slice(0, 20);
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 64 },
    xAxis: {
      type: 'category',
      data: top.map((r) => r.name),
      axisLabel: { interval: 0, rotate: top.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.received, data: top.map((r) => r.received) },
      { type: 'bar', name: names.closedOnTime, data: top.map((r) => r.closedOnTime) },
      { type: 'bar', name: names.overdue, data: top.map((r) => r.overdue), itemStyle: { color: '#cf1322' } },
    ],
  };
  return <EChart option={option} height={320} label={label} />;
}
