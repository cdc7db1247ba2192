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
  planImportPreview: '/plans/import/preview',
  planReview: (planId: string) => `/plans/${p(planId)}/review`,
  planGroupDecision: (planId: string, groupId: string) => `/plans/${p(planId)}/decisions/${p(groupId)}`,
  planUnknownUnits: (planId: string) => `/plans/${p(planId)}/unknown-units`,
  planCorrections: (planId: string) => `/plans/${p(planId)}/corrections`,
  planPublish: (planId: string) => `/plans/${p(planId)}/publish`,
  planArchive: (planId: string) => `/plans/${p(planId)}/archive`,
  planWithdraw: (planId: string) => `/plans/${p(planId)}/withdraw`,
  planDocument: (planId: string) => `/plans/${p(planId)}/document`,
  units: '/units',
  groups: '/groups',
  unit: (unitId: string) => `/units/${p(unitId)}`,
  unitAction: (unitId: string, action: 'disable' | 'enable' | 'merge' | 'history') =>
    `/units/${p(unitId)}/${action}`,
  groupMembers: (groupId: string) => `/groups/${p(groupId)}/members`,
  groupHistory: (groupId: string) => `/groups/${p(groupId)}/history`,
  users: '/users',
  userRoles: (userId: string) => `/users/${p(userId)}/roles`,
  userDisable: (userId: string) => `/users/${p(userId)}/disable`,
  userEnable: (userId: string) => `/users/${p(userId)}/enable`,
  userUnlock: (userId: string) => `/users/${p(userId)}/unlock`,
  userResetPassword: (userId: string) => `/users/${p(userId)}/password-reset`,
  audit: '/audit',
  auditVerify: '/audit/verify',
  // Progress reporting (进度填报)
  reportingSettings: (planId: string) => `/plans/${p(planId)}/reporting-settings`,
  reportForm: (assignmentId: string) => `/assignments/${p(assignmentId)}/report-form`,
  assignmentReports: (assignmentId: string) => `/assignments/${p(assignmentId)}/reports`,
  assignmentReport: (assignmentId: string, period: string) =>
    `/assignments/${p(assignmentId)}/reports/${p(period)}`,
  assignmentReportSubmit: (assignmentId: string, period: string) =>
    `/assignments/${p(assignmentId)}/reports/${p(period)}/submit`,
  reportQueue: '/reports/queue',
  report: (reportId: string) => `/reports/${p(reportId)}`,
  reportSignoff: (reportId: string) => `/reports/${p(reportId)}/signoff`,
  reportReview: (reportId: string) => `/reports/${p(reportId)}/review`,
  reportEvidence: (reportId: string) => `/reports/${p(reportId)}/evidence`,
  evidence: (evidenceId: string) => `/evidence/${p(evidenceId)}`,
  // Status and the board
  planStatus: (planId: string) => `/plans/${p(planId)}/status`,
  planUnitStatus: (planId: string) => `/plans/${p(planId)}/status/units`,
  planLightTrend: (planId: string) => `/plans/${p(planId)}/status/trend`,
  planAssignmentStatus: (planId: string) => `/plans/${p(planId)}/status/assignments`,
  planMeasureStatus: (planId: string, measureId: string) =>
    `/plans/${p(planId)}/status/measures/${p(measureId)}`,
  board: '/board',
  // 督办单, 延期申请, 销号
  notices: '/notices',
  noticesBatch: '/notices/batch',
  notice: (noticeId: string) => `/notices/${p(noticeId)}`,
  noticeReply: (noticeId: string) => `/notices/${p(noticeId)}/reply`,
  noticeDecision: (noticeId: string) => `/notices/${p(noticeId)}/decision`,
  noticeEvidence: (noticeId: string) => `/notices/${p(noticeId)}/evidence`,
  extensions: '/extensions',
  extensionDecision: (extensionId: string) => `/extensions/${p(extensionId)}/decision`,
  assignmentExtensions: (assignmentId: string) => `/assignments/${p(assignmentId)}/extensions`,
  closures: '/closures',
  closure: (closureId: string) => `/closures/${p(closureId)}`,
  closureSubmit: (closureId: string) => `/closures/${p(closureId)}/submit`,
  closureDecision: (closureId: string) => `/closures/${p(closureId)}/decision`,
  closureEvidence: (closureId: string) => `/closures/${p(closureId)}/evidence`,
  assignmentClosure: (assignmentId: string) => `/assignments/${p(assignmentId)}/closure`,
  /** The unit leader's queue of held replies and requests, and the sign-off of one. */
  signoffRequests: '/signoff/requests',
  requestSignoff: (kind: 'notice' | 'extension' | 'closure', id: string) =>
    `/${kind === 'notice' ? 'notices' : kind === 'extension' ? 'extensions' : 'closures'}/${p(id)}/signoff`,
  // 消息中心
  notifications: '/notifications',
  notificationsRead: '/notifications/read',
  notificationGroups: '/notifications/groups',
  notificationsUnread: '/notifications/unread-count',
  notificationSettings: '/me/notification-settings',
  auditExports: '/audit/exports',
} as const;
