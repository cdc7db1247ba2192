/** Chinese names of the codes an export would otherwise show, and the names behind filter ids. */
import { AUDIT_ACTION_NAMES, USER_ROLE_NAMES, type UserRole } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { resolvePlan } from '../status/status.query.ts';

export const RESPONSIBILITY = { lead: '牵头', responsible: '主责', assisting: '协办' } as const;
export const LIGHT = { green: '绿', yellow: '黄', red: '红', done: '已销号' } as const;
export const BOARD_LIGHT = { attention: '黄和红', ...LIGHT, all: '全部' } as const;
export const PLAN_STATUS = { draft: '草稿', published: '已发布', archived: '已归档' } as const;
export const REPORT_STATE = {
  draft: '草稿',
  pending_signoff: '待单位领导签发',
  submitted: '已报送待审核',
  accepted: '已审核通过',
  returned: '已退回',
} as const;
export const PROGRESS = {
  not_started: '未启动',
  on_track: '推进中',
  behind: '滞后',
  done: '已完成',
} as const;
export const NOTICE_LEVEL = { yellow: '黄牌', red: '红牌' } as const;
export const NOTICE_STATE = {
  issued: '待答复',
  replied: '已答复待审核',
  sent_back: '已退回',
  accepted: '已办结',
} as const;
export const EXTENSION_STATE = {
  pending_lead: '待牵头单位审核',
  pending_supervisor: '待督办审批',
  approved: '已批准',
  refused: '未批准',
} as const;
export const CLOSURE_STATE = {
  draft: '草稿',
  pending_lead: '待牵头单位确认',
  pending_supervisor: '待督办销号',
  closed: '已销号',
  rejected: '已驳回',
} as const;
export const UNIT_KIND = {
  city_department: '市级部门',
  district: '区',
  enterprise: '企业',
  street: '街道乡镇',
  other: '其他',
} as const;
export const OUTCOME = { success: '成功', failure: '失败', denied: '拒绝' } as const;
export const NOTIFICATION_KIND: Record<string, string> = {
  reminder: '催办',
  digest: '催办汇总',
  report: '进度报告',
  notice: '督办单',
  extension: '延期申请',
  closure: '销号',
};

/** A code's name, or the code itself when the table has none (never an empty cell for a value). */
export function nameOf<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return (table as Record<string, string>)[code] ?? code;
}

export const roleName = (r: string) => USER_ROLE_NAMES[r as UserRole]?.zh ?? r;
export const rolesText = (roles: readonly string[]) => roles.map(roleName).join('、');
export const actionName = (a: string) => AUDIT_ACTION_NAMES[a as keyof typeof AUDIT_ACTION_NAMES]?.zh ?? a;
/** `reminder.milestone` → 催办 (by its family). */
export const notificationKind = (k: string) => NOTIFICATION_KIND[k.split('.')[0] ?? k] ?? k;
export const yesNo = (b: boolean) => (b ? '是' : '否');
export const measureNo = (task: number, seq: number) => `${task}.${seq}`;

/** The title of a plan the caller may see (404 otherwise: a filter never names what the caller cannot read). */
export async function planTitle(db: Executor, user: Principal, planId: string): Promise<string> {
  const plan = await resolvePlan(db, user, planId);
  return `${plan.title}（${plan.year}）`;
}

export async function unitName(db: Executor, unitId: string): Promise<string> {
  const u = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  if (!u) throw notFound('单位');
  return u.name;
}

export async function userDisplayName(db: Executor, userId: string): Promise<string> {
  const u = await db
    .selectFrom('users')
    .select(['display_name', 'username'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) throw notFound('用户');
  return u.display_name || u.username;
}

/**
 * An assignment as a filter names it: `措施 7.2 市生态环境局（牵头）` — its measure, unit and role, in a plan
 * the caller may see (404 otherwise, as for a plan).
 */
export async function assignmentName(db: Executor, user: Principal, assignmentId: string): Promise<string> {
  const a = await db
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.plan_id', 'a.role', 'm.task_no', 'm.seq', 'u.name'])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!a) throw notFound('分工');
  await resolvePlan(db, user, a.plan_id);
  return `措施 ${measureNo(a.task_no, a.seq)} ${a.name}（${nameOf(RESPONSIBILITY, a.role)}）`;
}
