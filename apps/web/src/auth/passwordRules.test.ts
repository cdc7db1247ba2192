import { describe, expect, it } from 'vitest';
import { characterClasses, passwordProblems } from './passwordRules.ts';

describe('passwordProblems', () => {
  it('accepts 8+ characters from 3 classes', () => {
    expect(passwordProblems('Lantian#2022', 'yanqing')).toEqual([]);
    expect(characterClasses('abcDEF12')).toBe(3);
  });
  it('refuses short, two-class and too long passwords', () => {
    expect(passwordProblems('Ab1!')).toContain('passwordTooShort');
    expect(passwordProblems('abcdefgh12')).toEqual(['passwordClasses']);
    expect(passwordProblems(`Aa1${'x'.repeat(130)}`)).toContain('passwordTooLong');
  });
  it('refuses a password containing the username, whatever the case', () => {
    expect(passwordProblems('YanQing#2022', 'yanqing')).toEqual(['passwordHasUsername']);
  });
});
