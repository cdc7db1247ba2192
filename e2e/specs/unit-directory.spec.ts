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
