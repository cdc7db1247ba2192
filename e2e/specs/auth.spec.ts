import { expect, test } from '@playwright/test';
import { activationCode, PASSWORD, USERS } from '../support/env.ts';
import { signIn, snap } from '../support/ui.ts';

test('the login page is Chinese first and remembers the English switch', async ({ page }, testInfo) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.getByText('行动计划督办平台')).toBeVisible();
  await snap(page, testInfo, 'login-zh');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
});

test('signing in works with the keyboard alone', async ({ page }) => {
  await page.goto('/login');
  // The username field has the focus on arrival; Tab moves to the password, Enter submits.
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type(USERS.huairou.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
});

test('a wrong password is refused with the reason', async ({ page }) => {
  await signIn(page, USERS.yanqing.username, 'Wrong#Password1');
  await expect(page.getByRole('alert').filter({ hasText: '登录失败' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('a new account is activated with its one-time code on /activate, then opens My work; signing out ends the session', async ({
  page,
}, testInfo) => {
  const code = await activationCode(USERS.newcomer.username);
  await page.goto('/login');
  await page.getByRole('link', { name: '有激活码？激活账户' }).click();
  await expect(page.getByRole('heading', { name: '激活账户' })).toBeVisible();
  await page.getByLabel('用户名').fill(USERS.newcomer.username);
  await page.getByLabel('激活码').fill(code);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByText('至少 8 位', { exact: false }).first()).toBeVisible();
  await snap(page, testInfo, 'activate');
  // A wrong code is refused by the server, saying so.
  await page.getByLabel('激活码').fill('AAAA-BBBB-CCCC');
  await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认新密码').fill(PASSWORD);
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '激活码不正确' })).toBeVisible();
  await page.getByLabel('激活码').fill(code);
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByText('密码已设置，请用新密码登录。')).toBeVisible();
  await page.getByRole('button', { name: '去登录' }).click();
  await signIn(page, USERS.newcomer.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByText('北京市门头沟区人民政府', { exact: false }).first()).toBeVisible();

  await page.getByRole('button', { name: '用户菜单' }).click();
  // The menu opens with an animation; on a loaded machine a click during it can miss.
  const signOut = page.getByRole('menuitem', { name: '退出登录' });
  await expect(signOut).toBeVisible();
  await expect(async () => {
    if (await signOut.isVisible()) await signOut.click();
    await expect(page.getByText('已安全退出')).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  await page.goto('/my-work');
  await expect(page).toHaveURL(/\/login\?next=%2Fmy-work/);
});

test('an ended session shows a notice, and signing in again returns to the page', async ({
  page,
  context,
}) => {
  await signIn(page, USERS.sessions.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  // Let the page's own requests finish first, so that the click below is usually what finds out.
  await page.waitForLoadState('networkidle');
  // The server forgets the session (idle timeout, sign-out elsewhere): here, the cookie goes away.
  await context.clearCookies();
  // Either the click or one of the page's own background requests (on a loaded machine) finds the
  // session gone first; both must send the user to log in with the notice and the page to return to.
  await page
    .getByRole('navigation', { name: '主菜单' })
    .getByRole('link', { name: '行动计划' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/login\?next=%2F[^&]*&expired=1/);
  const next = new URL(page.url()).searchParams.get('next') as string;
  await expect(page.getByText('长时间未操作或已在别处退出', { exact: false }).first()).toBeVisible();
  await page.getByLabel('用户名').fill(USERS.sessions.username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await expect(page).toHaveURL((url) => url.pathname === next);
  if (next === '/plans') await expect(page.getByRole('heading', { name: '行动计划' })).toBeVisible();
});
