import { expect, type Page, test } from '@playwright/test';
import { PASSWORD, USERS } from '../support/env.ts';
import { expectNoHorizontalScroll, openMenu, signIn, snap } from '../support/ui.ts';

/**
 * The office's views of the published seed plan (a 2022 plan: on the real clock every date has passed,
 * so work not closed is red): the dashboard leads with the lights, the board is dense, groups by unit
 * and issues one notice to several units at once, and the report page checks a submission before
 * asking to confirm it and leads back to a closure draft. 平谷区政府 and 密云区政府 are used by no other
 * spec, so the notices issued here disturb nothing else.
 */
test.describe.configure({ mode: 'serial' });

const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n% office-views\n'),
});

/** Every answer the page gets that is a 4xx for `/api/v1/plans/` with no id (the old empty-id queries). */
function emptyPlanRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/api\/v1\/plans\/(\/|$)/.test(path) && r.status() >= 400) seen.push(`${r.status()} ${path}`);
  });
  return seen;
}

async function chooseUnit(page: Page, name: string) {
  const unit = page.getByRole('combobox', { name: '责任单位' });
  await unit.click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: new RegExp(`^选择 ${name} `) }).first()).toBeVisible();
}

test('the dashboard leads with the lights and no page asks for a plan without an id', async ({
  page,
}, testInfo) => {
  const bad = emptyPlanRequests(page);
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '督办总览');
  const lights = page.getByRole('region', { name: '预警概况' });
  await expect(lights).toBeVisible();
  await expect(lights.getByRole('link', { name: '红灯分工' })).toBeVisible();
  await expect(lights.getByRole('heading', { name: '各月预警变化（月末）' })).toBeVisible();
  await expect(lights.getByRole('figure', { name: '各月预警变化（月末）' })).toBeVisible();
  await expect(lights.getByRole('heading', { name: '各章节措施预警' })).toBeVisible();
  await expect(lights.getByRole('heading', { name: '需关注的单位' })).toBeVisible();
  // Then the deadlines; the stale "not in use yet" note is gone.
  await expect(page.getByRole('heading', { name: '时间节点', exact: true })).toBeVisible();
  await expect(page.getByText('尚未启用进度填报与销号')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: '红灯' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'dashboard-lights', { fullPage: true });

  await openMenu(page, '责任矩阵');
  await expect(page.getByRole('heading', { name: '责任矩阵' })).toBeVisible();
  await openMenu(page, '督办看板');
  await expect(page.getByRole('heading', { name: '督办看板' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^红灯：/ }).first()).toBeVisible();
  expect(bad).toEqual([]);
});

test('the plan view shows its page of measures with their lights, asked for by id, not the whole plan', async ({
  page,
}) => {
  const asked: URLSearchParams[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/status/measures')) asked.push(url.searchParams);
  });
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '行动计划');
  await page.getByRole('link', { name: /大气污染防治\s*2022\s*年行动计划/ }).click();
  await expect(page.getByText(/显示 \d+ \/ \d+ 项措施/)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '进展' }).first()).toBeVisible();
  // A 2022 plan on the real clock: measures not closed are red, with their reasons on the tag.
  await expect(page.getByRole('button', { name: /^红灯：/ }).first()).toBeVisible();
  expect(asked.length).toBeGreaterThan(0);
  for (const q of asked) {
    expect(q.getAll('measureId').length).toBeGreaterThan(0);
    expect(q.getAll('measureId').length).toBeLessThanOrEqual(50);
  }
});

test('the board is dense, groups by unit, and issues one notice to each of two units at once', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '督办看板');
  const items = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^选择 / }) });
  await expect(items.first()).toBeVisible();
  // One line per item: twenty rows fit in well under a thousand pixels.
  const count = await items.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < Math.min(count, 20); i++) {
    const box = await items.nth(i).boundingBox();
    expect(box?.height ?? 0, `row ${i} height`).toBeLessThanOrEqual(48);
  }
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'board-dense');

  // The details of an item open beside the list.
  await page
    .getByRole('button', { name: /^详情：/ })
    .first()
    .click();
  const drawer = page.getByRole('dialog', { name: /^措施 \d+\.\d+ · / });
  await expect(drawer.getByText('原因', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Grouped by unit: each unit heads its items.
  await page.getByText('按单位', { exact: true }).click();
  await expect(page.getByRole('row', { name: /项（红 \d+，黄 \d+）/ }).first()).toBeVisible();
  await snap(page, testInfo, 'board-grouped');
  await page.getByText('不分组', { exact: true }).click();

  // Choose an item of 平谷区政府 and one of 密云区政府 (the choice survives the filter change).
  await chooseUnit(page, '平谷区政府');
  await page
    .getByRole('checkbox', { name: /^选择 平谷区政府 / })
    .first()
    .check();
  await chooseUnit(page, '密云区政府');
  await page
    .getByRole('checkbox', { name: /^选择 密云区政府 / })
    .first()
    .check();
  await expect(page.getByText('已选 2 项，涉及 2 个单位')).toBeVisible();
  await page.getByRole('button', { name: '向所选单位下发督办单' }).click();
  const dialog = page.getByRole('dialog', { name: '向 2 个单位下发督办单' });
  await expect(dialog.getByText('平谷区政府', { exact: true })).toBeVisible();
  await expect(dialog.getByText('密云区政府', { exact: true })).toBeVisible();
  await expect(dialog.getByLabel('督办事由')).toHaveValue(/平谷区政府：措施 \d+\.\d+：/);
  await snap(page, testInfo, 'board-batch-notice');
  await dialog.getByRole('button', { name: '下发督办单' }).click();
  await expect(page.getByText('已向 2 个单位下发督办单')).toBeVisible();

  await openMenu(page, '督办单');
  await expect(page.getByRole('row', { name: /平谷区政府/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /密云区政府/ }).first()).toBeVisible();
});

test('an empty report is checked before the confirmation, at the fields; a closure draft can be reopened', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.pinggu.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page
    .getByRole('link', { name: /^填报 \d+\.\d+$/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /进度填报 · 措施/ })).toBeVisible();
  await page.getByLabel('选择报告期').click();
  await page.keyboard.type('2022-06');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '2022-06 期进展报告' })).toBeVisible();

  await page.getByRole('button', { name: '提交单位领导签发' }).click();
  // No confirmation for a report that cannot go: the gaps show at their fields, in view.
  await expect(page.getByText('确定提交？', { exact: false })).toHaveCount(0);
  await expect(page.getByText('请选择进展状态')).toBeInViewport();
  await expect(page.getByText('提交前请填写工作进展')).toBeVisible();
  await snap(page, testInfo, 'report-empty-submit');

  // Evidence: the same file twice is refused with a word.
  await page.getByLabel('工作进展').fill('已部署本区落实措施。');
  const onTrack = page.getByRole('radio', { name: '推进中' });
  await page.locator('label', { has: onTrack }).click();
  await expect(onTrack).toBeChecked();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles(pdf('部署通知.pdf'));
  await expect(page.getByRole('link', { name: '下载 部署通知.pdf' })).toBeVisible();
  await fileInput.setInputFiles(pdf('部署通知（副本）.pdf'));
  await expect(page.getByRole('alert').filter({ hasText: '这个文件已经上传过' })).toBeVisible();

  // Now the report can go: the confirmation comes, and cancelling it leaves the report as it was.
  await page.getByRole('button', { name: '提交单位领导签发' }).click();
  await expect(page.getByText('确定提交？', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: /^取\s?消$/ }).click();

  // A closure request saved as a draft: the page leads back to it.
  await page.getByRole('button', { name: '申请销号' }).click();
  const ask = page.getByRole('dialog', { name: /^申请销号 · 措施/ });
  await ask.getByLabel('完成情况').fill('已全部完成。');
  await ask.getByRole('button', { name: '保存并上传佐证材料' }).click();
  const draft = page.getByRole('dialog', { name: /^销号申请 · 措施 .* · 平谷区政府$/ });
  await expect(draft.getByRole('button', { name: '提交销号申请' })).toBeVisible();
  // The drawer shows the measure and the unit under their own labels.
  await expect(draft.getByText('平谷区政府').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(draft).toBeHidden();
  await expect(page.getByRole('button', { name: '申请销号' })).toHaveCount(0);
  await page.getByRole('button', { name: '继续销号申请' }).click();
  await expect(draft.getByRole('button', { name: '提交销号申请' })).toBeVisible();
  await snap(page, testInfo, 'closure-draft-reopened');
});
