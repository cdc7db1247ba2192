/**
 * The second factor in the browser: turn it on from 账户安全 (QR code, the key typed by hand here, a first
 * code, ten recovery codes shown once), see 我的会话, then sign in again in two steps — with the app's
 * code, and with a recovery code. Codes are computed here from the key the page shows (otpauth).
 */
import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PASSWORD, USERS } from '../support/env.ts';
import { signIn, snap } from '../support/ui.ts';

const codeFor = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetMs,
  });

test('enrol from 账户安全, then sign in with the code and with a recovery code', async ({
  page,
}, testInfo) => {
  const user = USERS.twoFactor.username;
  await signIn(page, user, PASSWORD);
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '账户安全' }).click();
  await expect(page.getByRole('heading', { name: '账户安全' })).toBeVisible();
  await expect(page.getByText('当前会话')).toBeVisible();
  await page.getByRole('button', { name: '启用双因素认证' }).click();

  await expect(page.getByRole('heading', { name: '绑定身份验证器' })).toBeVisible();
  await page.getByRole('button', { name: '生成二维码' }).click();
  await expect(page.getByRole('img', { name: '身份验证器二维码' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').locator('code').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await snap(page, testInfo, 'second-factor-enrol');
  await page.getByLabel('应用显示的 6 位验证码').fill(codeFor(secret));
  await page.getByRole('button', { name: '确认绑定' }).click();
  const codes = page.getByRole('list', { name: '恢复码（只显示这一次）' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.nth(0).locator('code').innerText()).trim();
  await snap(page, testInfo, 'second-factor-recovery-codes');
  await page.getByRole('button', { name: '我已保存恢复码，继续' }).click();
  await expect(page.getByText('剩余恢复码 10 个', { exact: false })).toBeVisible();

  // Signing in again asks for the code after the password; the confirmation's step is taken, so the
  // app's next code (within the ±1 step window) is the one that works now.
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByText('已安全退出')).toBeVisible();
  await signIn(page, user, PASSWORD);
  await expect(page.getByRole('heading', { name: '双因素认证' })).toBeVisible();
  await page.getByLabel('验证码或恢复码').fill('000000');
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '验证码不正确' })).toBeVisible();
  await page.getByLabel('验证码或恢复码').fill(codeFor(secret, 30_000));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();

  // A recovery code signs in once without the phone.
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await signIn(page, user, PASSWORD);
  await page.getByLabel('验证码或恢复码').fill(recovery);
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.goto('/account/security');
  await expect(page.getByText('剩余恢复码 9 个', { exact: false })).toBeVisible();
});
