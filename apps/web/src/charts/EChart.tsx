/**
 * ECharts, tree-shaken: only the chart types and components Lantian draws are bundled, and this module
 * is imported only by the dashboard and the matrix, so charts never weigh on the first page load.
 */

import type { BarSeriesOption, HeatmapSeriesOption } from 'echarts/charts';
import { BarChart, HeatmapChart } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

export interface ChartClick {
  dataIndex: number;
  seriesIndex?: number;
  data: unknown;
}

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** One chart; it follows its container's size and is disposed with the component. */
export function EChart({
  option,
  height,
  label,
  onClick,
}: {
  option: ChartOption;
  height: number;
  /** What the chart is about, for screen readers (ECharts' aria adds a description of the data). */
  label: string;
  onClick?: (e: ChartClick) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { fontFamily: FONT }, aria: { enabled: true }, animationDuration: 300, ...option },
      true,
    );
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (e: unknown) => onClick(e as ChartClick);
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  // ECharts labels its own element with a generated description of the data (aria component);
  // the figure around it carries what the chart is about.
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div ref={el} style={{ width: '100%', height }} />
    </figure>
  );
}
