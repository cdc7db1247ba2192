/**
 * Names of codes in Chinese and English, shared by the web and by the server's exports (a workbook says
 * 督办人员, never `supervisor`).
 */
import type { UserRole } from './common.ts';

type Name = { readonly zh: string; readonly en: string };

export const USER_ROLE_NAMES = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计管理员', en: 'Audit administrator' },
  supervisor: { zh: '督办人员', en: 'Supervisor' },
  unit_leader: { zh: '单位负责人', en: 'Unit leader' },
  unit_staff: { zh: '单位填报人员', en: 'Unit staff' },
  viewer: { zh: '查看人员', en: 'Viewer' },
} as const satisfies Record<UserRole, Name>;

/** What each audit action means, as the audit page and the audit export write it. */
export const AUDIT_ACTION_NAMES = {
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'auth.lockout': { zh: '账户锁定', en: 'Account locked' },
  'auth.password_change': { zh: '修改密码', en: 'Password change' },
  'access.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'user.create': { zh: '创建用户', en: 'User created' },
  'user.disable': { zh: '停用用户', en: 'User disabled' },
  'user.enable': { zh: '启用用户', en: 'User enabled' },
  'user.roles_change': { zh: '角色变更', en: 'Roles changed' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.unlock': { zh: '解除锁定', en: 'Account unlocked' },
  'unit.create': { zh: '新建单位', en: 'Unit created' },
  'unit.alias_add': { zh: '添加单位别名', en: 'Unit alias added' },
  'directory.load': { zh: '载入单位名录', en: 'Directory loaded' },
  'plan.import': { zh: '导入计划', en: 'Plan imported' },
  'plan.correct': { zh: '更正计划', en: 'Plan corrected' },
  'plan.group_decide': { zh: '决定单位组', en: 'Group decided' },
  'plan.unit_resolve': { zh: '处理未识别单位', en: 'Unknown unit resolved' },
  'plan.publish': { zh: '发布计划', en: 'Plan published' },
  'plan.archive': { zh: '归档计划', en: 'Plan archived' },
  'plan.read': { zh: '查看计划原件', en: 'Plan document read' },
  'reporting.settings': { zh: '设置填报周期', en: 'Reporting settings changed' },
  'report.create': { zh: '新建进展报告', en: 'Report created' },
  'report.save': { zh: '保存进展报告', en: 'Report saved' },
  'report.submit': { zh: '提交进展报告', en: 'Report submitted' },
  'report.signoff': { zh: '领导签发报告', en: 'Report signed off' },
  'report.signoff_reject': { zh: '领导退回报告', en: 'Report returned by the leader' },
  'report.accept': { zh: '审核通过报告', en: 'Report accepted' },
  'report.return': { zh: '审核退回报告', en: 'Report returned' },
  'evidence.upload': { zh: '上传佐证材料', en: 'Evidence uploaded' },
  'evidence.delete': { zh: '删除佐证材料', en: 'Evidence removed' },
  'notice.download': { zh: '下载督办单', en: 'Notice downloaded' },
  'bulletin.edit': { zh: '编辑通报', en: 'Bulletin edited' },
  'bulletin.download': { zh: '下载通报', en: 'Bulletin downloaded' },
  'notice.issue': { zh: '下发督办单', en: 'Notice issued' },
  'notice.reply': { zh: '答复督办单', en: 'Notice answered' },
  'notice.accept': { zh: '认可督办答复', en: 'Notice reply accepted' },
  'notice.send_back': { zh: '退回督办答复', en: 'Notice reply sent back' },
  'notice.escalate': { zh: '督办单升级', en: 'Notice escalated' },
  'extension.request': { zh: '申请延期', en: 'Extension requested' },
  'extension.lead_approve': { zh: '牵头单位同意延期', en: 'Extension approved by the lead' },
  'extension.lead_refuse': { zh: '牵头单位不同意延期', en: 'Extension refused by the lead' },
  'extension.supervisor_approve': { zh: '批准延期', en: 'Extension approved' },
  'extension.supervisor_refuse': { zh: '不批准延期', en: 'Extension refused' },
  'closure.create': { zh: '起草销号申请', en: 'Closure drafted' },
  'closure.submit': { zh: '提交销号申请', en: 'Closure requested' },
  'closure.lead_confirm': { zh: '牵头单位确认销号', en: 'Closure confirmed by the lead' },
  'closure.lead_reject': { zh: '牵头单位驳回销号', en: 'Closure rejected by the lead' },
  'closure.close': { zh: '销号', en: 'Closed' },
  'closure.reject': { zh: '驳回销号', en: 'Closure rejected' },
  'board.export': { zh: '导出督办看板（CSV）', en: 'Board exported (CSV)' },
  'list.export': { zh: '导出列表（Excel）', en: 'List exported (Excel)' },
  'jobs.run': { zh: '执行每日任务', en: 'Daily jobs run' },
} as const satisfies Record<string, Name>;
