/** The one plan reader: a SourceDocument (from text, .docx, .xlsx, .html or .pdf) into a Plan. */
import type { DirectoryIndex } from '../directory/directory.ts';
import { cleanCell, cleanText, type Repair } from '../text/clean.ts';
import { nameKey } from '../text/normalize.ts';
import type { ColumnReading } from './columns.ts';
import type { Draft } from './draft.ts';
import { PlanParseError } from './errors.ts';
import { type ColumnMap, classifyHeaderCell, placedColumns } from './header.ts';
import { findHeader, readColumns } from './header-find.ts';
import { alignHeader } from './header-shift.ts';
import { detectJurisdiction, planIndex } from './jurisdiction.ts';
import { MeasureFinisher } from './measure-finish.ts';
import type { ParseWarning, Plan, Role, Section, Task } from './model.ts';
import type { ParsePlanOptions } from './parse.ts';
import { cellAt, firstClause, isBlank, isHeaderContinuation, type ReadRow, rowText } from './rows.ts';
import { SectionLevels } from './section-levels.ts';
import type { SourceDocument } from './source.ts';
import { UnitFill } from './unit-fill.ts';

const SECTION =
  /^(?:第)?([一二三四五六七八九十百]+)(?:部分)?[、.．，,\s]\s*(.+)$|^[（(]([一二三四五六七八九十]+)[)）]\s*(.+)$/;
const NOTE = /^(注|备注|说明|附注)\s*[:：\d１-９]/;

/** How a text input was split, for `Plan.source`; absent for containers. */
export interface TextMeta {
  encoding?: Plan['source']['encoding'];
  delimiter?: Plan['source']['delimiter'];
  lines?: number;
}

function parseTaskNo(cell: string): number | undefined {
  const m = /^[（(]?(\d{1,5})[)）.．、]?$/.exec(cell.replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

export function yearFrom(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*(?:[—–\-~～至到]\s*(?:19|20)\d{2}\s*)?年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export class PlanReader {
  private readonly warnings: ParseWarning[] = [];
  private readonly sections: Section[] = [];
  private readonly tasks: Task[] = [];
  private readonly taskByNo = new Map<number, Task>();
  private readonly drafts: Draft[] = [];
  private readonly measureCount = new Map<number, number>();
  private readonly notes: string[] = [];
  private readonly preamble: string[] = [];
  private map!: ColumnMap;
  private levels!: SectionLevels;
  private unitFill!: UnitFill;
  private section: Section | undefined;
  private task: Task | undefined;
  private title = '';
  private year = 0;
  private columns: ColumnReading[] = [];

  constructor(
    private readonly doc: SourceDocument,
    private readonly meta: TextMeta,
    private readonly index: DirectoryIndex,
    private readonly options: ParsePlanOptions,
  ) {}

  read(): Plan {
    const found = findHeader(this.doc, this.options.columns);
    if (!found) {
      const first = this.doc.tables.flatMap((t) => t.rows).find((r) => r.cells.some((c) => c.text.trim()));
      throw new PlanParseError(
        'NOT_A_PLAN_TABLE',
        '没有找到计划表格的表头：表格前部没有一行同时含有工作内容（“工作措施”“具体任务”“主要工作内容”“考核内容”或“重点任务”等）以及“完成时限”“牵头单位”“责任部门”等列名。',
        first?.line,
      );
    }
    const { rows, headerAt, bodyFrom } = found;
    const body = rows.slice(bodyFrom);
    const shifted = alignHeader(found, body);
    const read = readColumns(found, body);
    this.map = read.map;
    this.columns = read.readings;
    this.levels = new SectionLevels(this.map, this.sections);
    this.unitFill = new UnitFill(this.map);
    for (const note of this.doc.notes) this.notes.push(note);
    if (shifted)
      this.warn(rows[headerAt].line, 'HEADER_SHIFTED', shifted.message, { subject: shifted.subject });
    for (const w of read.warnings) this.warn(rows[headerAt].line, w.code, w.message, { subject: w.subject });
    for (const name of found.skippedTables)
      this.warn(rows[headerAt].line, 'TABLE_SKIPPED', `文档中的另一张表格“${name}”不是任务表，未读取。`, {
        subject: name,
      });
    this.readTitle(rows.slice(0, headerAt));
    this.year = this.resolveYear(body, rows[headerAt].line);
    const period = this.planPeriod();
    const unitCells = body
      .filter((r) => !found.isHeaderRow(r))
      .flatMap((r) =>
        [...this.map.lead, ...this.map.responsible, ...this.map.assisting].map((c) => cellAt(r, c)),
      );
    const unitNames = unitCells.flatMap((c) => c.split(/[、，,\s；;]+/));
    const named = detectJurisdiction(this.title, this.preamble, unitNames, this.index.directory);
    const { index, jurisdiction, applied, match } = planIndex(this.index, named, unitCells);
    if (!applied) this.warnDirectoryNotApplied(rows[headerAt].line, jurisdiction, match);
    const finisher = new MeasureFinisher(
      this.year,
      index,
      this.map,
      (line, code, message, extra) => this.warn(line, code, message, extra),
      period,
    );
    finisher.warnMissingColumns(rows[headerAt].line);
    let afterHeader = true;
    for (const row of body) {
      if (isBlank(row)) continue;
      if (found.isHeaderRow(row)) {
        afterHeader = true;
        continue;
      }
      if (afterHeader && isHeaderContinuation(row.cells)) continue;
      if (this.readSectionOrNote(row)) {
        afterHeader = false;
        continue;
      }
      this.readDataRow(row, afterHeader);
      afterHeader = false;
    }
    if (this.drafts.length === 0) {
      throw new PlanParseError('NO_MEASURES', '找到了表头，但表格中没有任何工作措施。', rows[headerAt].line);
    }
    const measures = this.drafts.map((d) => finisher.finish(d));
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
      columns: this.columns,
      ...(period ? { period } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
      source: {
        format: this.doc.format,
        ...(this.meta.encoding ? { encoding: this.meta.encoding } : {}),
        ...(this.meta.delimiter ? { delimiter: this.meta.delimiter } : {}),
        lines: this.meta.lines ?? rows.length,
        headerLine: rows[headerAt].line,
        columns: rows[headerAt].cells.map((h) => ({ header: h, column: classifyHeaderCell(h) ?? null })),
      },
    };
  }

  private warnDirectoryNotApplied(
    line: number,
    jurisdiction: string | undefined,
    match: { known: number; total: number } | undefined,
  ) {
    const directory = this.index.directory.name;
    this.warn(
      line,
      'DIRECTORY_NOT_APPLIED',
      jurisdiction
        ? `这是${jurisdiction}的计划，不套用${directory}的单位名录：单位名称按原文保留，请在审核时新建单位、合并（设为别名）或改名。`
        : `计划没有写明地区，单位名称与${directory}的单位名录不相符（${match?.known ?? 0}/${match?.total ?? 0} 个认得）：按外地计划读，单位名称按原文保留，请在审核时新建单位、合并（设为别名）或改名。`,
      { subject: jurisdiction ?? '' },
    );
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

  private readTitle(rows: ReadRow[]) {
    const texts = [
      ...this.doc.preamble.map((p, i) => ({ line: -1 - i, text: cleanText(p).text })),
      ...rows.map((r) => ({ line: r.line, text: rowText(r) })),
    ].filter((t) => t.text !== '');
    const titleLike = (t: string) =>
      /(计划|方案|清单|分工|要点|任务表|台账|安排|措施)/.test(t) && t.length <= 80;
    const titleRow =
      [...texts]
        .reverse()
        .find((t) => titleLike(t.text) && !/^(附件|附表)/.test(t.text) && !/[。；]$/.test(t.text)) ??
      [...texts].reverse().find((t) => titleLike(t.text)) ??
      [...texts].reverse().find((t) => !/^附件/.test(t.text) && t.text.length <= 80);
    this.title = titleRow?.text ?? '';
    for (const t of texts) if (t !== titleRow) this.preamble.push(t.text);
  }

  private resolveYear(body: ReadRow[], headerLine: number): number {
    if (this.options.year !== undefined) return this.options.year;
    const fromTitle = yearFrom(this.title) ?? this.preamble.map(yearFrom).find((y) => y !== undefined);
    if (fromTitle !== undefined) return fromTitle;
    const counts = new Map<number, number>();
    for (const r of body) {
      const y = yearFrom(
        cellAt(r, this.map.deadline) || (this.map.deadline === undefined ? cellAt(r, this.map.measure) : ''),
      );
      if (y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (best) {
      this.warn(
        headerLine,
        'YEAR_ASSUMED',
        `标题中没有年份，按完成时限中最常见的 ${best[0]} 年计；如不对，请指定计划年份。`,
      );
      return best[0];
    }
    throw new PlanParseError(
      'YEAR_UNKNOWN',
      `无法确定计划年份：标题“${this.title || '（无标题）'}”和完成时限中都没有年份。请指定年份（命令行用 --year 2022）。`,
      headerLine,
    );
  }

  /** A multi-year plan's period from its title or preamble (`2023—2025年`, `（2018-2020年）`). */
  private planPeriod(): Plan['period'] {
    for (const text of [this.title, ...this.preamble]) {
      const m = /((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年/.exec(text);
      if (m && Number(m[1]) < Number(m[2]) && Number(m[1]) === this.year)
        return { start: `${m[1]}-01-01`, end: `${m[2]}-12-31` };
    }
    return undefined;
  }

  private startSection(section: Section) {
    this.sections.push(section);
    this.section = section;
    this.task = undefined;
    this.levels.reset();
  }

  /** Section rows (`二、实施氮氧化物减排专项行动`) and footnotes; true when the row was one of them. */
  private readSectionOrNote(row: ReadRow): boolean {
    const cells = row.cells;
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 2 && this.map.no !== undefined) {
      // `一` in the 序号 column and `主要目标` beside it: a section written across two cells.
      const ordinal = cleanText(cells[this.map.no] ?? '').text.replace(/^[（(]|[)）、.．]$/g, '');
      const title = cleanText(filled.find((c) => c !== cells[this.map.no as number]) ?? '').text;
      if (/^[一二三四五六七八九十]+$/.test(ordinal) && title && title.length <= 60) {
        this.startSection({ ordinal, title, line: row.line });
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
      this.startSection({ ordinal: m[1] ?? m[3], title: (m[2] ?? m[4]).trim(), line: row.line });
      return true;
    }
    return false;
  }

  private newTask(no: number, rawName: string, row: ReadRow): Task {
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

  private addLines(task: Task, row: ReadRow) {
    for (const l of row.lines) if (!task.lines.includes(l)) task.lines.push(l);
  }

  /** The task a data row belongs to: its number, a new name, or the task above. */
  private taskFor(row: ReadRow, noCell: string, nameCell: string, nameMergedUp: boolean): Task {
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
            { task: no },
          );
        }
        this.addLines(existing, row);
        return existing;
      }
      // A merged task cell over a new number: still the task above (its number cell was split).
      if (nameMergedUp && this.task && sameName(this.task)) {
        this.addLines(this.task, row);
        return this.task;
      }
      return this.newTask(no, nameCell, row);
    }
    if (nameCell && (!this.task || !sameName(this.task)))
      return this.newTask(this.nextTaskNo(), nameCell, row);
    if (this.task) {
      this.addLines(this.task, row);
      return this.task;
    }
    // A measure before any task: the section (or the plan) stands as its task.
    return this.newTask(this.nextTaskNo(), this.section?.title ?? this.title, row);
  }

  /**
   * In a single-column list, a numbered row is a new task named by its first clause; an unnumbered one adds
   * to the task above (unless the table numbers nothing and its column names tasks).
   */
  private flatTask(row: ReadRow, noCell: string, text: string): Task {
    const no = parseTaskNo(noCell);
    // A table with one work column (`专项整治行业名称`, `目标任务`) that numbers none: each row is a task.
    const ownTask = no === undefined && this.map.no === undefined;
    const existing = no === undefined ? (ownTask ? undefined : this.task) : this.taskByNo.get(no);
    if (existing) {
      this.addLines(existing, row);
      return existing;
    }
    return this.newTask(no ?? this.nextTaskNo(), firstClause(text), row);
  }

  private appendTo(last: Draft, text: string, row: ReadRow) {
    last.textParts.push(text);
    last.cleaned = cleanText(last.textParts.join('\n'));
    last.lines.push(...row.lines);
  }

  private readDataRow(row: ReadRow, afterHeader: boolean) {
    const map = this.map;
    const cells = row.cells;
    // Category columns (一级/二级分类) open sections, and the innermost one names the task when there is no task column.
    const level = this.levels.read(row);
    if (level.section && level.section !== this.section) {
      this.section = level.section;
      this.task = undefined;
    }
    let noCell = cellAt(row, map.no);
    const taskColumn = map.task ?? level.taskColumn;
    // A table with a single work column (`工作任务` only) lists one item per row: each is a task with one measure.
    const flat = map.measure === undefined || taskColumn === undefined;
    const nameCell = flat ? '' : cellAt(row, taskColumn);
    const nameMergedUp = taskColumn !== undefined && row.merged[taskColumn] === 'up';
    if (map.no !== undefined && row.merged[map.no] === 'up' && this.task) noCell = String(this.task.no);
    const measureCol = map.measure ?? map.task;
    const measureCell = cellAt(row, measureCol);
    const cleaned = measureCell ? cleanText(measureCell) : { text: '', repairs: [] };
    const deadlineCell = cellAt(row, map.deadline);
    const unitCells: Record<Role, string[]> = {
      lead: map.lead.map((c) => cellAt(row, c)).filter(Boolean),
      responsible: map.responsible.map((c) => cellAt(row, c)).filter(Boolean),
      assisting: map.assisting.map((c) => cellAt(row, c)).filter(Boolean),
    };
    const known = placedColumns(map);
    const strays = cells.filter((c, i) => c !== '' && !known.has(i));
    const last = this.drafts[this.drafts.length - 1];
    if (row.width === 1 && this.doc.format === 'text' && this.meta.delimiter !== 'pipe') {
      // A line with no column separator inside the table: text wrapped out of the cell above.
      if (last) {
        this.appendTo(last, cells[0], row);
        this.warn(
          row.line,
          'MEASURE_CONTINUED',
          `这一行没有列分隔符，视为上一项措施（任务 ${last.task} 第 ${last.seq} 项）的续文。`,
          { task: last.task, seq: last.seq },
        );
      } else {
        this.warn(
          row.line,
          'ROW_IGNORED',
          `这一行没有列分隔符，也不是标题或部分，已忽略（内容：“${cleaned.text.slice(0, 40) || cells[0].slice(0, 40)}”）。`,
        );
      }
      return;
    }
    if (measureCol !== undefined && row.merged[measureCol] === 'up' && last) {
      // A merged measure cell over several rows is one measure: this row adds its units and deadline.
      for (const r of ['lead', 'responsible', 'assisting'] as const)
        for (const c of unitCells[r]) if (!last.unitCells[r].includes(c)) last.unitCells[r].push(c);
      if (!last.deadlineCell && deadlineCell) last.deadlineCell = deadlineCell;
      last.lines.push(...row.lines);
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
        this.task = this.taskFor(row, noCell, nameCell, nameMergedUp);
        return;
      }
      const what = strays[0] ?? deadlineCell ?? unitCells.lead[0];
      this.warn(
        row.line,
        'ROW_IGNORED',
        `这一行没有工作措施，已忽略（内容：“${cleanCell(what || cells.join(' ')).text.slice(0, 40)}”）。`,
      );
      return;
    }
    const task = flat
      ? this.flatTask(row, noCell, measureCell)
      : this.taskFor(row, noCell, nameCell, nameMergedUp);
    this.task = task;
    const noUnits = unitCells.lead.length + unitCells.responsible.length + unitCells.assisting.length === 0;
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
      this.appendTo(last, measureCell, row);
      this.warn(
        row.line,
        'MEASURE_CONTINUED',
        `这一行没有完成时限和责任单位，视为上一项措施（任务 ${task.no} 第 ${last.seq} 项）跨页的续文。`,
        { task: task.no, seq: last.seq },
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
    // A row under the one above: the next step of its task, or in a list that numbers nothing, any row.
    const ownNo = parseTaskNo(noCell) !== undefined && row.merged[map.no ?? -1] !== 'up';
    const under = (seq > 1 || (flat && map.no === undefined)) && !ownNo;
    const filled = this.unitFill.read(row, under);
    if (filled.carried.length > 0)
      this.warn(
        row.line,
        'UNITS_CARRIED_DOWN',
        '这一行没有填写单位，按上方合并的单元格读作上一行的单位，请核对。',
        {
          task: task.no,
          seq,
        },
      );
    this.drafts.push({
      task: task.no,
      seq,
      cleaned,
      textParts: [measureCell],
      lines: [...row.lines],
      deadlineCell,
      unitCells: filled.unitCells,
      remark: cellAt(row, map.remark),
      targetCell: cellAt(row, map.target),
      unitOfMeasure: cellAt(row, map.measure_unit),
    });
  }
}
