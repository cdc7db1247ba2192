/** Exports of the administrators' lists: the audit log, users and units. */
import type { AuditEvent, Unit, UserItem } from '@lantian/contract';
import { auditPage } from '../audit/audit.repository.ts';
import { auditWords, presentAuditEvent } from '../audit/audit.service.ts';
import { pagedUnits } from '../directory/directory.query.ts';
import { allUnits } from '../directory/directory.repository.ts';
import { presentUnit } from '../directory/directory.service.ts';
import { userNames } from '../supervision/common.ts';
import { listUsers } from '../users/users.service.ts';
import { defineExport } from './export-list.ts';
import {
  actionName,
  nameOf,
  OUTCOME,
  roleName,
  rolesText,
  UNIT_KIND,
  userDisplayName,
  yesNo,
} from './names.ts';
import { pagesOf } from './xlsx-writer.ts';

const AUDIT_BATCH = 500;
const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

type AuditLine = AuditEvent & { displayName: string | null };

export const auditExport = defineExport<'audit', AuditLine>({
  list: 'audit',
  action: 'audit.read',
  title: '审计日志',
  async filters(ctx, _user, q) {
    const f: [string, string][] = [];
    if (q.action) f.push(['操作', actionName(q.action)]);
    if (q.userId) f.push(['用户', await userDisplayName(ctx.db.kysely, q.userId)]);
    if (q.outcome) f.push(['结果', nameOf(OUTCOME, q.outcome)]);
    if (q.q) f.push(['搜索', q.q]);
    return f;
  },
  columns: [
    { header: '序号', kind: 'integer', value: (e) => e.seq },
    { header: '时间', kind: 'datetime', value: (e) => e.at },
    { header: '用户', value: (e) => e.displayName ?? e.username ?? '系统', width: 12 },
    { header: '账号', value: (e) => e.username ?? '', width: 12 },
    { header: '单位', value: (e) => e.unitName },
    { header: '角色', value: (e) => rolesText(e.roles), width: 18 },
    { header: 'IP 地址', value: (e) => e.ip, width: 16 },
    { header: '操作', value: (e) => actionName(e.action), width: 20 },
    { header: '对象类型', value: (e) => e.objectType, width: 12 },
    { header: '对象编号', value: (e) => e.objectId, width: 38 },
    { header: '结果', value: (e) => nameOf(OUTCOME, e.outcome), width: 6 },
    { header: '变更前', kind: 'long', value: (e) => json(e.before), width: 40 },
    { header: '变更后', kind: 'long', value: (e) => json(e.after), width: 40 },
    { header: '详情', kind: 'long', value: (e) => json(e.detail), width: 40 },
    { header: '哈希', value: (e) => e.hash, width: 20 },
  ],
  /** Newest first, through the audit log's own cursor (`before`), as the page reads it. */
  async *rows(ctx, _user, q) {
    const db = ctx.db.kysely;
    let before: number | undefined;
    for (;;) {
      const rows = await auditPage(db, {
        beforeSeq: before,
        limit: AUDIT_BATCH,
        action: q.action,
        userId: q.userId,
        outcome: q.outcome,
        words: auditWords(q.q),
        order: 'desc',
      });
      if (rows.length === 0) return;
      const names = await userNames(
        db,
        rows.map((r) => r.user_id),
      );
      yield rows.map((r) => ({
        ...presentAuditEvent(r),
        displayName: r.user_id ? (names.get(r.user_id) ?? null) : null,
      }));
      if (rows.length < AUDIT_BATCH) return;
      before = rows[rows.length - 1]?.seq;
    }
  },
});

export const usersExport = defineExport<'users', UserItem>({
  list: 'users',
  action: 'user.list',
  title: '用户',
  async filters(_ctx, _user, q) {
    const f: [string, string][] = [];
    if (q.q) f.push(['搜索', q.q]);
    if (q.role) f.push(['角色', q.role === 'awaiting' ? '待授权' : roleName(q.role)]);
    return f;
  },
  columns: [
    { header: '姓名', value: (u) => u.displayName, width: 12 },
    { header: '账号', value: (u) => u.username, width: 14 },
    { header: '单位', value: (u) => u.unit.name },
    { header: '角色', value: (u) => (u.roles.length ? rolesText(u.roles) : '待授权'), width: 20 },
    { header: '已停用', value: (u) => yesNo(u.disabled), width: 8 },
    { header: '已锁定', value: (u) => yesNo(u.locked), width: 8 },
    { header: '须改密码', value: (u) => yesNo(u.mustChangePassword), width: 8 },
    { header: '最近登录', kind: 'datetime', value: (u) => u.lastLoginAt },
    { header: '创建时间', kind: 'datetime', value: (u) => u.createdAt },
  ],
  rows: (ctx, _user, q) =>
    pagesOf((page, pageSize) =>
      listUsers(ctx, { ...q, page, pageSize }).then((r) => ({ total: r.total, items: r.users })),
    ),
});

type UnitLine = Unit & { parentName: string | null };

export const unitsExport = defineExport<'units', UnitLine>({
  list: 'units',
  action: 'directory.read',
  title: '单位名录',
  async filters(_ctx, _user, q) {
    const f: [string, string][] = [];
    if (q.q) f.push(['搜索', q.q]);
    if (q.kind) f.push(['类别', nameOf(UNIT_KIND, q.kind)]);
    return f;
  },
  columns: [
    { header: '简称', value: (u) => u.name, width: 20 },
    { header: '全称', value: (u) => u.fullName, width: 36 },
    { header: '类别', value: (u) => nameOf(UNIT_KIND, u.kind), width: 10 },
    { header: '上级单位', value: (u) => u.parentName, width: 20 },
    { header: '别名', value: (u) => u.aliases.join('、'), width: 30 },
  ],
  async *rows(ctx, _user, q) {
    const db = ctx.db.kysely;
    const nameById = new Map((await allUnits(db)).map((u) => [u.id, u.name]));
    yield* pagesOf(async (page, pageSize) => {
      const { total, rows } = await pagedUnits(db, { ...q, page, pageSize });
      return {
        total,
        items: rows.map((r) => ({
          ...presentUnit(r),
          parentName: r.parent_id ? (nameById.get(r.parent_id) ?? null) : null,
        })),
      };
    });
  },
});
