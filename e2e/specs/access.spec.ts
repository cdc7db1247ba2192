import { expect, test } from '@playwright/test';
import { ADMIN, PASSWORD, USERS } from '../support/env.ts';
import { expectNoHorizontalScroll, signIn, snap } from '../support/ui.ts';

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
