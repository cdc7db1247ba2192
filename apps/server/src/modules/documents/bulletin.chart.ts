/**
 * The bulletin's chart, drawn on the server: ECharts renders SVG without a DOM (`ssr: true`), and
 * resvg rasterises it to PNG for Word. resvg draws text only with the font files it is given: the CJK
 * fonts of the machine (Debian's fonts-noto-cjk). Without them the chart says so in Latin letters
 * (which DejaVu can draw) rather than showing blank boxes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LightCounts } from '@lantian/contract';
import { renderAsync } from '@resvg/resvg-js';
import type { BarSeriesOption } from 'echarts/charts';
import { BarChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption
>;

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];
/** Sans for the chart (as a 公文's figures use 黑体), in the order they are preferred. */
const CJK_FILES = [
  /NotoSansCJK-Regular\.tt[cf]$/i,
  /NotoSansCJK.*\.(ttc|otf)$/i,
  /(wqy|Droid.*Fallback|SourceHan)/i,
];

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 4) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, depth + 1);
    else if (/\.(ttc|ttf|otf)$/i.test(e.name)) out.push(p);
  }
}

let fontsFound: { cjk: string | null; latin: string | null } | undefined;

/** The CJK font file the charts use (null: none on this machine), and a Latin one for the warning. */
export function chartFonts(): { cjk: string | null; latin: string | null } {
  if (fontsFound) return fontsFound;
  const files: string[] = [];
  for (const d of FONT_DIRS) walk(d, files);
  const cjk = CJK_FILES.map((re) => files.find((f) => re.test(path.basename(f)))).find(Boolean) ?? null;
  const latin = files.find((f) => /DejaVuSans\.ttf$/i.test(f)) ?? files[0] ?? null;
  fontsFound = { cjk, latin };
  return fontsFound;
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
 * SVG to PNG with the machine's fonts (only those: the result does not depend on fontconfig), on
 * resvg's own thread so that the server keeps answering meanwhile.
 */
export async function rasterise(svg: string, width: number): Promise<Buffer> {
  const fonts = chartFonts();
  // The CJK fonts carry Latin letters too; DejaVu only when there is no CJK font.
  const files = [fonts.cjk ?? fonts.latin].filter((f): f is string => !!f);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      fontFiles: files,
      loadSystemFonts: false,
      defaultFontFamily: fonts.cjk ? 'Noto Sans CJK SC' : 'DejaVu Sans',
      sansSerifFamily: fonts.cjk ? 'Noto Sans CJK SC' : 'DejaVu Sans',
    },
  });
  return image.asPng();
}
