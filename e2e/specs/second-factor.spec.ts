/**
 * The second factor in the browser: turn it on from 账户安全 (QR code, the key typed by hand here, a first
 * code, ten recovery codes shown once), see 我的会话, then sign in again in two steps — with the app's
 * code, and with a recovery code. Then the phone is lost: the security administrator resets the factor
 * from 角色权限 (a confirmation with a reason), the user signs in with the password alone and must enrol
 * again before anything else. Codes are computed here from the key the page shows (otpauth).
 */
import { expect, type Page, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PASSWORD, SECADMIN, USERS } from '../support/env.ts';
import { signedInPage, signIn, snap } from '../support/ui.ts';

// The reset journey needs the factor the first journey enrolled.
test.describe.configure({ mode: 'serial' });

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

/** Enrol on the page the app opens (绑定身份验证器) and continue past the recovery codes. */
async function enrolHere(page: Page) {
  await page.getByRole('button', { name: '生成二维码' }).click();
  const secret = ((await page.getByTestId('totp-secret').locator('code').textContent()) ?? '').trim();
  await page.getByLabel('应用显示的 6 位验证码').fill(codeFor(secret));
  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByRole('list', { name: '恢复码（只显示这一次）' }).getByRole('listitem')).toHaveCount(
    10,
  );
  await page.getByRole('button', { name: '我已保存恢复码，继续' }).click();
}

test('the security administrator resets a lost factor; the user signs in with the password and must enrol again', async ({
  browser,
}, testInfo) => {
  const user = USERS.twoFactor.username;
  const sec = await signedInPage(browser, SECADMIN.username, SECADMIN.password);
  await expect(sec.getByRole('heading', { name: '角色权限' })).toBeVisible();
  await sec.getByRole('searchbox', { name: '搜索用户名、姓名或单位' }).fill(user);
  await sec.getByRole('searchbox', { name: '搜索用户名、姓名或单位' }).press('Enter');
  const row = sec.getByRole('row', { name: new RegExp(user) });
  await expect(row).toHaveCount(1);
  // Administrators' factors are reset only on the server: their rows have no such button.
  await expect(
    sec.getByRole('row', { name: /auditadmin/ }).getByRole('button', { name: '重置双因素' }),
  ).toHaveCount(0);
  await row.getByRole('button', { name: '重置双因素' }).click();
  const dialog = sec.getByRole('dialog', { name: /重置.*双因素认证/ });
  await expect(dialog.getByText('所有会话立即结束')).toBeVisible();
  // No reason, no reset.
  await dialog.getByRole('button', { name: '确认重置' }).click();
  await expect(dialog.getByText('请填写重置原因')).toBeVisible();
  await dialog.getByLabel('重置原因（记入审计日志）').fill('手机丢失，已电话核实本人');
  await snap(sec, testInfo, 'second-factor-reset-confirm');
  await dialog.getByRole('button', { name: '确认重置' }).click();
  await expect(sec.getByText(/已重置.*双因素认证/)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await sec.context().close();

  // The password alone signs in (no code is asked), and the app opens the enrolment before anything else.
  const page = await signedInPage(browser, user, PASSWORD);
  await expect(page.getByRole('heading', { name: '绑定身份验证器' })).toBeVisible();
  await expect(page.getByText('安全管理员重置后须重新绑定')).toBeVisible();
  // Who reset it, when, and the reason given.
  const notice = page.getByTestId('factor-reset-notice');
  await expect(notice).toContainText('重置了您的双因素认证');
  await expect(notice).toContainText('原因：手机丢失，已电话核实本人');
  await expect(page.getByRole('heading', { name: '双因素认证' })).toHaveCount(0);
  await snap(page, testInfo, 'second-factor-reenrol');
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { name: '绑定身份验证器' })).toBeVisible();
  expect((await page.request.get('/api/v1/plans')).status()).toBe(403);
  // Enrolled again, the app goes on to the page that was asked for.
  await enrolHere(page);
  await expect(page.getByRole('heading', { name: '账户安全' })).toBeVisible();
  await expect(page.getByText('剩余恢复码 10 个', { exact: false })).toBeVisible();
  expect((await page.request.get('/api/v1/plans')).status()).toBe(200);
  await page.context().close();
});
