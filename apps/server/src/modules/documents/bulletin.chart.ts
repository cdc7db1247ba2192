/**
 * The bulletin's chart, drawn on the server: ECharts renders SVG without a DOM (`ssr: true`), and
 * resvg rasterises it to PNG for Word. Its text is drawn with the font files given (never fontconfig): the CJK
 * fonts of the machine (Debian's fonts-noto-cjk). Without them the chart says so in Latin letters
 * (which DejaVu can draw) rather than showing blank boxes.
 */
import type { LightCounts } from '@lantian/contract';
import { renderAsync } from '@resvg/resvg-js';
import type { BarSeriesOption } from 'echarts/charts';
import { BarChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { documentFonts, fontFace } from './fonts.ts';
import { textToPaths } from './svg-text.ts';

use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption
>;

/** The CJK font file the charts use (null: none on this machine), and a Latin one for the warning. */
export function chartFonts(): { cjk: string | null; latin: string | null } {
  const f = documentFonts();
  return { cjk: f.files.sans ?? f.cjk, latin: f.latin };
}

export const FONT_MISSING_NOTE = 'CJK fonts missing on the server: install fonts-noto-cjk';

const COLORS = { done: '#8c8c8c', green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
const NAMES = { done: '已销号', green: '正常推进', yellow: '黄色预警', red: '红色预警' } as const;

export interface ChartPicture {
  png: Buffer;
  width: number;
  height: number;
  /** False when no CJK font was found: the picture carries a note instead of Chinese labels. */
  cjk: boolean;
}

/** Light counts per section as a stacked bar chart (one bar per section, 一、二、…). */
export async function progressChart(
  title: string,
  sections: { ordinal: string; title: string; counts: LightCounts }[],
): Promise<ChartPicture> {
  const fonts = chartFonts();
  const family = fonts.cjk ? 'Noto Sans CJK SC' : 'DejaVu Sans';
  const width = 1200;
  const height = 560 + Math.max(0, sections.length - 8) * 20;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  const keys = ['red', 'yellow', 'green', 'done'] as const;
  const option: Option = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: family },
    title: {
      text: fonts.cjk ? title : FONT_MISSING_NOTE,
      left: 'center',
      top: 12,
      textStyle: { fontSize: 30, fontWeight: 'bold', fontFamily: family },
    },
    legend: { top: 62, itemWidth: 28, itemHeight: 16, textStyle: { fontSize: 20, fontFamily: family } },
    grid: { left: 270, right: 40, top: 110, bottom: 40 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 18 } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sections.map((s) => (fonts.cjk ? truncate(`${s.ordinal}${s.title}`, 12) : s.ordinal)),
      axisLabel: { fontSize: 18, fontFamily: family },
    },
    series: keys.map(
      (k): BarSeriesOption => ({
        type: 'bar',
        stack: 'lights',
        name: fonts.cjk ? NAMES[k] : k,
        itemStyle: { color: COLORS[k] },
        barMaxWidth: 36,
        data: sections.map((s) => s.counts[k]),
      }),
    ),
  };
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { png: await rasterise(svg, width), width, height, cjk: !!fonts.cjk };
}

function truncate(text: string, n: number): string {
  const chars = [...text];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : text;
}

/**
 * SVG to PNG on resvg's own thread (the server keeps answering meanwhile). The texts are drawn as
 * outlines first, from the face parsed once per process (`svg-text.ts`: resvg would load the 20 MB
 * font file again for each label); resvg gets the font file only for a text written otherwise.
 */
export async function rasterise(svg: string, width: number): Promise<Buffer> {
  const fonts = chartFonts();
  const file = fonts.cjk ?? fonts.latin;
  let drawn = svg;
  let left = 0;
  if (file) {
    const regular = fontFace(file).font;
    const boldFile = fonts.cjk ? documentFonts().files.sansBold : null;
    const bold = boldFile ? fontFace(boldFile).font : regular;
    ({ svg: drawn, left } = textToPaths(svg, { regular, bold }));
  }
  const family = fonts.cjk ? 'Noto Sans CJK SC' : 'DejaVu Sans';
  const image = await renderAsync(drawn, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      fontFiles: left > 0 && file ? [file] : [],
      loadSystemFonts: false,
      defaultFontFamily: family,
      sansSerifFamily: family,
    },
  });
  return image.asPng();
}
