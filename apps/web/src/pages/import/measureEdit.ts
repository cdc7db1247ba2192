import type { CorrectMeasureRequest, Measure, ResponsibilityRole, UnitMention } from '@lantian/contract';

/** The editable fields of a measure, as the correction form holds them (dates as `YYYY-MM-DD`). */
export interface MeasureDraft {
  text: string;
  deadline: {
    raw: string;
    kind: Measure['deadline']['kind'];
    due: string | null;
    start: string | null;
    end: string | null;
    recurrence: Measure['deadline']['recurrence'];
  };
  units: Record<ResponsibilityRole, string[]>;
  milestones: { due: string; raw: string; text: string }[];
  targets: {
    value: number;
    unit: string;
    comparison: Measure['targets'][number]['comparison'];
    yearOnYear: boolean;
    text: string;
  }[];
}

const ROLES: ResponsibilityRole[] = ['lead', 'responsible', 'assisting'];

/** A unit as the correction sends it back: the name, with the office it acts as in parentheses. */
export function mentionName(m: UnitMention): string {
  return m.actingAs ? `${m.name} (${m.actingAs})` : m.name;
}

export function draftOf(m: Measure): MeasureDraft {
  return {
    text: m.text,
    deadline: {
      raw: m.deadline.raw,
      kind: m.deadline.kind,
      due: m.deadline.due,
      start: m.deadline.start,
      end: m.deadline.end,
      recurrence: m.deadline.recurrence,
    },
    units: {
      lead: m.units.lead.map(mentionName),
      responsible: m.units.responsible.map(mentionName),
      assisting: m.units.assisting.map(mentionName),
    },
    milestones: m.milestones.map(({ due, raw, text }) => ({ due, raw, text })),
    targets: m.targets.map(({ value, unit, comparison, yearOnYear, text }) => ({
      value,
      unit,
      comparison,
      yearOnYear,
      text,
    })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The correction request for what changed, and only that: the server records each corrected field with
 * who and when, so untouched fields must not be sent. `null` when nothing changed.
 */
export function correctionOf(
  original: Measure,
  edited: MeasureDraft,
  reason?: string,
): CorrectMeasureRequest | null {
  const before = draftOf(original);
  const body: CorrectMeasureRequest = { version: original.version };
  let changed = false;
  if (edited.text.trim() !== before.text) {
    body.text = edited.text.trim();
    changed = true;
  }
  const d = edited.deadline;
  const deadline = {
    raw: d.raw.trim(),
    kind: d.kind,
    due: d.kind === 'ongoing' ? null : d.kind === 'period' ? d.end : d.due,
    start: d.kind === 'period' ? d.start : null,
    end: d.kind === 'period' ? d.end : null,
    recurrence: d.kind === 'ongoing' ? d.recurrence : null,
  };
  const beforeDeadline = {
    raw: before.deadline.raw,
    kind: before.deadline.kind,
    due:
      before.deadline.kind === 'ongoing'
        ? null
        : before.deadline.kind === 'period'
          ? before.deadline.end
          : before.deadline.due,
    start: before.deadline.kind === 'period' ? before.deadline.start : null,
    end: before.deadline.kind === 'period' ? before.deadline.end : null,
    recurrence: before.deadline.kind === 'ongoing' ? before.deadline.recurrence : null,
  };
  if (!same(deadline, beforeDeadline)) {
    body.deadline = deadline;
    changed = true;
  }
  const units: NonNullable<CorrectMeasureRequest['units']> = {};
  for (const role of ROLES) {
    const list = edited.units[role].map((n) => n.trim()).filter(Boolean);
    if (!same(list, before.units[role])) units[role] = list;
  }
  if (Object.keys(units).length > 0) {
    body.units = units;
    changed = true;
  }
  if (!same(edited.milestones, before.milestones)) {
    body.milestones = edited.milestones;
    changed = true;
  }
  if (!same(edited.targets, before.targets)) {
    body.targets = edited.targets;
    changed = true;
  }
  if (!changed) return null;
  if (reason?.trim()) body.reason = reason.trim();
  return body;
}
