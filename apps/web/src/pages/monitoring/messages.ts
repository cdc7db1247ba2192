import { defineMessages } from '../../i18n/messages.ts';

export const monitoringMessages = defineMessages({
  title: { zh: '监测排名', en: 'Rankings' },
  subtitle: {
    zh: '按通报的表式排名：数值按发布精度取整，并列同名次；数据不足的区域单列。',
    en: 'Ranked as the bulletins print them: values at the published precision, ties share a rank; areas without data listed apart.',
  },
  indicator: { zh: '指标', en: 'Indicator' },
  period: { zh: '期间', en: 'Period' },
  periodHint: { zh: '如 2022-10、2022-10-H1', en: 'e.g. 2022-10, 2022-10-H1' },
  district: { zh: '区', en: 'Districts' },
  street: { zh: '街道（乡镇）', en: 'Streets' },
  byValue: { zh: '按浓度', en: 'By value' },
  byYoy: { zh: '按同比变化', en: 'By change' },
  cumulative: { zh: '年初至今累计', en: 'Year to date' },
  colRank: { zh: '排名', en: 'Rank' },
  colArea: { zh: '区域', en: 'Area' },
  colDistrict: { zh: '所属区', en: 'District' },
  colValue: { zh: '数值', en: 'Value' },
  colPrevious: { zh: '去年同期', en: 'Last year' },
  colYoy: { zh: '同比变化（%）', en: 'Change (%)' },
  noData: { zh: '数据不足：{names}', en: 'No data: {names}' },
  own: { zh: '本单位', en: 'Own' },
  publish: { zh: '发布排名', en: 'Publish' },
  published: { zh: '已发布第 {n} 版', en: 'Edition {n} published' },
  editions: { zh: '已发布：{list}', en: 'Published: {list}' },
  differences: {
    zh: '发布后数据有更正，{n} 个区域的名次或数值与已发布版本不同（可发布更正版）',
    en: 'Data corrected since publication: {n} areas differ from the published edition (a corrected one may be published)',
  },
  none: {
    zh: '暂无指标：请先用 npx lantian indicator add 新增',
    en: 'No indicators yet: add one with npx lantian indicator add',
  },
  empty: { zh: '该期没有数据', en: 'No data for this period' },
  importValues: { zh: '导入监测数据', en: 'Import values' },
  importAreas: { zh: '导入区域表', en: 'Import areas' },
  imported: {
    zh: '已导入：新增 {imported} 条，更正 {updated} 条',
    en: 'Imported: {imported} new, {updated} corrected',
  },
  areasImported: {
    zh: '区域已导入：新增 {created}，更新 {updated}',
    en: 'Areas imported: {created} new, {updated} updated',
  },
  rejectedRow: { zh: '第 {line} 行 {cell}：{message}', en: 'Line {line} {cell}: {message}' },
  chartTitle: { zh: '{area} 全年各期数值与名次', en: '{area}: values and rank over the year' },
});
