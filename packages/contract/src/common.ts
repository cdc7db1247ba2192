import { z } from 'zod';

/** Every error the API returns: a stable code and a message for people. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Machine-readable detail for some codes (the lines of a plan that failed to parse, …). */
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/**
 * Control characters other than tab and line feed (C0, DEL, C1). PostgreSQL refuses NUL in text, and
 * none of them belongs in anything a person types; `\r` goes too (browsers send `\n` for line breaks).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Every text a client sends — body, query and path fields alike — is built on this: a string without
 * control characters (400 naming the field otherwise). Chain `.trim()`, `.min()`, `.max()` as usual.
 */
export const FieldText = z.string().refine((s) => !CONTROL_CHARACTERS.test(s), {
  message: '不能包含控制字符（如 NUL）',
  abort: true,
});

/** Identifiers are text made by the server (UUIDs). */
export const Id = FieldText.min(1).max(64);

/** The seven roles; an account may hold several business roles, but at most one administrator role. */
export const USER_ROLES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'supervisor',
  'unit_leader',
  'unit_staff',
  'viewer',
] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** 三员: system, security and audit administrators; an administrator account holds no other role. */
export const ADMIN_ROLES: readonly UserRole[] = ['sysadmin', 'secadmin', 'auditor'];

export const UNIT_KIND_VALUES = ['city_department', 'district', 'enterprise', 'street', 'other'] as const;
export const UnitKind = z.enum(UNIT_KIND_VALUES);

export const ResponsibilityRole = z.enum(['lead', 'responsible', 'assisting']);
export type ResponsibilityRole = z.infer<typeof ResponsibilityRole>;

export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** Path parameters. */
export const PlanParams = z.strictObject({ planId: Id });
export const PlanMeasureParams = z.strictObject({ planId: Id, measureId: Id });
export const PlanTaskParams = z.strictObject({ planId: Id, taskId: Id });
export const PlanGroupParams = z.strictObject({ planId: Id, groupId: Id });
export const UserParams = z.strictObject({ userId: Id });

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const IsoDateTime = z.string();
