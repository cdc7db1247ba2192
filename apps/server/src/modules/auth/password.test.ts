import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../bootstrap.ts';
import { defaultSecurity } from '../../config.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  const problems = (pw: string, user = 'zhangsan') => passwordProblems(pw, user, defaultSecurity);
  it('accepts 8+ characters from 3 classes', () => {
    expect(problems('Blue-sky-22')).toEqual([]);
    expect(problems('蓝天Blue22')).toEqual([]);
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
