/** The review's view of a target's scope and shares: pure, so it is tested without a browser. */
import type { Target } from '@lantian/contract';

export type ScopeKind = 'city' | 'unit';

/** The decision in force and who made it (the office, or the rule that read the words). */
export function scopeOf(t: Pick<Target, 'scope' | 'cityWide'>): { kind: ScopeKind; byOffice: boolean } {
  const cityWide = t.scope?.cityWide ?? t.cityWide ?? false;
  return { kind: cityWide ? 'city' : 'unit', byOffice: t.scope?.decidedBy === 'office' };
}

/** The shares typed so far: blanks left out, negatives refused (the server refuses them too). */
export function sharesToSave(values: Record<string, number | null | undefined>): {
  shares: { unitId: string; value: number }[];
  invalid: string[];
} {
  const shares: { unitId: string; value: number }[] = [];
  const invalid: string[] = [];
  for (const [unitId, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) invalid.push(unitId);
    else shares.push({ unitId, value });
  }
  return { shares, invalid };
}

/** The sum of the shares and whether it differs from the target (allowed; the review says so). */
export function sharesTotal(target: number, shares: readonly { value: number }[]) {
  const total = Math.round(shares.reduce((a, s) => a + s.value, 0) * 1e6) / 1e6;
  return {
    total,
    differs: shares.length > 0 && Math.abs(total - target) > 1e-9,
    gap: Math.round((target - total) * 1e6) / 1e6,
  };
}
