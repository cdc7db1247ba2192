import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DATA_DIR, PASSWORD, ROOT, USERS } from '../support/env.ts';
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
 * Progress reporting and supervision on the published seed plan (a 2022 plan). The server runs on the
 * real clock, so every 2022 date has passed: work that is not closed is red, whatever day the suite
 * runs. Reports are written for the period 2022-06, chosen explicitly, so nothing depends on today.
 *
 * Measure 9.2 (VOCs product checks: at least 230 组 in the whole city, a 6月底前 milestone) is led by
 * 市市场监管局 with 各区政府 responsible: 延庆区政府's staff report, its leader signs off, 市市场监管局
 * reviews. The 230 组 is a city-wide target: a district reports its contribution, not a share of 230.
 */
test.describe.configure({ mode: 'serial' });

const RETURN_COMMENT = '请补充抽检批次明细，并附检测报告扫描件。';
const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
});
/** antd draws its radio buttons over a hidden input: click the label, as a person does. */
async function choose(scope: Page | Locator, name: string) {
  const radio = scope.getByRole('radio', { name });
  await scope.locator('label', { has: radio }).click();
  await expect(radio).toBeChecked();
}
const ok = (scope: Page | Locator) => scope.getByRole('button', { name: buttonName('确定') });

async function openReport(page: Page, no: string) {
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.getByRole('link', { name: `填报 ${no}` }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`进度填报 · 措施 ${no.replace('.', '\\.')}`) }),
  ).toBeVisible();
}

async function choosePeriod(page: Page, period: string) {
  await page.getByLabel('选择报告期').click();
  await page.keyboard.type(period);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `${period} 期进展报告` })).toBeVisible();
}

async function pickDate(page: Page, label: string | RegExp, date: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
}

test('unit staff fill in the June report with a target value, a milestone and evidence, and submit it', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.yanqing.username, PASSWORD);
  // 我的任务 shows each assignment's light and the period's report with a one-click way in.
  await expect(page.getByRole('columnheader', { name: '预警' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^红灯：/ }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'my-work-status');

  await openReport(page, '9.2');
  await choosePeriod(page, '2022-06');
  await choose(page, '推进中');
  await page.getByLabel('工作进展').fill('上半年对生产、流通环节涂料、胶粘剂等含VOCs产品抽检 120 组。');
  await page.getByLabel('本单位完成量').fill('120');
  // A city-wide target with no share for this unit: the lead sums the contributions, no 52% of 230 here.
  await expect(
    page.getByText('全市总体指标 不少于 230 组（牵头单位汇总各单位完成量；本单位未分解目标）'),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: '已完成（6月底前）' }).check();
  await pickDate(page, '完成日期（6月底前）', '2022-06-20');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存')).toBeVisible();

  // Evidence: the server reads the bytes; a refused file says why, an accepted one is listed.
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: '说明.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('只是文字'),
  });
  await expect(
    page.getByRole('alert').filter({ hasText: '说明.txt 上传失败：不支持的文件类型' }),
  ).toBeVisible();
  await expect(page.getByText(/单个文件不超过 20 MB/)).toBeVisible();
  await fileInput.setInputFiles(pdf('VOCs产品抽检报告.pdf'));
  await expect(page.getByRole('link', { name: '下载 VOCs产品抽检报告.pdf' })).toBeVisible();

  await page.getByRole('button', { name: '提交单位领导签发' }).click();
  await ok(page).click();
  await expect(page.getByText('已提交，等待单位领导签发')).toBeVisible();
  await expect(page.getByText('当前状态下您不能修改这份报告（待领导签发）')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'report-form', { fullPage: true });
});

test('the unit leader signs the report off', async ({ page }, testInfo) => {
  await signIn(page, USERS.yanqingLeader.username, PASSWORD);
  await openMenu(page, '审核');
  await page.getByRole('tab', { name: '待签发' }).click();
  await page.getByRole('button', { name: '签发 延庆区政府 9.2 2022-06' }).click();
  const drawer = page.getByRole('dialog', { name: /延庆区政府 · 措施 9\.2 · 2022-06 期/ });
  await expect(drawer.getByLabel('本单位完成量')).toHaveValue('120');
  await snap(page, testInfo, 'signoff-drawer');
  await drawer.getByRole('button', { name: '签发报送' }).click();
  await expect(page.getByText('已签发，报送审核')).toBeVisible();
});

test('the lead unit returns the report with a required comment', async ({ page }, testInfo) => {
  await signIn(page, USERS.leadReviewer.username, PASSWORD);
  await openMenu(page, '审核');
  await expect(page.getByRole('heading', { name: '审核' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-queue');
  await page.getByRole('button', { name: '审核 延庆区政府 9.2 2022-06' }).click();
  const drawer = page.getByRole('dialog', { name: /延庆区政府 · 措施 9\.2 · 2022-06 期/ });
  await expect(drawer.getByRole('link', { name: '下载 VOCs产品抽检报告.pdf' })).toBeVisible();
  // Returning needs a comment.
  await drawer.getByRole('button', { name: '退回修改' }).click();
  await expect(drawer.getByText('请填写理由')).toBeVisible();
  await drawer.getByLabel('意见').fill(RETURN_COMMENT);
  await snap(page, testInfo, 'review-drawer');
  await drawer.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByText('已退回，单位修改后重新报送')).toBeVisible();
});

test('staff resubmit from the notification, the leader signs off again, the lead accepts', async ({
  page,
  browser,
}) => {
  // Three people sign in one after another: longer than one page's default on a loaded machine.
  test.setTimeout(120_000);
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await page.getByRole('link', { name: /^消息中心，[1-9]\d* 条未读$/ }).click();
  await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
  await page
    .getByRole('link', { name: /被退回：9.2 2022-06 进展报告/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: '2022-06 期进展报告' })).toBeVisible();
  await expect(page.getByText(`本期报告被退回：${RETURN_COMMENT}`)).toBeVisible();
  await page.getByLabel('工作进展').fill('上半年抽检 120 组（批次明细见附件），均已出具检测报告。');
  await page.getByRole('button', { name: '提交单位领导签发' }).click();
  await ok(page).click();
  await expect(page.getByText('已提交，等待单位领导签发')).toBeVisible();

  const leader = await signedInPage(browser, USERS.yanqingLeader.username, PASSWORD);
  await openMenu(leader, '审核');
  await leader.getByRole('tab', { name: '待签发' }).click();
  await leader.getByRole('button', { name: '签发 延庆区政府 9.2 2022-06' }).click();
  await leader.getByRole('button', { name: '签发报送' }).click();
  await expect(leader.getByText('已签发，报送审核')).toBeVisible();
  await leader.context().close();

  const lead = await signedInPage(browser, USERS.leadReviewer.username, PASSWORD);
  await openMenu(lead, '审核');
  await lead.getByRole('button', { name: '审核 延庆区政府 9.2 2022-06' }).click();
  await lead.getByRole('button', { name: '审核通过' }).click();
  await expect(lead.getByText('已审核通过', { exact: true })).toBeVisible();
  await lead.context().close();

  await page.reload();
  await expect(page.getByText(/已于 .* 审核通过/)).toBeVisible();
});

test('a supervisor sees red items on the board and issues a notice that the unit answers', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '督办看板');
  await expect(page.getByRole('heading', { name: '督办看板' })).toBeVisible();
  // Every 2022 date has passed: work not closed is red.
  await expect(page.getByRole('button', { name: /^红灯：/ }).first()).toBeVisible();
  await page.getByRole('combobox', { name: '责任单位' }).click();
  await page.keyboard.type('延庆区政府');
  await page.keyboard.press('Enter');
  const issue = page.getByRole('button', { name: /^下发督办单：延庆区政府 / }).first();
  await expect(issue).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '原因' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'board');

  // The export has every filtered row (all pages), with the filters written above the table.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^督办看板-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(String(sheet?.getCell('A2').value)).toContain('单位=延庆区政府');
  expect(sheet?.getCell('A4').value).toBe('序号');
  const shown = Number(
    (
      await page
        .getByRole('status')
        .filter({ hasText: /^共 \d+ 项$/ })
        .textContent()
    )?.match(/\d+/)?.[0],
  );
  expect((sheet?.rowCount ?? 0) - 4).toBe(shown);

  await issue.click();
  const dialog = page.getByRole('dialog', { name: '下发督办单 · 延庆区政府' });
  await expect(dialog.getByLabel('督办事由')).toHaveValue(
    /经核查，延庆区政府承担的以下工作存在预警：\n措施 \d+\.\d+：/,
  );
  await expect(dialog.getByRole('radio', { name: '红牌' })).toBeChecked();
  await snap(page, testInfo, 'issue-notice');
  await dialog.getByRole('button', { name: '下发督办单' }).click();
  await expect(page.getByRole('heading', { name: '督办单 · 延庆区政府' })).toBeVisible();
  await expect(page.getByText(/下发督办单（红牌），要求 \d{4}-\d{2}-\d{2} 前答复/)).toBeVisible();
  const noticeUrl = page.url();

  const unit = await signedInPage(browser, USERS.yanqing.username, PASSWORD);
  await openMenu(unit, '督办单');
  await expect(unit.getByRole('heading', { name: '督办单' })).toBeVisible();
  await unit.getByRole('link', { name: '延庆区政府' }).first().click();
  await expect(unit.getByRole('heading', { name: '督办单 · 延庆区政府' })).toBeVisible();
  await unit.getByLabel('答复内容').fill('已召开专题会部署整改，相关工作将于本月底前完成，整改方案见附件。');
  await unit.locator('input[type="file"]').setInputFiles(pdf('整改方案.pdf'));
  await expect(unit.getByRole('link', { name: '下载 整改方案.pdf' })).toBeVisible();
  await unit.getByRole('button', { name: '提交答复' }).click();
  await expect(unit.getByText('答复已提交')).toBeVisible();
  await expect(unit.getByText(/单位答复 · /)).toBeVisible();
  await unit.context().close();

  await page.goto(noticeUrl);
  await expect(page.getByText(/单位答复 · /)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'notice-detail');
  await page.getByRole('button', { name: '认可答复（办结）' }).click();
  await expect(page.getByText('督办人员认可答复，办结', { exact: false })).toBeVisible();
  await openMenu(page, '督办单');
  await expect(page.getByRole('row', { name: /红牌.*延庆区政府.*已办结/ })).toBeVisible();
  await snap(page, testInfo, 'notices');
});

test('a unit requests an extension; the lead unit and then the office approve it', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await openReport(page, '9.2');
  await page.getByRole('button', { name: '申请延期' }).click();
  const dialog = page.getByRole('dialog', { name: '申请延期 · 措施 9.2' });
  await chooseOption(page, dialog.getByLabel('延期事项'), '完成时限：按时间节点完成（2022-12-31）');
  await pickDate(page, '申请延至', '2023-03-31');
  await dialog.getByLabel('申请理由').fill('跨省区市联动处罚机制需与津冀两地会签，预计一季度完成。');
  await ok(dialog).click();
  await expect(page.getByText('延期申请已提交，等待审批')).toBeVisible();

  for (const [user, next] of [
    [USERS.leadReviewer.username, '待督办审批'],
    [USERS.supervisor.username, '已批准'],
  ] as const) {
    const decider = await signedInPage(browser, user, PASSWORD);
    await openMenu(decider, '延期申请');
    await decider.getByRole('button', { name: '审批 9.2 延庆区政府' }).click();
    await decider.getByRole('button', { name: buttonName('同意') }).click();
    await expect(decider.getByText('已审批')).toBeVisible();
    await expect(
      decider.getByRole('row', { name: new RegExp(`9\\.2.*2022-12-31.*2023-03-31.*${next}`) }),
    ).toBeVisible();
    if (next === '已批准') {
      await expectNoHorizontalScroll(decider);
      await snap(decider, testInfo, 'extensions');
    }
    await decider.context().close();
  }

  // The original date stays on record beside the new one.
  await page.reload();
  await expect(page.getByText('已延期至 2023-03-31（原定 2022-12-31）')).toBeVisible();
});

test('a unit requests closure with evidence; the lead confirms, the office closes, the report locks', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await openReport(page, '9.2');
  await page.getByRole('button', { name: '申请销号' }).click();
  const dialog = page.getByRole('dialog', { name: '申请销号 · 措施 9.2' });
  await dialog.getByLabel('完成情况').fill('全年抽检 236 组，联动处罚机制已建立并运行。');
  await dialog.getByRole('button', { name: '保存并上传佐证材料' }).click();
  const drawer = page.getByRole('dialog', { name: '销号申请 · 措施 9.2 · 延庆区政府' });
  await expect(drawer.getByRole('button', { name: '提交销号申请' })).toBeDisabled();
  await drawer.locator('input[type="file"]').setInputFiles(pdf('全年抽检汇总.pdf'));
  await expect(drawer.getByRole('link', { name: '下载 全年抽检汇总.pdf' })).toBeVisible();
  await drawer.getByRole('button', { name: '提交销号申请' }).click();
  await expect(page.getByText('销号申请已提交')).toBeVisible();

  for (const [user, button] of [
    [USERS.leadReviewer.username, '确认完成'],
    [USERS.supervisor.username, '核验销号'],
  ] as const) {
    const decider = await signedInPage(browser, user, PASSWORD);
    await openMenu(decider, '销号管理');
    await decider.getByRole('button', { name: '审批 9.2 延庆区政府' }).click();
    const d = decider.getByRole('dialog', { name: '销号申请 · 措施 9.2 · 延庆区政府' });
    await expect(d.getByRole('link', { name: '下载 全年抽检汇总.pdf' })).toBeVisible();
    await d.getByRole('button', { name: button }).click();
    await expect(decider.getByText('已审批')).toBeVisible();
    if (button === '核验销号') {
      await expect(d.getByText('已销号').first()).toBeVisible();
      await snap(decider, testInfo, 'closure-drawer');
    }
    await decider.context().close();
  }

  // Closed work is locked: the report page says so and offers no save.
  await page.reload();
  await expect(page.getByText(/本项任务已于 \d{4}-\d{2}-\d{2} 销号，填报已锁定/)).toBeVisible();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await openMenu(page, '销号管理');
  await expect(page.getByRole('row', { name: /9\.2.*已销号/ })).toBeVisible();
  await snap(page, testInfo, 'closures');
});

test('a stale save is refused with 409, keeps what was typed, and reloads on request', async ({
  page,
  browser,
}, testInfo) => {
  // Two people of 延庆区政府 open the same empty report (measure 1.1, 2022-06).
  await signIn(page, USERS.yanqing.username, PASSWORD);
  await openReport(page, '1.1');
  await choosePeriod(page, '2022-06');
  const other = await signedInPage(browser, USERS.yanqingLeader.username, PASSWORD);
  await openReport(other, '1.1');
  await choosePeriod(other, '2022-06');

  await choose(page, '推进中');
  await page.getByLabel('工作进展').fill('第一人：已完成空气质量目标分解。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存')).toBeVisible();

  const mine = '第二人：已召开专题会，正在起草考核办法。';
  await choose(other, '滞后');
  await other.getByLabel('工作进展').fill(mine);
  await other.getByRole('button', { name: '保存草稿' }).click();
  await expect(other.getByText('这条记录刚被他人修改过，您的操作没有生效')).toBeVisible();
  await expect(other.getByLabel('工作进展')).toHaveValue(mine);
  await snap(other, testInfo, 'report-conflict');
  await other.getByRole('button', { name: '重新加载' }).click();
  await expect(other.getByLabel('工作进展')).toHaveValue('第一人：已完成空气质量目标分解。');
  // What the second person typed is still there to copy back.
  await expect(other.getByText(mine)).toBeVisible();
  await other.context().close();
});

test('the supervisor reads progress on the plan, by unit, and the reporting settings', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.supervisor.username, PASSWORD);
  await openMenu(page, '行动计划');
  await page.getByRole('link', { name: /大气污染防治\s*2022\s*年行动计划/ }).click();
  await expect(page.getByRole('heading', { name: /执行进展（\d{4}-\d{2}-\d{2}）/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '进展' }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'plan-view-status');

  await page.getByRole('button', { name: '填报设置' }).click();
  const dialog = page.getByRole('dialog', { name: '填报设置' });
  await expect(dialog.getByRole('radio', { name: '每月' })).toBeChecked();
  await expect(dialog.getByLabel('报送截止日')).toHaveValue('25');
  await snap(page, testInfo, 'reporting-settings');
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(/填报设置已保存/)).toBeVisible();

  await page.getByRole('link', { name: '单位进展' }).click();
  await expect(page.getByRole('heading', { name: /^单位进展 · / })).toBeVisible();
  await expect(page.getByRole('row', { name: /延庆区政府/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'unit-status');

  // The English switch covers the new pages too.
  await page.getByText('English', { exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: 'Warning board' })
    .click();
  await expect(page.getByRole('heading', { name: 'Warning board' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Reasons' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'board-en');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '督办看板' })).toBeVisible();
});

test('the daily jobs say nothing about what was due before the plan reached the units; the centre groups by day', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page, USERS.huairou.username, PASSWORD);
  const bell = page.getByRole('link', { name: /^消息中心，\d+ 条未读$/ });
  await expect(bell).toBeVisible();
  const unread = async () => Number((await bell.getAttribute('aria-label'))?.match(/(\d+)/)?.[1]);
  const before = await unread();

  // 2022-06-23: seven days before the 6月底前 milestones, reports for January to May late — but the plan
  // was published (and the accounts made) long after: nobody could have acted, nobody is reminded.
  await promisify(execFile)('npx', ['lantian', 'jobs', 'run', '--at', '2022-06-23'], {
    cwd: ROOT,
    env: { ...process.env, LANTIAN_DATA_DIR: DATA_DIR },
    timeout: 180_000,
  });
  await page.reload();
  await expect(bell).toBeVisible();
  expect(await unread()).toBe(before);
  const res = await page.request.get('/api/v1/notifications?kind=reminder.digest');
  expect(((await res.json()) as { total: number }).total).toBe(0);

  // The centre opens grouped by day and kind, with counts; unread groups are open.
  await bell.click();
  await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '按日期分组' })).toBeChecked();
  const groups = (await (await page.request.get('/api/v1/notifications/groups')).json()) as {
    groups: { count: number }[];
  };
  if (groups.groups.length > 0) {
    await expect(page.getByText(`共 ${groups.groups[0]?.count} 条`).first()).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'notifications');
});

test('every export left an audit record, with its filter in words', async ({ page }) => {
  await signIn(page, USERS.auditor.username, PASSWORD);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const res = await page.request.get('/api/v1/audit?action=list.export&limit=50');
  expect(res.status()).toBe(200);
  const { events } = (await res.json()) as {
    events: { username: string; objectId: string; detail: { fileName: string; filters: string } }[];
  };
  // Written by the server before the file went out (GET /exports/board.xlsx).
  const board = events.find((e) => e.objectId === 'board');
  expect(board).toMatchObject({ username: USERS.supervisor.username });
  expect(board?.detail.filters).toMatch(/^筛选条件：计划=.+；.*单位=延庆区政府/);
  expect(board?.detail.fileName).toMatch(/^督办看板-\d{4}-\d{2}-\d{2}\.xlsx$/);
});
