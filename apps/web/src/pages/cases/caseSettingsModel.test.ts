import { type CaseSettings, CaseSettingsRequest } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { emptyRow, fromForm, rowProblems, toForm } from './caseSettingsModel.ts';

const settings: CaseSettings = {
  categories: [
    { code: 'vocs', name: 'VOCs', active: true },
    { code: 'burning', name: '露天焚烧', active: false },
  ],
  timeLimits: [
    { category: 'vocs', severity: 'high', days: 3 },
    { category: 'vocs', severity: 'medium', days: 7 },
    { category: 'vocs', severity: 'low', days: 15 },
    { category: 'burning', severity: 'high', days: 1 },
  ],
  repeatWindowDays: 30,
  revisitAfterDays: 20,
  remindDaysBefore: 2,
};

describe('case settings form model', () => {
  it('puts each category on one row with its three limits, saved rows marked', () => {
    const f = toForm(settings);
    expect(f.categories[0]).toEqual({
      code: 'vocs',
      name: 'VOCs',
      active: true,
      saved: true,
      days: { low: 15, medium: 7, high: 3 },
    });
    expect(f.categories[1]?.days).toEqual({ low: null, medium: null, high: 1 });
    expect([f.repeatWindowDays, f.revisitAfterDays, f.remindDaysBefore]).toEqual([30, 20, 2]);
  });

  it('gives back what it was given, as a body the contract accepts', () => {
    const body = fromForm(toForm(settings));
    expect(CaseSettingsRequest.parse(body)).toEqual(body);
    expect(body.categories).toEqual(settings.categories);
    expect([...body.timeLimits].sort((a, b) => a.days - b.days)).toEqual(
      [...settings.timeLimits].sort((a, b) => a.days - b.days),
    );
  });

  it('adds a new category with its code trimmed and its limits', () => {
    const f = toForm(settings);
    f.categories.push({
      ...emptyRow(),
      code: ' dust_2 ',
      name: ' 道路扬尘 ',
      days: { low: 10, medium: 5, high: 2 },
    });
    const body = fromForm(f);
    expect(body.categories[2]).toEqual({ code: 'dust_2', name: '道路扬尘', active: true });
    expect(body.timeLimits.filter((l) => l.category === 'dust_2')).toHaveLength(3);
    expect(rowProblems(f)).toEqual([]);
  });

  it('names the row and field of a repeated code and of a missing limit of an active category', () => {
    const f = toForm(settings);
    f.categories.push({ ...emptyRow(), code: 'vocs', name: '重复', days: { low: 1, medium: null, high: 1 } });
    expect(rowProblems(f)).toEqual([
      { row: 2, field: 'code', kind: 'duplicate', code: 'vocs' },
      { row: 2, field: 'medium', kind: 'limitMissing' },
    ]);
    // The inactive category's missing limits are no problem.
    expect(rowProblems(toForm(settings))).toEqual([]);
  });

  it('refuses a form where no category is active', () => {
    const f = toForm(settings);
    for (const c of f.categories) c.active = false;
    expect(rowProblems(f)).toEqual([{ row: -1, field: 'categories', kind: 'noActive' }]);
  });
});
