import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/env.ts';
import { buttonName, signIn } from '../support/ui.ts';

/**
 * The unit directory is edited on 单位管理 (issue 12 item 16): a unit of its own (so no other spec's
 * units change) is renamed — its former name kept as an alias — disabled with a reason, and its history
 * shows both edits with who made them.
 */
test('the administrator renames and disables a unit, and reads its history', async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  // Signed in before the address is typed: a navigation racing the login would land on the login page.
  await expect(page).not.toHaveURL(/\/login/);
  const tag = Date.now().toString(36).slice(-5);
  const before = `旧单位${tag}`;
  const after = `新单位${tag}`;
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
  await page.goto('/admin/units');
  await page.getByRole('button', { name: '新建单位' }).click();
  const create = page.getByRole('dialog', { name: '新建单位' });
  await create.getByLabel('简称').fill(before);
  await create.getByLabel('全称').fill(`北京市${before}`);
  await create.getByRole('button', { name: buttonName('保存') }).click();
  await expect(create).toBeHidden();
  await page.getByRole('searchbox', { name: '搜索名称或别名' }).fill(before);
  await page.getByRole('searchbox', { name: '搜索名称或别名' }).press('Enter');
  await page.getByRole('button', { name: `修改 ${before}` }).click();
  const edit = page.getByRole('dialog', { name: `修改单位 · ${before}` });
  await edit.getByLabel('简称').fill(after);
  await edit.getByLabel('理由（可选）').fill('机构改革');
  await edit.getByRole('button', { name: buttonName('保存') }).click();
  await expect(edit).toBeHidden();

  // Found by its former name, which is now an alias.
  const row = page.getByRole('row', { name: new RegExp(after) });
  await expect(row).toBeVisible();
  await expect(row.getByText(before, { exact: true })).toBeVisible();

  await row.getByRole('button', { name: `停用 ${after}` }).click();
  const disable = page.getByRole('dialog', { name: `停用单位 · ${after}` });
  await disable.getByRole('button', { name: buttonName('保存') }).click();
  await expect(disable.getByText('请说明理由')).toBeVisible();
  await disable.getByLabel('理由').fill('职能划转');
  await disable.getByRole('button', { name: buttonName('保存') }).click();
  await expect(disable).toBeHidden();
  await expect(row.getByText('已停用')).toBeVisible();
  await expect(row.getByRole('button', { name: `启用 ${after}` })).toBeVisible();

  await row.getByRole('button', { name: `记录 ${after}` }).click();
  const history = page.getByRole('dialog', { name: `变更记录 · ${after}` });
  await expect(history.getByText('改名')).toBeVisible();
  await expect(history.getByText('停用', { exact: true })).toBeVisible();
  await expect(history.getByText('理由：职能划转')).toBeVisible();
  await expect(history.getByRole('cell', { name: ADMIN.username }).first()).toBeVisible();
});

/**
 * The directory as a table (issue 8 §3): the administrator imports another city's units from a CSV —
 * a file with a bad row is previewed with its line and column and cannot be imported; the corrected file
 * shows what it creates, is imported, and its units are in the directory.
 */
test('the administrator previews and imports a directory table', async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  // Signed in before the address is typed: a navigation racing the login would land on the login page.
  await expect(page).not.toHaveURL(/\/login/);
  const tag = Date.now().toString(36).slice(-5);
  const city = `导入城管委${tag}`;
  await page.goto('/admin/units');
  // Icon buttons: their names end with the label (导出 CSV is the other export).
  await expect(page.getByRole('button', { name: /导\s?出$/ })).toBeVisible();
  const csv = (second: string) => ({
    name: 'directory.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `单位名称,简称/别名,类型,所属分组,上级/所属区,备注,地区\n${city},城管委${tag},委办局,,,,成都市\n${second}\n`,
      'utf8',
    ),
  });
  await page.getByRole('button', { name: /导\s?入$/ }).click();
  const dialog = page.getByRole('dialog', { name: '导入单位名录' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: '选择文件并预览' }).click();
  await (await chooser).setFiles(csv(`导入甲县${tag},,不知道,,,`));
  await expect(dialog.getByText('1 处错误', { exact: false })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^3\s*类型\s*C3/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: buttonName('确认导入') })).toBeDisabled();

  const again = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: '选择文件并预览' }).click();
  await (await again).setFiles(csv(`导入甲县${tag},,区政府,,,`));
  await expect(dialog.getByText('将新建的单位（2）')).toBeVisible();
  await expect(dialog.getByRole('cell', { name: city, exact: true })).toBeVisible();
  // Its 地区: another city's unit (the county of the second row is the directory's own).
  await expect(dialog.getByRole('row', { name: new RegExp(`^2\\s*${city}.*成都市`) })).toBeVisible();
  await expect(dialog.getByRole('row', { name: new RegExp(`导入甲县${tag}.*本名录`) })).toBeVisible();
  await dialog.getByRole('button', { name: buttonName('确认导入') }).click();
  await expect(dialog.getByText('已导入：新建 2，修改 0')).toBeVisible();
  // The footer's 关闭 (the corner's × is named 关闭 too).
  await dialog
    .getByRole('button', { name: buttonName('关闭') })
    .last()
    .click();
  await page.getByRole('searchbox', { name: '搜索名称或别名' }).fill(`城管委${tag}`);
  await page.getByRole('searchbox', { name: '搜索名称或别名' }).press('Enter');
  await expect(page.getByRole('row', { name: new RegExp(city) })).toBeVisible();
});
