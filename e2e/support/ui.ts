import { type Browser, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { ARTIFACTS, BASE_URL } from './env.ts';

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

/**
 * The page fits the window's width: no horizontal scrolling at 1366 px. Polled for a few seconds:
 * a message or notification sliding in from the edge widens the page while it moves; a layout that
 * overflows still fails.
 */
export async function expectNoHorizontalScroll(page: Page) {
  // (Runs in the page; typed loosely because the e2e code is compiled without the DOM library.)
  const overflow = () =>
    page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
  await expect
    .poll(overflow, { message: 'horizontal overflow in px', timeout: 5_000 })
    .toBeLessThanOrEqual(0);
}

/** Another person at another desk: a fresh browser context (own cookies), signed in. */
export async function signedInPage(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signIn(page, username, password);
  return page;
}

/** Follow an entry of the side menu. */
export async function openMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name, exact: true }).click();
}

/** An antd button's accessible name: two-character Chinese labels get a space inserted (`确 定`). */
export function buttonName(label: string): RegExp {
  const chars = [...label];
  return chars.length === 2 ? new RegExp(`^${chars[0]}\\s?${chars[1]}$`) : new RegExp(`^${label}$`);
}

/**
 * Chooses an option of an antd Select and waits until its list has closed. Under load a click can
 * land while the list is still opening and be lost, leaving the list over the next field; the
 * attempt is repeated until the list is gone.
 */
export async function chooseOption(page: Page, field: Locator, option: string | RegExp) {
  const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    if ((await openList.count()) === 0) await field.click();
    await openList.getByTitle(option).click({ timeout: 3_000 });
    await expect(openList).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Types a month or a day into an antd DatePicker (not a Select) and commits it with Enter, until `committed` holds
 * (the page shows what was picked). Under load the picker's popup can still be opening when the keys
 * arrive, and the typed value is then never committed: the value is typed again.
 */
export async function typeIntoPicker(
  field: Locator,
  value: string,
  committed: () => Promise<void>,
): Promise<void> {
  await expect(async () => {
    await field.click();
    await field.fill(value);
    await field.press('Enter');
    await committed();
  }).toPass({ timeout: 30_000 });
}
