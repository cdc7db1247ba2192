/**
 * Every API path the web app calls, in one place, so following the server's routes is a one-file change.
 * Shapes are the zod schemas of @lantian/contract.
 */
const p = encodeURIComponent;

export const endpoints = {
  me: '/me',
  myAssignments: '/me/assignments',
  plans: '/plans',
  plan: (planId: string) => `/plans/${p(planId)}`,
  planMeasures: (planId: string) => `/plans/${p(planId)}/measures`,
  planMeasure: (planId: string, measureId: string) => `/plans/${p(planId)}/measures/${p(measureId)}`,
  planTask: (planId: string, taskId: string) => `/plans/${p(planId)}/tasks/${p(taskId)}`,
  planAssignments: (planId: string) => `/plans/${p(planId)}/assignments`,
  planImport: '/plans/import',
  planReview: (planId: string) => `/plans/${p(planId)}/review`,
  planGroupDecision: (planId: string, groupId: string) => `/plans/${p(planId)}/decisions/${p(groupId)}`,
  planUnknownUnits: (planId: string) => `/plans/${p(planId)}/unknown-units`,
  planCorrections: (planId: string) => `/plans/${p(planId)}/corrections`,
  planPublish: (planId: string) => `/plans/${p(planId)}/publish`,
  planDocument: (planId: string) => `/plans/${p(planId)}/document`,
  units: '/units',
  groups: '/groups',
  users: '/users',
  userRoles: (userId: string) => `/users/${p(userId)}/roles`,
  userDisable: (userId: string) => `/users/${p(userId)}/disable`,
  userEnable: (userId: string) => `/users/${p(userId)}/enable`,
  userUnlock: (userId: string) => `/users/${p(userId)}/unlock`,
  userResetPassword: (userId: string) => `/users/${p(userId)}/password-reset`,
  audit: '/audit',
  auditVerify: '/audit/verify',
} as const;
