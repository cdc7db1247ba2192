/** A measure row read into a Measure: its deadline, milestones, targets and units. */
import { readDeadline } from '../deadline/deadline.ts';
import { findDatePhrases } from '../deadline/phrases.ts';
import type { DirectoryIndex } from '../directory/directory.ts';
import { extractTargets } from '../targets/targets.ts';
import { cleanCell, cleanText, type Repair } from '../text/clean.ts';
import { type Draft, ROLE_LABEL } from './draft.ts';
import type { ColumnMap } from './header.ts';
import type { Measure, Milestone, ParseWarning, Role, UnitMention } from './model.ts';
import { targetFromCells } from './target-cell.ts';
import { readUnitCell, type UnitCellReading } from './units.ts';

type Warn = (
  line: number,
  code: ParseWarning['code'],
  message: string,
  extra?: Partial<ParseWarning>,
) => void;

function sentenceAround(text: string, index: number): string {
  let a = index;
  while (a > 0 && !/[。；！？\n]/.test(text[a - 1])) a--;
  let b = index;
  while (b < text.length && !/[。；！？\n]/.test(text[b])) b++;
  if (b < text.length && text[b] !== '\n') b++;
  return text.slice(a, b).trim();
}

export class MeasureFinisher {
  private readonly deadlineCache = new Map<string, ReturnType<typeof readDeadline> & { repairs: Repair[] }>();
  /** Unit cells repeat across a plan (`各区政府 (含北京经济技术开发区管委会)`): read each distinct cell once. */
  private readonly cellCache = new Map<string, { reading: UnitCellReading; repairs: Repair[] }>();

  constructor(
    private readonly year: number,
    private readonly index: DirectoryIndex,
    private readonly map: ColumnMap,
    private readonly warn: Warn,
    /** The plan's own period (`2023—2025年`), when its title names one: the due date of undated measures. */
    private readonly period?: { start: string; end: string },
  ) {}

  warnMissingColumns(headerLine: number) {
    if (this.map.deadline === undefined) {
      this.warn(
        headerLine,
        'DEADLINE_MISSING',
        '表中没有“完成时限”列：各项措施按文中的时间节点计，没有节点的按年底计。',
      );
    }
    if (this.map.lead.length === 0) {
      this.warn(headerLine, 'NO_LEAD_UNIT', '表中没有“牵头部门”列：请在发布前为各项措施指定牵头单位。');
    }
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

  private readDeadlineCell(cell: string, dues: string[]) {
    const key = `${cell}\u0000${dues.join(',')}`;
    let hit = this.deadlineCache.get(key);
    if (!hit) {
      hit = { ...readDeadline(cell, this.year, dues), repairs: cleanCell(cell).repairs };
      this.deadlineCache.set(key, hit);
    }
    return { ...hit, deadline: { ...hit.deadline } };
  }

  finish(d: Draft): Measure {
    const line = d.lines[0];
    const at = { task: d.task, seq: d.seq };
    const { text, repairs } = d.cleaned;
    this.repaired(line, repairs, '工作措施');
    const milestones: Milestone[] = [];
    // A goal in prose (目标任务: `2021年2月底前，知晓率达90%以上`) dates the measure as its text does.
    const goal =
      d.targetCell && !targetFromCells(d.targetCell, d.unitOfMeasure) ? cleanText(d.targetCell).text : '';
    const goalPhrases = goal ? findDatePhrases(goal, this.year) : [];
    for (const [source, phrases] of [
      [text, findDatePhrases(text, this.year)],
      [goal, goalPhrases],
    ] as const) {
      for (const p of phrases) {
        const sentence = sentenceAround(source, p.index);
        if (!milestones.some((m) => m.due === p.due && m.text === sentence))
          milestones.push({ due: p.due, raw: p.raw, text: sentence });
      }
    }
    const dues = milestones.map((m) => m.due);
    const noColumn = this.map.deadline === undefined;
    // With no deadline column, a goal that opens with its date (`2021年2月底前，…`) states the deadline.
    const opening = goalPhrases.find((p) => p.index <= 1);
    const deadlineCell = noColumn ? (opening ? opening.raw : '按时间节点完成') : d.deadlineCell;
    const { deadline, readable, steps, repairs: deadlineRepairs } = this.readDeadlineCell(deadlineCell, dues);
    // Dated steps written in the deadline cell itself are milestones too.
    for (const step of steps) {
      if (!milestones.some((m) => m.due === step.due))
        milestones.push({ due: step.due, raw: step.raw, text: step.text });
    }
    milestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    if (noColumn && opening) {
      milestones.splice(
        milestones.findIndex((m) => m.raw === opening.raw && m.due === opening.due),
        1,
      );
    } else if (noColumn) {
      deadline.raw = '';
      if (milestones.length === 0 && this.period) deadline.due = this.period.end;
    }
    this.repaired(line, deadlineRepairs, '完成时限');
    if (deadline.relative) {
      this.warn(
        line,
        'DEADLINE_NEEDS_DATE',
        `完成时限“${deadline.raw}”从某一事件起算（任务 ${d.task} 第 ${d.seq} 项）：请在审核时填写具体日期，暂按 ${deadline.due} 计。`,
        { ...at, subject: deadline.raw },
      );
    } else if (!readable && !noColumn) {
      const empty = deadline.raw === '' || /^[—\-–－_/／无\s]*$/.test(deadline.raw);
      this.warn(
        line,
        empty ? 'DEADLINE_MISSING' : 'DEADLINE_UNREADABLE',
        empty
          ? `任务 ${d.task} 第 ${d.seq} 项措施没有完成时限，暂按 ${deadline.due} 计，请确认。`
          : `无法识别完成时限“${deadline.raw}”（任务 ${d.task} 第 ${d.seq} 项），暂按 ${deadline.due} 计，请确认。`,
        { ...at, subject: deadline.raw },
      );
    } else if (deadline.kind === 'milestones' && milestones.length === 0 && !noColumn) {
      this.warn(
        line,
        'DEADLINE_NO_MILESTONES',
        `完成时限为“${deadline.raw}”，但措施正文中没有找到时间节点，按 ${deadline.due} 计。`,
        at,
      );
    }
    const units = this.readUnits(d, line);
    if (units.lead.length === 0 && this.map.lead.length > 0) {
      this.warn(line, 'NO_LEAD_UNIT', `任务 ${d.task} 第 ${d.seq} 项措施没有牵头部门。`, at);
    }
    const fromCell = targetFromCells(d.targetCell, d.unitOfMeasure);
    // An indicator's name beside its value (`新引进5亿元以上重大项目 | 9`): its numbers say what is counted.
    const indicator = fromCell !== undefined && text.length <= 24 && !/[，。；,;\n]/.test(text);
    const targets = [...(indicator ? [] : extractTargets(text)), ...(goal ? extractTargets(goal) : [])];
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
      targets: fromCell ? [fromCell, ...targets] : targets,
      ...(d.remark ? { remark: cleanText(d.remark).text } : {}),
      ...(d.targetCell ? { target: cleanText(d.targetCell).text } : {}),
      ...(d.unitOfMeasure ? { unitOfMeasure: cleanText(d.unitOfMeasure).text } : {}),
      units: { lead: units.lead, responsible: units.responsible, assisting: units.assisting },
    };
  }

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
      for (const cell of d.unitCells[role]) {
        const { reading, repairs } = this.readCell(cell, role);
        this.repaired(line, repairs, ROLE_LABEL[role]);
        byRole[role].push(...reading.mentions.map((m) => ({ ...m })));
        etAl[role] ||= reading.etAl;
        for (const [r, ms] of Object.entries(reading.byRole) as [Role, UnitMention[]][])
          byRole[r].push(...ms.map((m) => ({ ...m })));
        for (const [r, flag] of Object.entries(reading.etAlByRole) as [Role, boolean][]) etAl[r] ||= flag;
      }
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
