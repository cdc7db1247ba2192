import { expect, test } from '@playwright/test';
import { PASSWORD, USERS } from '../support/env.ts';
import { signIn, snap } from '../support/ui.ts';

/** A small table of another layout: its 参与单位 column is changed to 不导入 in the wizard. */
function table(title: string): string {
  const rows = [
    ['序号', '重点任务', '工作措施', '完成时限', '牵头部门', '参与单位'],
    ['1', '推广新能源汽车', '推广新能源公交车。', '年底前', '市交通委', '市财政局'],
    ['2', '治理扬尘', '加强施工工地扬尘管控。', '6月底前', '市住房城乡建设委', '市交通委'],
  ];
  return `${title}\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
}

test('a supervisor drops a file, changes a column’s role, and gets the draft', async ({ page }, testInfo) => {
  const title = `扬尘与机动车治理2031年行动计划${Date.now().toString(36)}`;
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '导入计划' }).click();
  await expect(page.getByRole('heading', { name: '导入计划' })).toBeVisible();

  // Drag and drop onto the Dragger, as a user dropping a file from the desktop.
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      // Runs in the page: the browser's DataTransfer (the specs are typed without the DOM library).
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: File): void } };
      };
      const dt = new page.DataTransfer();
      dt.items.add(new File([content], name, { type: 'text/plain' }));
      return dt;
    },
    { name: 'wizard-plan.txt', content: table(title) },
  );
  const target = page.locator('.ant-upload-drag .ant-upload-btn');
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('wizard-plan.txt')).toBeVisible();
  await page.getByRole('button', { name: '识别表格列' }).click();

  // The proposed mapping, with confidence and sample rows.
  await expect(page.getByRole('heading', { name: '各列的用途' })).toBeVisible();
  await expect(page.getByText(new RegExp(`标题：${title}`))).toBeVisible();
  const role = page.getByRole('combobox', { name: '用途：参与单位' });
  await expect(role).toBeVisible();
  const samples = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '配合' }) });
  await expect(samples.getByRole('cell', { name: '市财政局' })).toBeVisible();
  await snap(page, testInfo, 'import-wizard-columns');

  // Change the role: the preview is read again and the column no longer gives assisting units.
  await role.click();
  await page.locator('.ant-select-item-option', { hasText: '不导入' }).click();
  await expect(page.getByRole('row', { name: /^参与单位 不导入/ })).toBeVisible();
  await expect(samples.getByRole('cell', { name: '市财政局' })).toHaveCount(0);
  await snap(page, testInfo, 'import-wizard-changed');

  // The draft, as before the wizard had a column step.
  await page.getByRole('button', { name: '导入为草稿' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`审核与发布 · ${title}`) })).toBeVisible();
  await expect(page.getByRole('cell', { name: /推广新能源公交车/ }).first()).toBeVisible();
  await snap(page, testInfo, 'import-wizard-draft');
});
