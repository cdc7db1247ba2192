/**
 * Measured values from the monitoring centre's tables, in either layout:
 * long — one row per value (区域, [所属区], 期间, 数值); wide — areas down, periods across
 * (`2022-01`, `1月`, `2022年1月`, `10月1日-15日`). Areas by code or by name (with or without 区/街道), with
 * the district where a street name is ambiguous. Every bad cell is reported with its line and cell.
 */

import type { TableProblem } from './area-table.ts';
import type { AreaIndex, AreaLevel } from './areas.ts';
import { readPeriodText } from './period-text.ts';
import type { Resolution } from './periods.ts';

export interface ValueEntry {
  line: number;
  cell: string;
  areaId: string;
  period: string;
  /** null: marked 数据不足 / 无效 in the file. */
  value: number | null;
}

export interface ValueTableOptions {
  resolution: Resolution;
  levels: readonly AreaLevel[];
  /** For headers that name no year (`1月`); else taken from a title line or the file name. */
  year?: number;
}

const AREA_HEADERS = [
  '区域',
  '地区',
  '区',
  '街道',
  '街道(乡镇)',
  '街乡镇',
  '乡镇',
  '名称',
  '区域代码',
  '代码',
  'area',
  'code',
];
const STREET_HEADERS = ['街道', '街道(乡镇)', '街乡镇', '乡镇'];
const DISTRICT_HEADERS = ['所属区', '所属区县', 'district'];
const PERIOD_HEADERS = ['期间', '时段', '时间', '月份', '日期', 'period'];
const VALUE_HEADERS = ['数值', '值', '浓度', '监测值', 'value'];
/** Written for a value the centre could not give: stored as 数据不足, never as zero. */
const NO_DATA = new Set([
  '-',
  '—',
  '--',
  '——',
  '/',
  '数据不足',
  '无效',
  '无数据',
  'N/A',
  'NA',
  'n/a',
  '缺测',
]);

const colName = (i: number): string =>
  (i < 26 ? '' : colName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const find = (header: readonly string[], names: readonly string[]) =>
  header.findIndex((h) => names.some((n) => norm(h) === norm(n)));

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;

/** A number as written (`17.7`, `1,234`, `１７`); undefined when it is not one. */
export function readNumber(text: string): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const s = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** The year a file is about, from a title line above the table or its name (`2022年…`). */
export function yearHint(
  rows: readonly (readonly string[])[],
  headerAt: number,
  fileName = '',
): number | undefined {
  const texts = [...rows.slice(0, headerAt).flat(), fileName];
  for (const t of texts) {
    const m = /(19|20)\d{2}(?=年|\D|$)/.exec(t.normalize('NFKC'));
    if (m) return Number(m[0]);
  }
  return undefined;
}

export function readValueTable(
  rows: readonly (readonly string[])[],
  areas: AreaIndex,
  opts: ValueTableOptions & { fileName?: string },
): { entries: ValueEntry[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  // The header is the first row naming an area column.
  const headerAt = rows.findIndex((r) => find(r, AREA_HEADERS) >= 0);
  if (headerAt < 0)
    return {
      entries: [],
      problems: [{ line: 1, message: '找不到表头：须有“区域”（或区、街道、代码）一列' }],
    };
  const header = rows[headerAt] as readonly string[];
  const year = opts.year ?? yearHint(rows, headerAt, opts.fileName);
  // `区 | 街道 | …`: the street is the area and the 区 column its district.
  const streetCol = find(header, STREET_HEADERS);
  const plainDistrictCol = find(header, ['区', '区县']);
  const twoLevels = streetCol >= 0 && plainDistrictCol >= 0;
  const areaCol = twoLevels ? streetCol : find(header, AREA_HEADERS);
  const districtCol = twoLevels ? plainDistrictCol : find(header, DISTRICT_HEADERS);
  const periodCol = find(header, PERIOD_HEADERS);
  const valueCol = find(header, VALUE_HEADERS);
  const periodCols = header
    .map((h, i) => ({ i, p: i === areaCol || i === districtCol ? null : readPeriodText(h, year) }))
    .filter((x) => x.p !== null);
  const long = periodCol >= 0 && valueCol >= 0;
  if (!long && periodCols.length === 0) {
    const undated = header.some((h) => /^\d{1,2}月/.test(h.trim()));
    return {
      entries: [],
      problems: [
        {
          line: headerAt + 1,
          message: undated
            ? '表头的月份没有年份：请在标题或文件名中写明年份，或指定 --year'
            : '找不到期间：须有“期间”和“数值”两列，或以期间为列名（如 2022-01、1月、10月1日-15日）',
        },
      ],
    };
  }
  for (const { i, p } of periodCols)
    if (!long && p && p.resolution !== opts.resolution)
      problems.push({
        line: headerAt + 1,
        cell: `${colName(i)}${headerAt + 1}`,
        message: `列“${header[i]}”是${p.key}，与指标的时间粒度不符`,
      });
  const entries: ValueEntry[] = [];
  const seen = new Map<string, string>();
  // A long file repeats each area and each period thousands of times: read each text once.
  const areaMemo = new Map<string, ReturnType<AreaIndex['find']>>();
  const findArea = (text: string, district: string | undefined) => {
    const key = `${text}\u0000${district ?? ''}`;
    const known = areaMemo.get(key);
    if (known) return known;
    const found = areas.find(text, { district });
    areaMemo.set(key, found);
    return found;
  };
  const periodMemo = new Map<string, ReturnType<typeof readPeriodText>>();
  const periodOf = (text: string) => {
    const known = periodMemo.get(text);
    if (known !== undefined) return known;
    const p = readPeriodText(text, year);
    periodMemo.set(text, p);
    return p;
  };
  rows.slice(headerAt + 1).forEach((row, k) => {
    const line = headerAt + k + 2;
    if (row.every((c) => c.trim() === '')) return;
    const areaText = (row[areaCol] ?? '').trim();
    if (/^(全市|合计|平均|全市平均)$/.test(areaText)) return;
    const district = districtCol >= 0 ? (row[districtCol] ?? '').trim() || undefined : undefined;
    const found = findArea(areaText, district);
    const areaCell = `${colName(areaCol)}${line}`;
    if (!found.ok) {
      problems.push({
        line,
        cell: areaCell,
        message:
          found.reason === 'ambiguous'
            ? `区域“${areaText}”有 ${found.candidates.length} 处同名，请写明所属区`
            : `区域“${areaText}”不存在`,
      });
      return;
    }
    if (!opts.levels.includes(found.area.level)) {
      problems.push({ line, cell: areaCell, message: `区域“${areaText}”的层级不在该指标的统计层级内` });
      return;
    }
    const cells = long
      ? [{ col: valueCol, period: periodOf(row[periodCol] ?? ''), periodCol }]
      : periodCols.map((x) => ({ col: x.i, period: x.p, periodCol: -1 }));
    for (const c of cells) {
      const cell = `${colName(c.col)}${line}`;
      const text = (row[c.col] ?? '').trim();
      if (!c.period) {
        problems.push({
          line,
          cell: `${colName(c.periodCol)}${line}`,
          message: `期间“${row[c.periodCol] ?? ''}”无法识别`,
        });
        continue;
      }
      if (c.period.resolution !== opts.resolution) {
        if (long) problems.push({ line, cell, message: `期间 ${c.period.key} 与指标的时间粒度不符` });
        continue;
      }
      if (text === '') continue;
      const value = NO_DATA.has(text) ? null : readNumber(text);
      if (value === undefined) {
        problems.push({ line, cell, message: `“${text}”不是数值（缺测请写“数据不足”或“—”）` });
        continue;
      }
      const key = `${found.area.id}|${c.period.key}`;
      const dup = seen.get(key);
      if (dup) {
        problems.push({
          line,
          cell,
          message: `${found.area.name} ${c.period.key} 的数值重复（另见 ${dup}）`,
        });
        continue;
      }
      seen.set(key, cell);
      entries.push({ line, cell, areaId: found.area.id, period: c.period.key, value });
    }
  });
  return { entries, problems };
}
