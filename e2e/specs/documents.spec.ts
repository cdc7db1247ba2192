import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { BASE_URL, PASSWORD, USERS } from '../support/env.ts';
import { buttonName, openMenu, signIn, typeIntoPicker } from '../support/ui.ts';

/**
 * The office's monthly bulletin (通报): the page previews the month, the opening paragraph is edited and
 * saved, and the downloaded .docx carries it with the per-unit table; the PDF download is a PDF of
 * the same bulletin. A 督办单 issued on the plan downloads from its page as Word and as PDF, the PDF's
 * text holding its fields.
 */
test('the office edits and downloads the monthly bulletin', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '月度通报');
  await expect(page.getByRole('heading', { name: '月度通报', level: 1 })).toBeVisible();
  // The page opens on last month's bulletin; pick June 2022 once that one has loaded, as a person
  // would (typeIntoPicker types it again if a loaded machine loses the keys).
  await expect(page.getByText(/^数据截至 \d{4}-\d{2}-\d{2}$/)).toBeVisible({ timeout: 30_000 });
  await typeIntoPicker(page.getByLabel('月份'), '2022-06', () =>
    expect(page).toHaveURL(/[?&]period=2022-06/, { timeout: 2_000 }),
  );
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

test('the office downloads a 督办单 as Word and as PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.supervisor.username, PASSWORD);
  // The API calls below need the session cookie: wait for the login to finish.
  await expect(page).not.toHaveURL(/\/login/);
  const listed = await page.request.get('/api/v1/plans?status=published');
  expect(listed.status(), await listed.text()).toBe(200);
  const plans = (await listed.json()) as { plans: { id: string }[] };
  const planId = plans.plans[0]?.id as string;
  const { assignments } = (await (await page.request.get(`/api/v1/plans/${planId}/assignments`)).json()) as {
    assignments: { measureId: string; unitId: string; unitName: string }[];
  };
  const target = assignments[0] as { measureId: string; unitId: string; unitName: string };
  const replyDue = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const issued = await page.request.post('/api/v1/notices', {
    headers: { origin: BASE_URL },
    data: {
      planId,
      unitId: target.unitId,
      measureIds: [target.measureId],
      level: 'yellow',
      reason: '端到端测试：打印督办单',
      replyDue,
    },
  });
  expect(issued.status(), await issued.text()).toBe(200);
  const notice = ((await issued.json()) as { notice: { id: string; number: string } }).notice;
  await page.goto(`/notices/${notice.id}`);
  await expect(page.getByText('端到端测试：打印督办单').first()).toBeVisible();

  const word = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 Word' }).click();
  expect((await word).suggestedFilename()).toMatch(/^督办单-\d{4}-\d+\.docx$/);

  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 PDF' }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toMatch(/^督办单-\d{4}-\d+\.pdf$/);
  const bytes = await readFile(await pdfFile.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const text = content.items.map((x) => ('str' in x ? x.str : '')).join('');
  await doc.destroy();
  for (const field of [
    '督 办 单',
    notice.number,
    '责任单位',
    target.unitName,
    '督办事项',
    '办理时限',
    '要求',
  ])
    expect(text.replace(/\s+/g, '')).toContain(field.replace(/\s+/g, ''));
});
