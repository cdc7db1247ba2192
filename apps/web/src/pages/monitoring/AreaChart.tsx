/** An area's values and rank over the year (bars with the rank on each), loaded only when asked for. */
import type { AreaSeriesResponse } from '@lantian/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { schemaOf } from '../../api/schemas.ts';
import { type ChartOption, EChart } from '../../charts/EChart.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';

export function AreaChart({
  indicator,
  areaId,
  year,
  label,
}: {
  indicator: string;
  areaId: string;
  year: number;
  label: string;
}) {
  const series = useQuery({
    queryKey: ['monitoring', 'series', indicator, areaId, year],
    queryFn: ({ signal }) =>
      api.get<AreaSeriesResponse>('/rankings/series', {
        schema: schemaOf('AreaSeriesResponse'),
        query: { indicator, area: areaId, year: String(year) },
        signal,
      }),
  });
  if (series.isPending) return <LoadingState />;
  if (series.isError) return <ErrorState error={series.error} />;
  const points = series.data.points;
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', name: series.data.unit },
    series: [
      {
        type: 'bar',
        name: series.data.area,
        data: points.map((p) => p.value),
        label: {
          show: true,
          position: 'top',
          formatter: (x: { dataIndex: number }) => {
            const p = points[x.dataIndex];
            return p?.rank ? `${p.rank}/${p.of}` : '';
          },
        },
      },
    ],
  };
  return <EChart option={option} height={280} label={label} />;
}
