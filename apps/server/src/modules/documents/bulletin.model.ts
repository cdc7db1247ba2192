/**
 * The bulletin (通报) as a document model: 文号, title, the sections switched on as headings, paragraphs,
 * tables and the chart. The .docx and the PDF are both written from it.
 */
import type { BulletinResponse, BulletinSection, LightCounts } from '@lantian/contract';
import { type ChartPicture, progressChart } from './bulletin.chart.ts';
import { total } from './bulletin.facts.ts';
import { monthWords } from './bulletin.texts.ts';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LEVEL = { yellow: '黄牌', red: '红牌' } as const;
const NOTICE_STATE = {
  issued: '待答复',
  replied: '已答复待审',
  sent_back: '退回重答',
  accepted: '已办结',
} as const;

/** `2022-06-30` → `2022年6月30日`. */
const dayWords = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const countsText = (c: LightCounts) =>
  `正常推进 ${c.green} 项、黄色预警 ${c.yellow} 项、红色预警 ${c.red} 项、已销号 ${c.done} 项`;

export const bulletinTitle = (b: BulletinResponse) =>
  `关于《${b.planTitle}》${monthWords(b.period)}推进情况的通报`;

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'body'; text: string; indent?: boolean; align?: 'right' }
  | { kind: 'picture'; chart: ChartPicture }
  | { kind: 'table'; header: string[]; rows: (string | number)[][]; widths: number[] };

export interface BulletinModel {
  title: string;
  subject: string;
  docNo: string;
  /** The 文号 under the title (a 督办单) rather than above it (the bulletin). */
  docNoBelow?: boolean;
  blocks: Block[];
}

const body = (text: string, opts: { indent?: boolean; align?: 'right' } = {}): Block => ({
  kind: 'body',
  text,
  ...opts,
});
const t = {
  table: (header: string[], rows: (string | number)[][], widths: number[]): Block => ({
    kind: 'table',
    header,
    rows,
    widths,
  }),
};

function paragraphs(text: string): Block[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => body(p));
}

const none = (what: string) => body(`本月无${what}。`);

async function sectionBlocks(
  b: BulletinResponse,
  s: BulletinSection,
): Promise<{ heading: string; blocks: Block[] } | null> {
  switch (s) {
    case 'progress': {
      const c = b.progress.counts;
      const chart = await progressChart('各部分分工预警情况', b.progress.sections);
      return {
        heading: '总体进展',
        blocks: [
          body(`截至${dayWords(b.asOf)}，本计划共有责任分工 ${total(c)} 项，其中${countsText(c)}。`),
          { kind: 'picture', chart },
          t.table(
            ['部分', '分工', '正常', '黄色', '红色', '已销号'],
            b.progress.sections.map((x) => [
              `${x.ordinal}${x.title}`,
              total(x.counts),
              x.counts.green,
              x.counts.yellow,
              x.counts.red,
              x.counts.done,
            ]),
            [45, 11, 11, 11, 11, 11],
          ),
        ],
      };
    }
    case 'units':
      return {
        heading: '各单位推进情况',
        blocks: [
          body('按正常推进（含已销号）分工占比排序，占比相同时逾期少、缺报少者在前。'),
          t.table(
            ['排名', '单位', '分工', '正常', '滞后', '逾期', '已销号', '缺报'],
            b.units.map((u) => [
              u.rank,
              u.unitName,
              u.assignments,
              u.onTime,
              u.behind,
              u.overdue,
              u.closed,
              u.reportsMissing,
            ]),
            [8, 32, 10, 10, 10, 10, 10, 10],
          ),
        ],
      };
    case 'items':
      return {
        heading: '红色、黄色预警事项',
        blocks:
          b.items.length === 0
            ? [none('红色、黄色预警事项')]
            : [
                t.table(
                  ['预警', '措施', '单位', '原因'],
                  b.items.map((i) => [
                    i.light === 'red' ? '红色' : '黄色',
                    i.measure,
                    i.unitName,
                    i.reasons.join('；'),
                  ]),
                  [9, 9, 22, 60],
                ),
              ],
      };
    case 'notices':
      return {
        heading: '督办单下发和答复情况',
        blocks:
          b.notices.length === 0
            ? [none('下发或答复的督办单')]
            : [
                body(
                  `本月下发督办单 ${b.notices.filter((n) => n.issuedInPeriod).length} 份，` +
                    `收到答复 ${b.notices.filter((n) => n.answeredOn).length} 份。`,
                ),
                t.table(
                  ['编号', '单位', '等级', '措施', '下发', '答复期限', '答复', '状态'],
                  b.notices.map((n) => [
                    n.number ?? '',
                    n.unitName,
                    LEVEL[n.level],
                    n.measures.join('、'),
                    n.issuedOn,
                    n.replyDue,
                    n.answeredOn ?? '—',
                    NOTICE_STATE[n.state],
                  ]),
                  [18, 16, 8, 10, 12, 12, 12, 12],
                ),
              ],
      };
    case 'extensions':
      return {
        heading: '延期批准情况',
        blocks:
          b.extensions.length === 0
            ? [none('批准的延期申请')]
            : [
                t.table(
                  ['措施', '单位', '事项', '原期限', '延期至', '批准日期'],
                  b.extensions.map((x) => [
                    x.measure,
                    x.unitName,
                    x.subject,
                    x.originalDue,
                    x.newDue,
                    x.decidedOn,
                  ]),
                  [9, 18, 31, 14, 14, 14],
                ),
              ],
      };
    case 'closures':
      return {
        heading: '销号情况',
        blocks:
          b.closures.length === 0
            ? [none('销号事项')]
            : [
                t.table(
                  ['措施', '单位', '销号日期'],
                  b.closures.map((c) => [c.measure, c.unitName, c.closedOn]),
                  [20, 50, 30],
                ),
              ],
      };
    case 'rankings':
      if (b.rankings.length === 0) return null;
      return {
        heading: '监测排名',
        blocks: b.rankings.flatMap((r) => [
          body(
            `${r.indicatorName}（${r.ranking.period}，${r.ranking.level === 'district' ? '区' : '街道乡镇'}，` +
              `第 ${r.edition} 版）：`,
            { indent: true },
          ),
          t.table(
            ['排名', '区域', `数值（${r.indicatorUnit}）`, '同比'],
            r.ranking.rows.map((row) => [
              row.rank,
              row.area,
              row.value,
              row.yoyPercent === null ? '—' : `${row.yoyPercent}%`,
            ]),
            [14, 46, 20, 20],
          ),
        ]),
      };
    case 'cases':
      return casesBlocks(b);
  }
}

/** 问题案件: the month's cases by state and by district, the overdue named, the repeats; none: no section. */
function casesBlocks(b: BulletinResponse): { heading: string; blocks: Block[] } | null {
  const c = b.cases;
  if (c.received === 0 && c.overdue.length === 0) return null;
  const states = c.byState.map((s) => `${s.name} ${s.count} 件`).join('、');
  const blocks: Block[] = [
    body(
      `本月收到问题案件 ${c.received} 件${states ? `（${states}）` : ''}，截至${dayWords(b.asOf)}已销号 ` +
        `${c.closed} 件、办理中 ${c.open} 件；逾期未办结案件 ${c.overdue.length} 件（含以前月份收到的）；` +
        `重复发生案件 ${c.repeats.length} 件。`,
    ),
  ];
  if (c.byState.length > 0)
    blocks.push(
      t.table(
        ['状态', '件数'],
        c.byState.map((s) => [s.name, s.count]),
        [50, 50],
      ),
    );
  blocks.push(
    t.table(
      ['区', '本月收到', '已销号', '逾期未办结'],
      c.byDistrict.map((d) => [d.district, d.received, d.closed, d.overdue]),
      [40, 20, 20, 20],
    ),
  );
  if (c.overdue.length > 0)
    blocks.push(
      body('逾期未办结案件：', { indent: true }),
      t.table(
        ['编号', '责任单位', '类别', '地点', '办理时限', '逾期天数'],
        c.overdue.map((o) => [o.number, o.unitName, o.categoryName, o.address, o.dueOn, o.daysOverdue]),
        [18, 16, 14, 26, 14, 12],
      ),
    );
  if (c.repeats.length > 0)
    blocks.push(
      body('重复发生案件：', { indent: true }),
      t.table(
        ['编号', '前案编号', '情形', '类别', '地点'],
        c.repeats.map((r) => [
          r.number,
          r.earlierNumber,
          r.kind === 'repeat' ? '办结后复发' : '未办结重复报告',
          r.categoryName,
          r.address,
        ]),
        [18, 18, 18, 14, 32],
      ),
    );
  return { heading: '问题案件办理情况', blocks };
}

export const SECTION_ORDER: readonly BulletinSection[] = [
  'progress',
  'units',
  'items',
  'notices',
  'extensions',
  'closures',
  'rankings',
  'cases',
];

/** The bulletin: 文号, title, opening, the sections switched on (一、二、…), closing, date. */
export async function bulletinModel(b: BulletinResponse, issuedOn: string): Promise<BulletinModel> {
  const off = new Set(b.texts.sectionsOff);
  const blocks: Block[] = [...paragraphs(b.texts.opening)];
  let n = 0;
  for (const s of SECTION_ORDER) {
    if (off.has(s)) continue;
    const part = await sectionBlocks(b, s);
    if (!part) continue;
    blocks.push({ kind: 'heading', text: `${ORDINALS[n] ?? n + 1}、${part.heading}` }, ...part.blocks);
    n++;
  }
  blocks.push(...paragraphs(b.texts.closing));
  blocks.push(body(''), body(dayWords(issuedOn), { align: 'right', indent: false }));
  return { title: bulletinTitle(b), subject: `${b.planTitle} ${b.period}`, docNo: b.texts.docNo, blocks };
}
