import { expect, type Page, test } from '@playwright/test';
import { PASSWORD, USERS } from '../support/env.ts';
import { buttonName, expectNoHorizontalScroll, openMenu, signIn, snap } from '../support/ui.ts';

/**
 * Measured data to a decision, in the browser: the office adds an indicator (and edits it), uploads a
 * month of district values, reads the ranking, sets a rule "in the bottom 1 of the districts for 2 months
 * in a row", evaluates it, and confirms the proposal on the board: one 督办单 to the unit that answers
 * for the area (通州区 → 通州区政府, a unit no other spec sends notices to), on measure 13.1 (dust fall).
 */
test.describe.configure({ mode: 'serial' });

const DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '丰台区',
  '石景山区',
  '海淀区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
];
/** Wide layout (areas down, months across); 通州区 worst both months, 延庆区 best; 密云区 no data in October. */
const VALUES_CSV = [
  '区域,2022-09,2022-10',
  ...DISTRICTS.map((d, i) => {
    if (d === '通州区') return `${d},9.6,9.8`;
    if (d === '延庆区') return `${d},2.1,2.0`;
    if (d === '密云区') return `${d},4.0,`;
    return `${d},${(3 + i / 10).toFixed(1)},${(3.5 + i / 10).toFixed(1)}`;
  }),
].join('\n');

/** An option of the open antd select list (the visible one, not the hidden accessible copy). */
async function pick(page: Page, text: string | RegExp) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

async function openMonitoring(page: Page, entry: string) {
  const nav = page.getByRole('navigation', { name: '主菜单' });
  const link = nav.getByRole('link', { name: entry, exact: true });
  if (!(await link.isVisible())) await nav.getByText('监测', { exact: true }).click();
  await openMenu(page, entry);
}

test('the office adds an indicator, uploads values and reads the ranking', async ({ page }, testInfo) => {
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await openMonitoring(page, '监测排名');
  await expect(page.getByRole('heading', { name: '监测排名' })).toBeVisible();

  await page.getByRole('button', { name: '新增指标' }).click();
  const add = page.getByRole('dialog', { name: '新增指标' });
  await add.getByLabel('指标代码').fill('dustfall');
  await add.getByLabel('名称').fill('降尘');
  await add.getByLabel('单位').fill('吨/平方公里·月');
  await add.getByLabel('发布精度（小数位）').fill('1');
  await add.getByRole('button', { name: buttonName('确定') }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('combobox', { name: '指标' })).toBeVisible();
  await expect(page.locator('.ant-select-content, .ant-select-selection-item').first()).toContainText(
    '降尘（吨/平方公里·月）',
  );

  // Edit: the name changes; the code stays (disabled).
  await page.getByRole('button', { name: '编辑指标' }).click();
  const edit = page.getByRole('dialog', { name: /编辑指标：降尘/ });
  await expect(edit.getByLabel('指标代码')).toBeDisabled();
  await edit.getByLabel('名称').fill('降尘量');
  await edit.getByRole('button', { name: buttonName('确定') }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('降尘量（吨/平方公里·月）').first()).toBeVisible();

  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'dustfall-2022.csv', mimeType: 'text/csv', buffer: Buffer.from(VALUES_CSV) });
  await expect(page.getByText('已导入：新增 31 条，更正 0 条')).toBeVisible();

  await page.getByLabel('期间', { exact: true }).fill('2022-10');
  const best = page.getByRole('row', { name: /^1 延庆区/ });
  await expect(best).toBeVisible();
  await expect(best).toContainText('2');
  await expect(page.getByRole('row', { name: /^15 通州区 .*9\.8/ })).toBeVisible();
  await expect(page.getByText(/^数据不足：.*密云区/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'monitoring-ranking');
});

test('the office sets a rule, evaluates it, and confirms the proposal from the board', async ({
  page,
}, testInfo) => {
  // A form, an edit, two toggles, an evaluation and the board: longer than one page's default.
  test.setTimeout(120_000);
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '督办总览' })).toBeVisible();
  await openMonitoring(page, '监测规则');
  await expect(page.getByRole('heading', { name: '监测规则' })).toBeVisible();
  await expect(page.getByText('暂无规则')).toBeVisible();

  await page.getByRole('button', { name: '新增规则' }).click();
  const form = page.getByRole('dialog', { name: '新增规则' });
  await form.getByLabel('规则名称').fill('区降尘排名末位连续2个月');
  await form.getByLabel('N（后几名）').fill('1');
  await form.getByLabel('连续期数').fill('2');
  await form.getByLabel('所属计划').click();
  await pick(page, /大气污染防治/);
  await form.getByLabel('关联措施（督办单所列）').click();
  await page.keyboard.type('13.1');
  await pick(page, /^措施 13\.1：/);
  await form.getByRole('button', { name: buttonName('确定') }).click();
  await expect(form).toBeHidden();
  const row = page.getByRole('row', { name: /区降尘排名末位连续2个月/ });
  await expect(row).toContainText('排名后 1 名，连续 2 期');
  await expect(row).toContainText('措施 13.1');

  // Edit it to a summons, disable and enable it again.
  await row.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: /编辑规则/ });
  await edit.getByLabel('建议').click();
  await pick(page, '约谈');
  await edit.getByRole('button', { name: buttonName('确定') }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByText('约谈')).toBeVisible();
  const active = row.getByRole('switch', { name: /启用/ });
  await active.click();
  await expect(page.getByText(/规则已停用/)).toBeVisible();
  await expect(active).not.toBeChecked();
  await expect(row.getByRole('button', { name: '按期评估' })).toBeDisabled();
  await active.click();
  await expect(active).toBeChecked();

  await row.getByRole('button', { name: '按期评估' }).click();
  const evaluate = page.getByRole('dialog', { name: /按期评估/ });
  await evaluate.getByLabel('期间').fill('2022-10');
  // A click that lands while the dialog is still opening can be lost under load (CI saw it): repeat
  // it while the dialog stays open. Evaluating a rule twice for one period proposes nothing new.
  const evaluated = page.getByText('2022-10 评估完成：1 条建议待确认（见督办看板）');
  await expect(async () => {
    if (await evaluate.isVisible())
      await evaluate.getByRole('button', { name: '按期评估' }).click({ timeout: 3_000 });
    await expect(evaluated).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await snap(page, testInfo, 'monitoring-rules');

  await page.getByRole('link', { name: '去督办看板' }).click();
  await expect(page.getByRole('heading', { name: '督办看板' })).toBeVisible();
  const card = page.locator('.ant-card', { hasText: '监测规则建议（1）' });
  await expect(card).toBeVisible();
  const proposal = card.getByRole('row', { name: /通州区/ });
  await expect(proposal).toContainText('通州区政府');
  await expect(proposal).toContainText('2022-09 第 16 名（9.6）；2022-10 第 15 名（9.8）');
  await snap(page, testInfo, 'monitoring-proposal');
  // With a proposal's three actions, the board still fits the window in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Warning board' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '督办看板' })).toBeVisible();
  await proposal.getByRole('button', { name: '确认下发' }).click();
  await expect(page.getByText('已下发督办单')).toBeVisible();
  await expect(card).toBeHidden();

  await openMenu(page, '督办单');
  await expect(page.getByRole('row', { name: /通州区政府/ }).first()).toBeVisible();
});
