/**
 * The dashboard's red/yellow/green picture from the server's figures (`/plans/:id/overview`): section
 * labels for the lights by section, and the month-by-month trend in one number.
 */
import type { LightCounts, LightTrendResponse, PlanOverviewResponse } from '@lantian/contract';

type SectionLike = { id: string; ordinal: string; title: string };

export const LIGHT_ORDER = ['red', 'yellow', 'green', 'done'] as const;

export interface SectionLights {
  /** null: measures whose task has no section (plans without chapters). */
  sectionId: string | null;
  label: string;
  counts: LightCounts;
}

/** The server's lights per section, labelled as the plan writes its sections (`一、调整结构`). */
export function labelSections(
  counted: PlanOverviewResponse['sections'],
  sections: readonly SectionLike[],
  noSectionLabel: string,
): SectionLights[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return counted.map((c) => {
    const s = c.sectionId ? byId.get(c.sectionId) : undefined;
    return {
      sectionId: c.sectionId,
      label: s ? `${s.ordinal}、${s.title}` : noSectionLabel,
      counts: c.counts,
    };
  });
}

/** The change in red items from the previous month to the latest: what the trend says in one number. */
export function redChange(months: LightTrendResponse['months']): number | null {
  const last = months.at(-1);
  const before = months.at(-2);
  if (!last || !before) return null;
  return last.counts.red - before.counts.red;
}
