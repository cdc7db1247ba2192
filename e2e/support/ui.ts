import { expect, type Page, type TestInfo } from '@playwright/test';
import { ARTIFACTS } from './env.ts';

/** Sign in through the login page, as a person would. */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
}

/**
 * Save a screenshot of what the window shows into e2e/artifacts/screenshots and attach it to the report;
 * `fullPage` adds `NAME-full.png` with the whole page.
 */
export async function snap(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { fullPage?: boolean } = {},
) {
  const path = `${ARTIFACTS}/screenshots/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (options.fullPage) {
    const full = `${ARTIFACTS}/screenshots/${name}-full.png`;
    await page.screenshot({ path: full, fullPage: true });
    await testInfo.attach(`${name}-full`, { path: full, contentType: 'image/png' });
  }
}

/** The page fits the window's width: no horizontal scrolling at 1366 px. */
export async function expectNoHorizontalScroll(page: Page) {
  // (Runs in the page; typed loosely because the e2e code is compiled without the DOM library.)
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number } };
    };
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}
