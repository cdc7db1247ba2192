/**
 * The case settings form (案件设置): one row per category with its three time limits, and the windows.
 * Pure: settings → form values → settings, and the checks across rows the server would refuse
 * (a code twice, a limit missing for an active category) with the field each one names.
 */
import { CASE_SEVERITIES, type CaseSettings, type CaseSeverity } from '@lantian/contract';

export interface CategoryRow {
  code: string;
  name: string;
  active: boolean;
  /** Saved before: its code is fixed (cases refer to it), it can only be switched off. */
  saved: boolean;
  days: Record<CaseSeverity, number | null>;
}

export interface SettingsForm {
  categories: CategoryRow[];
  repeatWindowDays: number | null;
  revisitAfterDays: number | null;
  remindDaysBefore: number | null;
}

export const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

export function toForm(s: CaseSettings): SettingsForm {
  const limit = (code: string, sev: CaseSeverity) =>
    s.timeLimits.find((l) => l.category === code && l.severity === sev)?.days ?? null;
  return {
    categories: s.categories.map((c) => ({
      code: c.code,
      name: c.name,
      active: c.active,
      saved: true,
      days: { low: limit(c.code, 'low'), medium: limit(c.code, 'medium'), high: limit(c.code, 'high') },
    })),
    repeatWindowDays: s.repeatWindowDays,
    revisitAfterDays: s.revisitAfterDays,
    remindDaysBefore: s.remindDaysBefore,
  };
}

export function emptyRow(): CategoryRow {
  return { code: '', name: '', active: true, saved: false, days: { low: null, medium: null, high: null } };
}

export type RowProblem =
  | { row: number; field: 'code'; kind: 'duplicate'; code: string }
  | { row: number; field: CaseSeverity; kind: 'limitMissing' }
  | { row: -1; field: 'categories'; kind: 'noActive' };

/** What the per-field rules cannot see: duplicates, missing limits of active categories, none active. */
export function rowProblems(f: SettingsForm): RowProblem[] {
  const out: RowProblem[] = [];
  const seen = new Set<string>();
  f.categories.forEach((c, row) => {
    const code = c.code.trim();
    if (code && seen.has(code)) out.push({ row, field: 'code', kind: 'duplicate', code });
    seen.add(code);
    if (c.active)
      for (const sev of CASE_SEVERITIES)
        if (c.days[sev] == null) out.push({ row, field: sev, kind: 'limitMissing' });
  });
  if (f.categories.length > 0 && !f.categories.some((c) => c.active))
    out.push({ row: -1, field: 'categories', kind: 'noActive' });
  return out;
}

/** The PUT body. An inactive category keeps the limits it has (filled ones only). */
export function fromForm(f: SettingsForm): CaseSettings {
  const categories = f.categories.map((c) => ({
    code: c.code.trim(),
    name: c.name.trim(),
    active: c.active,
  }));
  const timeLimits = f.categories.flatMap((c) =>
    CASE_SEVERITIES.flatMap((severity) => {
      const days = c.days[severity];
      return days == null ? [] : [{ category: c.code.trim(), severity, days }];
    }),
  );
  return {
    categories,
    timeLimits,
    repeatWindowDays: f.repeatWindowDays ?? 0,
    revisitAfterDays: f.revisitAfterDays ?? 1,
    remindDaysBefore: f.remindDaysBefore ?? 0,
  };
}
