import { expect, type Page, test } from '@playwright/test';
import { PASSWORD, USERS } from '../support/env.ts';
import {
  buttonName,
  chooseOption,
  expectNoHorizontalScroll,
  openMenu,
  signedInPage,
  signIn,
  snap,
} from '../support/ui.ts';

/**
 * Own-unit sign-off of requests (issue 12, item 15): the office switches the plan's setting on;
 * 延庆区政府's staff ask for more time on measure 3.2 (led by 市交通委); the request waits for the
 * unit's leader, and neither the lead nor the office sees it until the leader signs it off.
 *
 * The setting is switched off again right after the request is written (a held request stays held,
 * as the setting's help says), so the other specs' requests on the same plan keep their usual flow.
 */
test.describe.configure({ mode: 'serial' });

const MEASURE = '3.2';
const REASON = '新能源物流配送车辆通行政策须与市公安局会签，预计一季度印发。';

async function setRequestSignoff(page: Page, on: boolean) {
  await openMenu(page, '行动计划');
  await page.getByRole('link', { name: /大气污染防治\s*2022\s*年行动计划/ }).click();
  await page.getByRole('button', { name: '填报设置' }).click();
  const dialog = page.getByRole('dialog', { name: '填报设置' });
  const toggle = dialog.getByRole('switch', { name: '答复和申请须经单位领导签发' });
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(on));
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(/填报设置已保存/)).toBeVisible();
}

async function officeSeesRequest(page: Page) {
  await openMenu(page, '延期申请');
  await expect(page.getByRole('heading', { name: '延期申请' }).first()).toBeVisible();
  return page.getByRole('row', { name: new RegExp(`${MEASURE.replace('.', '\\.')}.*延庆区政府`) });
}

test('an extension request leaves the unit only after its leader signs it off', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const office = await signedInPage(browser, USERS.supervisor.username, PASSWORD);
  await setRequestSignoff(office, true);

  await signIn(page, USERS.yanqing.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.getByRole('link', { name: `填报 ${MEASURE}` }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`进度填报 · 措施 ${MEASURE.replace('.', '\\.')}`) }),
  ).toBeVisible();
  await page.getByRole('button', { name: '申请延期' }).click();
  const dialog = page.getByRole('dialog', { name: `申请延期 · 措施 ${MEASURE}` });
  await chooseOption(page, dialog.getByLabel('延期事项'), /^完成时限：/);
  const due = page.getByLabel('申请延至');
  await due.click();
  await due.fill('2023-03-31');
  await due.press('Enter');
  await expect(due).toHaveValue('2023-03-31');
  await dialog.getByLabel('申请理由').fill(REASON);
  await dialog.getByRole('button', { name: buttonName('确定') }).click();
  await expect(page.getByText('延期申请已提交，待本单位领导签发后报出')).toBeVisible();

  // Held: the office does not see it (and turning the setting off does not release it).
  await setRequestSignoff(office, false);
  await expect(await officeSeesRequest(office)).toHaveCount(0);

  const leader = await signedInPage(browser, USERS.yanqingLeader.username, PASSWORD);
  await openMenu(leader, '审核');
  await leader.getByRole('tab', { name: '待签发' }).click();
  const row = leader.getByRole('row', {
    name: new RegExp(`延期申请.*${MEASURE.replace('.', '\\.')}.*延庆区政府`),
  });
  await expect(row).toBeVisible();
  await expect(row).toContainText('申请延至 2023-03-31');
  for (const column of ['类型', '措施', '单位', '内容', '经办人', '提交时间'])
    await expect(leader.getByRole('columnheader', { name: column })).toBeVisible();
  await expectNoHorizontalScroll(leader);
  await snap(leader, testInfo, 'request-signoff-queue');
  await leader.getByRole('button', { name: `签发 延期申请 ${MEASURE}` }).click();
  const drawer = leader.getByRole('dialog', { name: `签发 · 延期申请 · 措施 ${MEASURE}` });
  await expect(drawer).toContainText(REASON);
  await drawer.getByRole('button', { name: '签发报出' }).click();
  await expect(leader.getByText('已处理')).toBeVisible();
  await expect(row).toHaveCount(0);
  await leader.context().close();

  // Signed off, it goes on as without the setting: the office now lists it.
  await office.reload();
  await expect(await officeSeesRequest(office)).toBeVisible();
  await snap(office, testInfo, 'request-signoff-released');
  await office.context().close();
});
