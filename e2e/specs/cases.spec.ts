import { expect, type Page, request, test } from '@playwright/test';
import { BASE_URL, PASSWORD, SECADMIN, USERS } from '../support/env.ts';
import { buttonName, expectNoHorizontalScroll, openMenu, signedInPage, signIn, snap } from '../support/ui.ts';

/**
 * A problem case from alarm to 销号 in the browser. Setup: the security administrator issues an API key
 * (scope alarms:write) and a dust-video system pushes an alarm at 永顺镇 (通州区) through
 * POST /api/v1/ingest/alarms. Then the office verifies it in its queue and dispatches it to the suggested
 * unit (通州区政府, answering for the street); the unit signs in its inbox, starts rectifying, uploads a
 * photo and reports back; the office closes the case. The list and statistics show the outcome.
 */
test.describe.configure({ mode: 'serial' });

const ALARM = {
  source: 'dust-video',
  externalId: `E2E-${Date.now()}`,
  category: 'construction_dust',
  occurredAt: '2022-10-12T09:30:00+08:00',
  district: '通州区',
  street: '永顺镇',
  address: '通州区永顺镇某建筑工地东门',
  lat: 39.9123,
  lng: 116.6789,
  description: '视频监控发现工地裸土未苫盖、车辆带泥上路',
  severity: 'high',
};
/** A real 1×1 PNG: the server checks evidence by its bytes. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
let caseNumber = '';

async function openCases(page: Page, entry: string) {
  const nav = page.getByRole('navigation', { name: '主菜单' });
  const link = nav.getByRole('link', { name: entry, exact: true });
  if (!(await link.isVisible())) await nav.getByText('问题案件', { exact: true }).click();
  await openMenu(page, entry);
}

test.beforeAll(async () => {
  const sec = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: BASE_URL } });
  const login = await sec.post('/api/v1/auth/login', {
    data: { username: SECADMIN.username, password: SECADMIN.password },
  });
  expect(login.ok(), await login.text()).toBe(true);
  const issued = await sec.post('/api/v1/api-keys', {
    data: { name: `dust-video-e2e-${Date.now()}`, scopes: ['alarms:write'] },
  });
  expect(issued.ok(), await issued.text()).toBe(true);
  const { key } = (await issued.json()) as { key: string };
  await sec.dispose();
  const system = await request.newContext({ baseURL: BASE_URL });
  const pushed = await system.post('/api/v1/ingest/alarms', {
    data: ALARM,
    headers: { authorization: `Bearer ${key}` },
  });
  expect(pushed.status(), await pushed.text()).toBe(201);
  expect(((await pushed.json()) as { state: string }).state).toBe('reported');
  await system.dispose();
});

test('the office verifies the alarm and dispatches it to the unit answering for the street', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await openCases(page, '核实派发');
  await expect(page.getByRole('heading', { name: '核实派发' })).toBeVisible();
  const row = page.getByRole('row', { name: /永顺镇某建筑工地东门/ });
  await expect(row).toContainText('施工扬尘');
  await expect(row).toContainText('39.91230, 116.67890');
  caseNumber = ((await row.getByRole('link').first().textContent()) ?? '').trim();
  expect(caseNumber).toMatch(/^AJ-\d{4}-\d+$/);
  await row.getByRole('button', { name: `核实 ${caseNumber}` }).click();
  await expect(page.getByText('已核实')).toBeVisible();
  await page.getByRole('tab', { name: /待派发/ }).click();
  await page
    .getByRole('row', { name: /永顺镇某建筑工地东门/ })
    .getByRole('link', { name: `办理 ${caseNumber}` })
    .click();

  await expect(page.getByRole('heading', { name: `案件 ${caseNumber}` })).toBeVisible();
  await expect(page.getByText('（建议：通州区政府，该区域的责任单位）')).toBeVisible();
  await page.getByRole('button', { name: buttonName('派发') }).click();
  await expect(page.getByText('待签收').first()).toBeVisible();
  await expect(page.getByText(/^派发 · 时限 \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'case-dispatched');
});

test('the unit signs it, rectifies with a photo and reports back; the office closes it', async ({
  page,
  browser,
}, testInfo) => {
  // Two people at two desks, a photo upload and five steps: longer than one page's default.
  test.setTimeout(120_000);
  await signIn(page, USERS.tongzhou.username, PASSWORD);
  await openCases(page, '案件待办');
  await expect(page.getByRole('heading', { name: '案件待办' })).toBeVisible();
  await page.getByRole('button', { name: `签收 ${caseNumber}` }).click();
  await expect(page.getByText('已签收').first()).toBeVisible();
  await page.getByRole('link', { name: `办理 ${caseNumber}` }).click();
  await expect(page.getByRole('heading', { name: `案件 ${caseNumber}` })).toBeVisible();
  await page.getByRole('button', { name: '开始整改' }).click();
  await expect(page.getByText('整改中').first()).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({
    name: '整改后-东门.png',
    mimeType: 'image/png',
    buffer: PHOTO,
  });
  // The upload's toast names the file too; the evidence list's entry is the exact text.
  await expect(page.getByText('整改后-东门.png', { exact: true })).toBeVisible();
  await expect(page.getByText('上传佐证', { exact: true })).toBeVisible();
  await page.getByLabel('整改情况').fill('裸土已全部苫盖，出口设置冲洗设施，车辆冲洗后上路。');
  await page.getByRole('button', { name: '提交整改反馈' }).click();
  await expect(page.getByText('待审核').first()).toBeVisible();
  await snap(page, testInfo, 'case-feedback');

  const office = await signedInPage(browser, USERS.supervisor.username, PASSWORD);
  await expect(office.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await openCases(office, '核实派发');
  await office.getByRole('tab', { name: /待审核 1/ }).click();
  await office.getByRole('link', { name: `办理 ${caseNumber}` }).click();
  await expect(office.getByText('裸土已全部苫盖，出口设置冲洗设施，车辆冲洗后上路。').first()).toBeVisible();
  await expect(office.getByRole('link', { name: /整改后-东门\.png/ })).toBeVisible();
  await office.getByRole('button', { name: buttonName('销号') }).click();
  await expect(office.getByText('已销号').first()).toBeVisible();
  await expect(office.getByText('销号', { exact: true }).last()).toBeVisible();
  await snap(office, testInfo, 'case-closed', { fullPage: true });

  // The list shows it closed, with its place; the statistics count it for 通州区政府.
  await openCases(office, '案件列表');
  const listed = office.getByRole('row', { name: new RegExp(caseNumber) });
  await expect(listed).toContainText('已销号');
  await expect(listed).toContainText('通州区政府');
  await expect(listed).toContainText('永顺镇');
  await openCases(office, '案件统计');
  await expect(office.getByRole('heading', { name: '案件统计' })).toBeVisible();
  const unitRow = office.getByRole('row', { name: /通州区政府/ });
  await expect(unitRow.first()).toBeVisible();
  await expect(unitRow.first()).toContainText('100.0%');
  await office.context().close();
});

test('the office edits the case settings: Chinese messages for bad input, then a new category saved', async ({
  browser,
}) => {
  const office = await signedInPage(browser, USERS.supervisor.username, PASSWORD);
  await expect(office.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await openCases(office, '案件设置');
  await expect(office.getByRole('heading', { name: '案件设置' })).toBeVisible();
  const rows = office.getByRole('row');
  await expect(rows.filter({ has: office.locator('input[value="construction_dust"]') })).toHaveCount(1);
  await office.getByRole('button', { name: buttonName('新增类别') }).click();
  const added = rows.last();
  await added.getByRole('textbox', { name: '代码' }).fill('Dust-2');
  await added.getByRole('textbox', { name: '名称' }).fill('道路遗撒');
  await office.getByRole('button', { name: buttonName('保存设置') }).click();
  await expect(office.getByText('类别代码须以小写字母开头，只能用小写字母、数字和 _')).toBeVisible();
  await expect(office.getByText('启用的类别须填写办理时限').first()).toBeVisible();
  await added.getByRole('textbox', { name: '代码' }).fill('road_spill');
  for (const [label, days] of [
    ['一般（天）', '10'],
    ['较重（天）', '5'],
    ['严重（天）', '2'],
  ])
    await added.getByRole('spinbutton', { name: label }).fill(days);
  await office.getByRole('button', { name: buttonName('保存设置') }).click();
  await expect(office.getByText('案件设置已保存')).toBeVisible();
  // Saved: its code is fixed now (cases will refer to it), and the server has it.
  await office.reload();
  const saved = office.getByRole('row').filter({ has: office.locator('input[value="road_spill"]') });
  await expect(saved.getByRole('textbox', { name: '代码' })).toBeDisabled();
  const settings = await office.request.get('/api/v1/cases/settings');
  const body = (await settings.json()) as { settings: { timeLimits: { category: string; days: number }[] } };
  expect(
    body.settings.timeLimits
      .filter((l) => l.category === 'road_spill')
      .map((l) => l.days)
      .sort((a, b) => a - b),
  ).toEqual([2, 5, 10]);
  await office.context().close();
});
