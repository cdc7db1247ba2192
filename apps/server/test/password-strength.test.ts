/** Weak passwords that satisfy length and classes are refused when a user picks one (issue 13 item 7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';

let w: World;
let user: TestUser;
let cookie: string;
beforeAll(async () => {
  w = await createWorld();
  const unit = await makeUnit(w.ctx, '测试生态环境局');
  user = await makeUser(w.ctx, { unitId: unit.id, roles: ['unit_staff'], username: 'cestaff' });
  cookie = await w.api.login(user.username, user.password);
});
afterAll(() => w.close());

describe('changing one’s password', () => {
  it('refuses the passwords the assessor guessed', async () => {
    for (const newPassword of ['Qwerty123!', 'Aa123456!', 'Woaini1314!', 'Beijing2022!', 'Lantian#2026']) {
      const res = await w.api.post(
        '/api/v1/auth/password',
        { currentPassword: user.password, newPassword },
        cookie,
      );
      expect(res.status, newPassword).toBe(422);
      expect(res.body.error.code, newPassword).toBe('PASSWORD_POLICY');
    }
  });
  it('refuses one built on the unit’s name', async () => {
    const res = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: user.password, newPassword: '测试生态环境局#2026a' },
      cookie,
    );
    expect(res.status).toBe(422);
  });
  it('accepts a strong one', async () => {
    const res = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: user.password, newPassword: 'Larch-ferry-4417' },
      cookie,
    );
    expect(res.status).toBe(200);
  });
});
