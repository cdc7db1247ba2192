import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../bootstrap.ts';
import { defaultSecurity } from '../../config.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  const problems = (pw: string, user = 'zhangsan') => passwordProblems(pw, user, defaultSecurity);
  it('accepts 8+ characters from 3 classes', () => {
    expect(problems('Blue-sky-22')).toEqual([]);
    expect(problems('Initial-pass-77')).toEqual([]);
    expect(problems('河水Blue-22x')).toEqual([]);
  });
  it('refuses passwords that pass the rules but are easily guessed', () => {
    for (const weak of ['Qwerty123!', 'Aa123456!', 'Woaini1314!', 'Beijing2022!', 'Lantian#2026']) {
      expect(problems(weak), weak).toContainEqual(expect.stringMatching(/容易被猜中|过于常见/));
    }
    for (const weak of [
      'Tianjin520!',
      'Huanbao@123',
      'Daqi@2022',
      'Zhangwei@1314',
      '蓝天Blue22',
      'Shanghai#2023',
    ]) {
      expect(problems(weak), weak).toContainEqual(expect.stringMatching(/容易被猜中|过于常见/));
    }
  });
  it("refuses a password built on the account's own data", () => {
    const own = (pw: string) =>
      passwordProblems(pw, 'fsqzf01', defaultSecurity, ['房山区政府值班', '北京市房山区人民政府']);
    expect(own('Fsqzf01#2024')).toContainEqual(expect.stringMatching(/容易被猜中|用户名/));
    expect(own('房山区人民政府#1A')).toContainEqual(expect.stringMatching(/容易被猜中|单位名称/));
  });
  it('takes its minimum score from the configuration', () => {
    expect(passwordProblems('Woaini1314!', 'x', { ...defaultSecurity, passwordMinScore: 0 })).toEqual([]);
  });
  it('refuses short, single-class, username-containing, common and over-long passwords', () => {
    expect(problems('Ab1!')).toHaveLength(1);
    expect(problems('abcdefghij')[0]).toMatch(/至少 3 类/);
    expect(problems('ZhangSan-2022')).toContain('密码不能包含用户名');
    expect(problems('Admin@123')).toContain('密码过于常见，请换一个');
    expect(problems(`Aa1-${'x'.repeat(130)}`)[0]).toMatch(/最多 128/);
  });
  it('generates first-start passwords that pass it', () => {
    for (let i = 0; i < 50; i++) expect(problems(generatePassword(), 'admin')).toEqual([]);
  });
});

describe('scrypt hashes', () => {
  const params = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
  it('verify the right password only, and carry their parameters', async () => {
    const hash = await hashPassword('Blue-sky-22', params);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('Blue-sky-22', hash)).toBe(true);
    expect(await verifyPassword('Blue-sky-23', hash)).toBe(false);
    expect(await verifyPassword('Blue-sky-22', 'garbage')).toBe(false);
    expect(await hashPassword('Blue-sky-22', params)).not.toBe(hash);
  });
});
