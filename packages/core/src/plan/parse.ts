import { readDeadline } from '../deadline/deadline.ts';
import { findDatePhrases } from '../deadline/phrases.ts';
import { beijingDirectory } from '../directory/beijing.ts';
import { type DirectoryIndex, indexDirectory } from '../directory/directory.ts';
import type { UnitDirectory } from '../directory/model.ts';
import { extractTargets } from '../targets/targets.ts';
import { cleanCell, cleanText, type Repair } from '../text/clean.ts';
import { decodeText } from '../text/decode.ts';
import { nameKey } from '../text/normalize.ts';
import { PlanParseError } from './errors.ts';
import { type ColumnMap, classifyHeaderCell, readHeader } from './header.ts';
import type { Measure, Milestone, ParseWarning, Plan, Role, Section, Task, UnitMention } from './model.ts';
import { type Delimiter, type Row, splitLines, splitRows } from './table.ts';
import { readUnitCell, type UnitCellReading } from './units.ts';

export interface ParsePlanOptions {
  /** The plan year when the title does not say (`--year`); overrides the title. */
  year?: number;
  /** Unit directory to resolve names against (default: the bundled Beijing directory). */
  directory?: UnitDirectory;
  /** Refuse inputs larger than this many bytes (default 32 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const HEADER_SCAN_LINES = 400;
const SECTION =
  /^(?:第)?([一二三四五六七八九十百]+)(?:部分)?[、.．，,\s]\s*(.+)$|^[（(]([一二三四五六七八九十]+)[)）]\s*(.+)$/;
const NOTE = /^(注|备注|说明|附注)\s*[:：\d１-９]/;
const defaultIndex = indexDirectory(beijingDirectory);
const indexCache = new WeakMap<UnitDirectory, DirectoryIndex>();

function directoryIndex(directory: UnitDirectory | undefined): DirectoryIndex {
  if (!directory || directory === beijingDirectory) return defaultIndex;
  let idx = indexCache.get(directory);
  if (!idx) {
    idx = indexDirectory(directory);
    indexCache.set(directory, idx);
  }
  return idx;
}

/** A measure row as read, before its cells are interpreted (a page break may still add text to it). */
interface Draft {
  task: number;
  seq: number;
  /** Cleaned text and its repairs, redone when a page break adds a part. */
  cleaned: { text: string; repairs: Repair[] };
  textParts: string[];
  lines: number[];
  deadlineCell: string;
  unitCells: Record<Role, string>;
  remark: string;
}

const ROLE_LABEL: Record<Role, string> = { lead: '牵头部门', responsible: '主责单位', assisting: '协办单位' };

function findHeader(lines: string[]): { delimiter: Delimiter; index: number; map: ColumnMap } | undefined {
  const limit = Math.min(lines.length, HEADER_SCAN_LINES);
  for (let i = 0; i < limit; i++) {
    const line = lines[i];
    for (const [delimiter, sep] of [
      ['tab', '\t'],
      ['comma', ','],
      ['pipe', '|'],
    ] as const) {
      if (!line.includes(sep)) continue;
      const cells =
        delimiter === 'pipe'
          ? line
              .trim()
              .replace(/^\||\|$/g, '')
              .split('|')
          : line.split(sep);
      const map = readHeader(cells.map((c) => c.replace(/^"|"$/g, '')));
      if (map) return { delimiter, index: i, map };
    }
  }
  return undefined;
}

function parseTaskNo(cell: string): number | undefined {
  const m = /^[（(]?(\d{1,5})[)）.．、]?$/.exec(cell.replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

function yearFrom(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*(?:[—–\-~～至到]\s*(?:19|20)\d{2}\s*)?年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function sentenceAround(text: string, index: number): string {
  let a = index;
  while (a > 0 && !/[。；！？\n]/.test(text[a - 1])) a--;
  let b = index;
  while (b < text.length && !/[。；！？\n]/.test(text[b])) b++;
  if (b < text.length && text[b] !== '\n') b++;
  return text.slice(a, b).trim();
}

function cellText(cells: string[], col: number | undefined): string {
  if (col === undefined) return '';
  const v = cells[col];
  if (!v) return '';
  if (!v.includes('<')) return v.trim();
  return /^\s*(<p>\s*<\/p>\s*)*$/i.test(v) ? '' : v.trim();
}

/**
 * Read a plan table (TSV/CSV text, UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK bytes)
 * into a Plan. Throws PlanParseError (with a code, a message and a line) when the input is not a plan
 * table; never throws anything else.
 */
export function parsePlan(input: Uint8Array | string, options: ParsePlanOptions = {}): Plan {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? input.length * 3 : input.length;
  if (size > maxBytes && (typeof input !== 'string' || new TextEncoder().encode(input).length > maxBytes)) {
    throw new PlanParseError(
      'TOO_LARGE',
      `文件过大（超过 ${Math.round(maxBytes / 1024 / 1024)} MB），不像是一份计划表格。`,
    );
  }
  if (
    options.year !== undefined &&
    !(Number.isInteger(options.year) && options.year >= 1990 && options.year <= 2100)
  ) {
    throw new PlanParseError(
      'YEAR_UNKNOWN',
      `计划年份“${options.year}”无效：应为 1990 至 2100 之间的四位年份。`,
    );
  }
  const { text, encoding } = decodeText(input);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) throw new PlanParseError('EMPTY_FILE', '文件中没有任何内容。');
  const header = findHeader(lines);
  if (!header) {
    const first = lines.findIndex((l) => l.trim() !== '');
    throw new PlanParseError(
      'NOT_A_PLAN_TABLE',
      `没有找到计划表格的表头：前 ${Math.min(lines.length, HEADER_SCAN_LINES)} 行中没有一行同时含有“工作措施/具体措施”（或“重点任务”）以及“完成时限”“牵头部门”“责任单位”等列名（列之间用制表符、逗号或竖线分隔）。`,
      first + 1,
    );
  }
  return new PlanReader(lines, header, encoding, options).read();
}

class PlanReader {
  private readonly index: DirectoryIndex;
  private readonly warnings: ParseWarning[] = [];
  private readonly sections: Section[] = [];
  private readonly tasks: Task[] = [];
  private readonly taskByNo = new Map<number, Task>();
  private readonly drafts: Draft[] = [];
  private readonly measureCount = new Map<number, number>();
  private readonly notes: string[] = [];
  private readonly preamble: string[] = [];
  private map: ColumnMap;
  private section: Section | undefined;
  private task: Task | undefined;
  private title = '';
  private year = 0;

  constructor(
    private readonly lines: string[],
    private readonly header: { delimiter: Delimiter; index: number; map: ColumnMap },
    private readonly encoding: Plan['source']['encoding'],
    private readonly options: ParsePlanOptions,
  ) {
    this.index = directoryIndex(options.directory);
    this.map = header.map;
  }

  read(): Plan {
    const rows = splitRows(this.lines, this.header.delimiter);
    const headerRow = rows.findIndex((r) => r.line === this.header.index + 1);
    this.readTitle(rows.slice(0, headerRow));
    this.year = this.resolveYear(rows.slice(headerRow + 1));
    if (this.map.deadline === undefined) {
      this.warn(
        this.header.index + 1,
        'DEADLINE_MISSING',
        '表中没有“完成时限”列：各项措施按文中的时间节点计，没有节点的按年底计。',
      );
    }
    if (this.map.lead === undefined) {
      this.warn(
        this.header.index + 1,
        'NO_LEAD_UNIT',
        '表中没有“牵头部门”列：请在发布前为各项措施指定牵头单位。',
      );
    }
    let afterHeader = true;
    for (const row of rows.slice(headerRow + 1)) {
      const cells = row.cells.map((c) => c.trim());
      if (cells.every((c) => c === '' || /^(<p>\s*<\/p>\s*)+$/i.test(c))) continue;
      const map = readHeader(cells);
      if (map) {
        this.map = map;
        afterHeader = true;
        continue;
      }
      if (afterHeader && isHeaderContinuation(cells)) continue;
      if (this.readSectionOrNote(row, cells)) {
        afterHeader = false;
        continue;
      }
      this.readDataRow(row, cells, afterHeader);
      afterHeader = false;
    }
    if (this.drafts.length === 0) {
      throw new PlanParseError(
        'NO_MEASURES',
        '找到了表头，但表格中没有任何工作措施。',
        this.header.index + 1,
      );
    }
    const measures = this.drafts.map((d) => this.finish(d));
    this.warnings.sort((a, b) => a.line - b.line);
    return {
      title: this.title,
      year: this.year,
      preamble: this.preamble,
      sections: this.sections,
      tasks: this.tasks,
      measures,
      warnings: this.warnings,
      notes: this.notes,
      source: {
        encoding: this.encoding,
        delimiter: this.header.delimiter,
        lines: this.lines.length,
        headerLine: this.header.index + 1,
        columns: (rows[headerRow]?.cells ?? []).map((h) => ({
          header: h.trim(),
          column: classifyHeaderCell(h) ?? null,
        })),
      },
    };
  }

  private warn(line: number, code: ParseWarning['code'], message: string, extra: Partial<ParseWarning> = {}) {
    this.warnings.push({ line, code, message, ...extra });
  }

  private repaired(line: number, repairs: Repair[], where: string) {
    const seen = new Set<string>();
    for (const r of repairs) {
      const key = `${r.from}→${r.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.warn(line, 'ARTEFACT_REPAIRED', `${where}中的提取错误“${r.from.trim()}”已修复为“${r.to}”。`, {
        subject: r.from.trim(),
      });
    }
  }

  private readTitle(rows: Row[]) {
    const texts = rows
      .map((r) => ({ line: r.line, text: cleanText(r.cells.join(' ')).text }))
      .filter((t) => t.text !== '');
    const titleRow =
      [...texts].reverse().find((t) => /(计划|方案|清单|分工|要点|任务表|台账|安排|措施)/.test(t.text)) ??
      [...texts].reverse().find((t) => !/^附件/.test(t.text));
    this.title = titleRow?.text ?? '';
    for (const t of texts) if (t !== titleRow) this.preamble.push(t.text);
  }

  private resolveYear(body: Row[]): number {
    if (this.options.year !== undefined) return this.options.year;
    const fromTitle = yearFrom(this.title) ?? this.preamble.map(yearFrom).find((y) => y !== undefined);
    if (fromTitle !== undefined) return fromTitle;
    const counts = new Map<number, number>();
    for (const r of body) {
      const y = yearFrom(cellText(r.cells, this.map.deadline));
      if (y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (best) {
      this.warn(
        this.header.index + 1,
        'YEAR_ASSUMED',
        `标题中没有年份，按完成时限中最常见的 ${best[0]} 年计；如不对，请指定计划年份。`,
      );
      return best[0];
    }
    throw new PlanParseError(
      'YEAR_UNKNOWN',
      `无法确定计划年份：标题“${this.title || '（无标题）'}”和完成时限中都没有年份。请指定年份（命令行用 --year 2022）。`,
      this.header.index + 1,
    );
  }

  /** Section rows (`二、实施氮氧化物减排专项行动`) and footnotes; true when the row was one of them. */
  private readSectionOrNote(row: Row, cells: string[]): boolean {
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 2 && this.map.no !== undefined) {
      // `一` in the 序号 column and `主要目标` beside it: a section written across two cells.
      const ordinal = cleanText(cells[this.map.no] ?? '').text.replace(/^[（(]|[)）、.．]$/g, '');
      const title = cleanText(filled.find((c) => c !== cells[this.map.no as number]) ?? '').text;
      if (/^[一二三四五六七八九十]+$/.test(ordinal) && title && title.length <= 60) {
        const section: Section = { ordinal, title, line: row.line };
        this.sections.push(section);
        this.section = section;
        this.task = undefined;
        return true;
      }
    }
    if (filled.length !== 1) return false;
    const text = cleanText(filled[0]).text;
    if (NOTE.test(text)) {
      this.notes.push(text);
      return true;
    }
    const col = cells.indexOf(filled[0]);
    const inWorkColumn = col === this.map.measure || (col === this.map.task && this.map.no !== undefined);
    const m = SECTION.exec(text);
    if (m && !(inWorkColumn && text.length > 60)) {
      const section: Section = { ordinal: m[1] ?? m[3], title: (m[2] ?? m[4]).trim(), line: row.line };
      this.sections.push(section);
      this.section = section;
      this.task = undefined;
      return true;
    }
    return false;
  }

  private newTask(no: number, rawName: string, row: Row): Task {
    const { text: name, repairs } = cleanText(rawName);
    this.repaired(row.line, repairs, '任务名称');
    const task: Task = {
      no,
      name,
      lines: [...row.lines],
      ...(this.section ? { section: this.section.ordinal } : {}),
    };
    if (!name) this.warn(row.line, 'TASK_UNNAMED', `第 ${no} 项任务没有名称。`, { task: no });
    this.tasks.push(task);
    this.taskByNo.set(no, task);
    return task;
  }

  private nextTaskNo(): number {
    let max = 0;
    for (const t of this.tasks) max = Math.max(max, t.no);
    return max + 1;
  }

  /** The task a data row belongs to: its number, a new name, or the task above. */
  private taskFor(row: Row, noCell: string, nameCell: string): Task {
    const no = parseTaskNo(noCell);
    const sameName = (t: Task) => nameKey(cleanText(nameCell).text) === nameKey(t.name);
    if (no !== undefined) {
      const existing = this.taskByNo.get(no);
      if (existing) {
        // A page break repeats the number and name, sometimes spaced differently: the same task.
        if (nameCell && !existing.name) existing.name = cleanText(nameCell).text;
        else if (nameCell && !sameName(existing)) {
          this.warn(
            row.line,
            'TASK_RENAMED',
            `任务 ${no} 在此处写作“${cleanText(nameCell).text}”，与前文“${existing.name}”不同；按同一任务处理。`,
            {
              task: no,
            },
          );
        }
        for (const l of row.lines) if (!existing.lines.includes(l)) existing.lines.push(l);
        return existing;
      }
      return this.newTask(no, nameCell, row);
    }
    if (nameCell && (!this.task || !sameName(this.task)))
      return this.newTask(this.nextTaskNo(), nameCell, row);
    if (this.task) {
      for (const l of row.lines) if (!this.task.lines.includes(l)) this.task.lines.push(l);
      return this.task;
    }
    // A measure before any task: the section (or the plan) stands as its task.
    return this.newTask(this.nextTaskNo(), this.section?.title ?? this.title, row);
  }

  /** In a single-column list, a numbered row is a new task named by its first clause; an unnumbered one adds to the task above. */
  private flatTask(row: Row, noCell: string, text: string): Task {
    const no = parseTaskNo(noCell);
    const existing = no === undefined ? this.task : this.taskByNo.get(no);
    if (existing) {
      for (const l of row.lines) if (!existing.lines.includes(l)) existing.lines.push(l);
      return existing;
    }
    return this.newTask(no ?? this.nextTaskNo(), firstClause(text), row);
  }

  private readDataRow(row: Row, cells: string[], afterHeader: boolean) {
    const map = this.map;
    const noCell = cellText(cells, map.no);
    // A table with a single work column (`工作任务` only) lists one item per row: each is a task with one measure.
    const flat = map.measure === undefined || map.task === undefined;
    const nameCell = flat ? '' : cellText(cells, map.task);
    const measureCell = cellText(cells, map.measure ?? map.task);
    const cleaned = measureCell ? cleanText(measureCell) : { text: '', repairs: [] };
    const deadlineCell = cellText(cells, map.deadline);
    const unitCells: Record<Role, string> = {
      lead: cellText(cells, map.lead),
      responsible: cellText(cells, map.responsible),
      assisting: cellText(cells, map.assisting),
    };
    const known = new Set<number>([...(map.others ?? [])]);
    for (const [k, v] of Object.entries(map)) if (k !== 'others' && typeof v === 'number') known.add(v);
    const strays = cells.filter((c, i) => c !== '' && !known.has(i));
    if (row.cells.length === 1 && this.header.delimiter !== 'pipe') {
      // A line with no column separator inside the table: text wrapped out of the cell above.
      const last = this.drafts[this.drafts.length - 1];
      if (last) {
        last.textParts.push(row.cells[0]);
        last.cleaned = cleanText(last.textParts.join('\n'));
        last.lines.push(...row.lines);
        this.warn(
          row.line,
          'MEASURE_CONTINUED',
          `这一行没有列分隔符，视为上一项措施（任务 ${last.task} 第 ${last.seq} 项）的续文。`,
          {
            task: last.task,
            seq: last.seq,
          },
        );
      } else {
        this.warn(
          row.line,
          'ROW_IGNORED',
          `这一行没有列分隔符，也不是标题或部分，已忽略（内容：“${cleaned.text.slice(0, 40) || row.cells[0].slice(0, 40)}”）。`,
        );
      }
      return;
    }
    if (noCell && parseTaskNo(noCell) === undefined && !nameCell && !cleaned.text) {
      this.warn(
        row.line,
        'ROW_IGNORED',
        `序号“${noCell.slice(0, 20)}”不是任务编号，这一行也没有任务或措施，已忽略。`,
      );
      return;
    }
    if (!cleaned.text) {
      if (noCell || nameCell) {
        this.task = this.taskFor(row, noCell, nameCell);
        return;
      }
      const what = strays[0] ?? deadlineCell ?? unitCells.lead;
      this.warn(
        row.line,
        'ROW_IGNORED',
        `这一行没有工作措施，已忽略（内容：“${cleanCell(what || cells.join(' ')).text.slice(0, 40)}”）。`,
      );
      return;
    }
    const task = flat ? this.flatTask(row, noCell, measureCell) : this.taskFor(row, noCell, nameCell);
    this.task = task;
    const last = this.drafts[this.drafts.length - 1];
    const noUnits = !unitCells.lead && !unitCells.responsible && !unitCells.assisting;
    if (
      afterHeader &&
      !flat &&
      last &&
      last.task === task.no &&
      !deadlineCell &&
      noUnits &&
      map.deadline !== undefined
    ) {
      // The rest of the measure above, carried over a page break.
      last.textParts.push(measureCell);
      last.cleaned = cleanText(last.textParts.join('\n'));
      last.lines.push(...row.lines);
      this.warn(
        row.line,
        'MEASURE_CONTINUED',
        `这一行没有完成时限和责任单位，视为上一项措施（任务 ${task.no} 第 ${last.seq} 项）跨页的续文。`,
        {
          task: task.no,
          seq: last.seq,
        },
      );
      return;
    }
    if (strays.length > 0) {
      this.warn(
        row.line,
        'ROW_IGNORED',
        `这一行有 ${strays.length} 个单元格不在任何已知列中，已忽略：“${strays[0].slice(0, 30)}”。`,
      );
    }
    const seq = (this.measureCount.get(task.no) ?? 0) + 1;
    this.measureCount.set(task.no, seq);
    this.drafts.push({
      task: task.no,
      seq,
      cleaned,
      textParts: [measureCell],
      lines: [...row.lines],
      deadlineCell,
      unitCells,
      remark: cellText(cells, map.remark),
    });
  }

  private readonly deadlineCache = new Map<string, ReturnType<typeof readDeadline> & { repairs: Repair[] }>();

  private readDeadlineCell(cell: string, dues: string[]) {
    const key = `${cell}\u0000${dues.join(',')}`;
    let hit = this.deadlineCache.get(key);
    if (!hit) {
      hit = { ...readDeadline(cell, this.year, dues), repairs: cleanCell(cell).repairs };
      this.deadlineCache.set(key, hit);
    }
    return { ...hit, deadline: { ...hit.deadline } };
  }

  private finish(d: Draft): Measure {
    const line = d.lines[0];
    const at = { task: d.task, seq: d.seq };
    const { text, repairs } = d.cleaned;
    this.repaired(line, repairs, '工作措施');
    const phrases = findDatePhrases(text, this.year);
    const milestones: Milestone[] = [];
    for (const p of phrases) {
      const sentence = sentenceAround(text, p.index);
      if (!milestones.some((m) => m.due === p.due && m.text === sentence))
        milestones.push({ due: p.due, raw: p.raw, text: sentence });
    }
    const dues = milestones.map((m) => m.due);
    const deadlineCell = this.map.deadline === undefined ? '按时间节点完成' : d.deadlineCell;
    const { deadline, readable, steps, repairs: deadlineRepairs } = this.readDeadlineCell(deadlineCell, dues);
    // Dated steps written in the deadline cell itself are milestones too.
    for (const step of steps) {
      if (!milestones.some((m) => m.due === step.due))
        milestones.push({ due: step.due, raw: step.raw, text: step.text });
    }
    milestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    if (this.map.deadline === undefined) deadline.raw = '';
    this.repaired(line, deadlineRepairs, '完成时限');
    if (!readable && this.map.deadline !== undefined) {
      const empty = deadline.raw === '' || /^[—\-–－_/／无\s]*$/.test(deadline.raw);
      this.warn(
        line,
        empty ? 'DEADLINE_MISSING' : 'DEADLINE_UNREADABLE',
        empty
          ? `任务 ${d.task} 第 ${d.seq} 项措施没有完成时限，暂按 ${deadline.due} 计，请确认。`
          : `无法识别完成时限“${deadline.raw}”（任务 ${d.task} 第 ${d.seq} 项），暂按 ${deadline.due} 计，请确认。`,
        { ...at, subject: deadline.raw },
      );
    } else if (deadline.kind === 'milestones' && milestones.length === 0 && this.map.deadline !== undefined) {
      this.warn(
        line,
        'DEADLINE_NO_MILESTONES',
        `完成时限为“${deadline.raw}”，但措施正文中没有找到时间节点，按 ${deadline.due} 计。`,
        at,
      );
    }
    const units = this.readUnits(d, line);
    if (units.lead.length === 0 && this.map.lead !== undefined) {
      this.warn(line, 'NO_LEAD_UNIT', `任务 ${d.task} 第 ${d.seq} 项措施没有牵头部门。`, at);
    }
    return {
      task: d.task,
      seq: d.seq,
      text,
      lines: d.lines,
      deadline,
      lead: units.lead.map((u) => u.name),
      responsible: units.responsible.map((u) => u.name),
      assisting: units.assisting.map((u) => u.name),
      leadEtAl: units.etAl.lead,
      responsibleEtAl: units.etAl.responsible,
      assistingEtAl: units.etAl.assisting,
      milestones,
      targets: extractTargets(text),
      ...(d.remark ? { remark: cleanText(d.remark).text } : {}),
      units: { lead: units.lead, responsible: units.responsible, assisting: units.assisting },
    };
  }

  /** Unit cells repeat across a plan (`各区政府 (含北京经济技术开发区管委会)`): read each distinct cell once. */
  private readonly cellCache = new Map<string, { reading: UnitCellReading; repairs: Repair[] }>();

  private readCell(cell: string, role: Role) {
    const key = `${role}\u0000${cell}`;
    let hit = this.cellCache.get(key);
    if (!hit) {
      hit = { reading: readUnitCell(cell, role, this.index), repairs: cleanCell(cell).repairs };
      this.cellCache.set(key, hit);
    }
    return hit;
  }

  private readUnits(d: Draft, line: number) {
    const byRole: Record<Role, UnitMention[]> = { lead: [], responsible: [], assisting: [] };
    const etAl: Record<Role, boolean> = { lead: false, responsible: false, assisting: false };
    for (const role of ['lead', 'responsible', 'assisting'] as const) {
      const cell = d.unitCells[role];
      if (!cell) continue;
      const { reading, repairs } = this.readCell(cell, role);
      this.repaired(line, repairs, ROLE_LABEL[role]);
      byRole[role].push(...reading.mentions.map((m) => ({ ...m })));
      etAl[role] ||= reading.etAl;
      for (const [r, ms] of Object.entries(reading.byRole) as [Role, UnitMention[]][])
        byRole[r].push(...ms.map((m) => ({ ...m })));
      for (const [r, flag] of Object.entries(reading.etAlByRole) as [Role, boolean][]) etAl[r] ||= flag;
    }
    for (const role of ['lead', 'responsible', 'assisting'] as const) {
      const seen = new Set<string>();
      byRole[role] = byRole[role].filter((u) => !seen.has(u.name) && seen.add(u.name));
      for (const u of byRole[role]) {
        const at = { task: d.task, seq: d.seq, role, subject: u.name };
        if (u.kind === 'unknown') {
          this.warn(
            line,
            'UNKNOWN_UNIT',
            `${ROLE_LABEL[role]}“${u.written}”不在单位名录中（任务 ${d.task} 第 ${d.seq} 项）：请映射到已有单位或新建单位。`,
            at,
          );
        } else if (u.kind === 'group' && this.index.members(u.name) === null) {
          this.warn(
            line,
            'GROUP_NEEDS_DECISION',
            `${ROLE_LABEL[role]}“${u.name}”没有固定成员（任务 ${d.task} 第 ${d.seq} 项）：发布前请确定具体是哪些单位。`,
            at,
          );
        }
      }
    }
    return { lead: byRole.lead, responsible: byRole.responsible, assisting: byRole.assisting, etAl };
  }
}

/** The second line of a header split over two lines by the extraction (`时限`, `部门`, `单位`…). */
function isHeaderContinuation(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return (
    filled.length >= 2 &&
    filled.every((c) =>
      /^(时限|时间|期限|部门|单位|措施|任务|内容|名称|序号|节点)$/.test(c.replace(/\s+/g, '')),
    )
  );
}

/** A name for a task that has none: the first clause of its text, at most 40 characters. */
function firstClause(text: string): string {
  const t = cleanText(text).text;
  const m = /^[^，。；！？\n]{1,40}/.exec(t);
  return m ? m[0] : t.slice(0, 40);
}
