import { expect, test } from '@playwright/test';
import {
  ADMIN,
  activationCode,
  BASE_URL,
  INITIAL_PASSWORD,
  PASSWORD,
  SECADMIN,
  USERS,
} from '../support/env.ts';
import { expectNoHorizontalScroll, signedInPage, signIn, snap } from '../support/ui.ts';

test('a unit user cannot open the administration pages', async ({ page }, testInfo) => {
  await signIn(page, USERS.huairou.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  const menu = page.getByRole('navigation', { name: '主菜单' });
  await expect(menu.getByRole('link', { name: '我的任务' })).toBeVisible();
  await expect(menu.getByText('系统管理')).toHaveCount(0);
  for (const path of [
    '/admin/users',
    '/admin/roles',
    '/admin/units',
    '/admin/audit',
    '/plans/import',
    '/dashboard',
    '/board',
  ]) {
    await page.goto(path);
    await expect(page.getByText('无权访问此页面'), path).toBeVisible();
  }
  await snap(page, testInfo, 'forbidden-unit-user');
  // The server refuses too, whatever the browser shows.
  expect((await page.request.get('/api/v1/users')).status()).toBe(403);
  expect((await page.request.get('/api/v1/audit')).status()).toBe(403);
});

test('the system administrator sees the accounts and the unit directory', async ({ page }, testInfo) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await expect(page.getByRole('row', { name: /yanqing.*延庆区政府.*单位填报人员/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'admin-users');
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '单位管理' }).click();
  await expect(page.getByRole('heading', { name: '单位管理' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '北京市生态环境局' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'admin-units');
  // 三员: the system administrator has no business pages.
  await page.goto('/plans');
  await expect(page.getByText('无权访问此页面')).toBeVisible();
});

test('the audit administrator reads and verifies the audit log', async ({ page }, testInfo) => {
  await signIn(page, USERS.auditor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '创建用户' }).first()).toBeVisible();
  await page.getByRole('button', { name: '校验哈希链' }).click();
  await expect(page.getByText(/哈希链完整：已校验 \d+ 条记录/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'admin-audit');
});

test('三员分立: the system administrator opens an account, the security administrator grants its role', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await page.getByRole('button', { name: '新建用户' }).click();
  const form = page.getByRole('dialog', { name: '新建用户' });
  await expect(form.getByText(/安全管理员在“角色权限”中分配角色后才能登录/)).toBeVisible();
  await form.getByLabel('用户名').fill('miyun');
  await form.getByLabel('所属单位').fill('密云');
  // antd draws the visible options outside the accessible listbox (which holds only the active one).
  await page.locator('.ant-select-item-option[title="密云区政府"]').click();
  await expect(form.getByText(/不设初始密码/)).toBeVisible();
  await form.getByRole('button', { name: /^保\s?存$/ }).click();
  // 密云 has no unit leader yet: the code is taken on the server, never shown to the creator.
  await expect(page.getByText(/npx lantian user activation-code/)).toBeVisible();
  await expect(page.getByRole('row', { name: /miyun.*密云区政府.*待授权/ })).toBeVisible();
  await snap(page, testInfo, 'admin-user-awaiting-roles');
  const activated = await page.request.post('/api/v1/auth/activate', {
    headers: { origin: BASE_URL },
    data: { username: 'miyun', code: await activationCode('miyun'), newPassword: INITIAL_PASSWORD },
  });
  expect(activated.status()).toBe(200);

  // Not yet: the account cannot sign in before it has a role.
  const early = await signedInPage(browser, 'miyun', INITIAL_PASSWORD);
  await expect(early.getByText(/账户尚未授权/)).toBeVisible();
  await early.context().close();

  const sec = await signedInPage(browser, SECADMIN.username, SECADMIN.password);
  await expect(sec.getByRole('heading', { name: '角色权限' })).toBeVisible();
  const row = sec.getByRole('row', { name: /miyun.*待授权/ });
  await row.getByRole('button', { name: '分配角色' }).click();
  const dialog = sec.getByRole('dialog', { name: /分配角色/ });
  await dialog.getByLabel('单位填报人员').check();
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(sec.getByRole('row', { name: /miyun.*单位填报人员/ })).toBeVisible();
  await snap(sec, testInfo, 'secadmin-roles');
  await sec.context().close();
});
