import { describe, expect, it } from 'vitest';
import { usernameKey, usernameProblem } from './username.ts';
import { rolesProblem } from './users.service.ts';

describe('usernames', () => {
  it('collide after case and width normalisation', () => {
    expect(new Set(['Zhang', 'zhang', 'Ｚhang', ' ZHANG ']).size).toBe(4);
    expect(new Set(['Zhang', 'zhang', 'Ｚhang', ' ZHANG '].map(usernameKey)).size).toBe(1);
  });
  it('are letters, digits and a few marks', () => {
    expect(usernameProblem('zhang.san')).toBeNull();
    expect(usernameProblem('张三')).toBeNull();
    expect(usernameProblem('a')).not.toBeNull();
    expect(usernameProblem('bad name')).not.toBeNull();
    expect(usernameProblem('<script>')).not.toBeNull();
  });
});

describe('roles', () => {
  it('never combine two administrator roles, or one with a business role', () => {
    expect(rolesProblem(['unit_leader', 'unit_staff'])).toBeNull();
    expect(rolesProblem(['auditor'])).toBeNull();
    expect(rolesProblem(['sysadmin', 'secadmin'])).toMatch(/不能由同一账户兼任/);
    expect(rolesProblem(['secadmin', 'viewer'])).toMatch(/业务角色/);
    expect(rolesProblem(['viewer', 'viewer'])).toMatch(/重复/);
  });
});
