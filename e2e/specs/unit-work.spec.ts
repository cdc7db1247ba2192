import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { PASSWORD, USERS } from '../support/env.ts';
import { expectNoHorizontalScroll, signIn, snap } from '../support/ui.ts';

test('延庆区政府 sees its 36 measures in My work and exports them', async ({ page }, testInfo) => {
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByText('北京市延庆区人民政府承担的已发布计划措施', { exact: false })).toBeVisible();
  await expect(page.getByText('共 36 条分工，涉及 36 项措施')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'my-work');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^我的任务-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  // Written by the server: title, filter, who exported; the header; then one row per responsibility.
  expect(sheet?.getCell('A1').value).toBe('我的任务');
  expect(String(sheet?.getCell('A2').value)).toMatch(/^筛选条件：单位=延庆区政府；计划=/);
  expect(sheet?.getCell('A4').value).toBe('计划');
  expect((sheet?.rowCount ?? 0) - 4).toBe(36);

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  await expect(page.getByText('36 assignments on 36 measures')).toBeVisible();
  await snap(page, testInfo, 'my-work-en');
  await page.getByText('中文', { exact: true }).click();
});

test('a unit user opens a measure and the published plan filtered to its unit', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await page.getByRole('link', { name: /^1\.1 空气质量改善目标/ }).click();
  await expect(page.getByRole('heading', { name: /措施 1\.1/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: '延庆区政府', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'measure-detail');

  // Back in the plan, at the measure's task; then the whole plan, filtered to the unit.
  await page.getByRole('link', { name: '返回计划' }).click();
  await expect(page.getByText('任务 1 空气质量改善目标')).toBeVisible();
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(page.getByText(/显示 60 \/ 60 项措施/)).toBeVisible();
  await page.getByLabel('责任单位').click();
  await page.keyboard.type('延庆');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/显示 36 \/ \d+ 项措施/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'plan-view-unit');
});
