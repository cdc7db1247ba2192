import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { PASSWORD, USERS } from '../support/env.ts';
import { buttonName, openMenu, signIn } from '../support/ui.ts';

/**
 * The office's monthly bulletin (通报): the page previews the month, the opening paragraph is edited and
 * saved, and the downloaded .docx carries it with the per-unit table; the PDF download is a PDF of
 * the same bulletin.
 */
test('the office edits and downloads the monthly bulletin', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '月度通报');
  await expect(page.getByRole('heading', { name: '月度通报', level: 1 })).toBeVisible();
  await page.getByLabel('月份').click();
  await page.getByLabel('月份').fill('2022-06');
  await page.keyboard.press('Enter');
  await expect(page.getByText('数据截至 2022-06-30')).toBeVisible();
  await expect(page.getByRole('heading', { name: '各单位推进情况' })).toBeVisible();

  const opening = '六月份全市大气污染防治工作稳步推进（端到端测试）。';
  await page.getByLabel('开头段落').fill(opening);
  await page.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 Word' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('通报-2022-06.docx');
  const parts = unzipSync(new Uint8Array(await readFile(await file.path())));
  const xml = strFromU8(parts['word/document.xml'] as Uint8Array);
  expect(xml).toContain(opening);
  expect(xml).toContain('各单位推进情况');
  expect(xml).toContain('<w:tbl>');
  expect(Object.keys(parts).some((p) => p.startsWith('word/media/'))).toBe(true);

  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 PDF' }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toBe('通报-2022-06.pdf');
  const bytes = await readFile(await pdfFile.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);
});
