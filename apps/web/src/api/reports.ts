import type {
  ReportQueueQuery,
  ReviewRequest,
  SaveReportRequest,
  SignoffRequest,
  SubmitReportRequest,
  UpdateReportingSettingsRequest,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { reportingSettingsQuery } from './pageQueries.ts';
import { reportKeys } from './queryKeys.ts';
import { schemaOf } from './schemas.ts';

/**
 * Progress reports (进度填报): the report form of an assignment, its ledger, the queues, and the plan's
 * reporting settings. Everything a report changes lives under `reportKeys.all`, so one invalidation
 * after a save, sign-off or review refreshes every page that shows reports or their lights.
 */
export { reportKeys } from './queryKeys.ts';

export function useReportForm(assignmentId: string, period?: string) {
  return useQuery({
    queryKey: reportKeys.form(assignmentId, period),
    queryFn: ({ signal }) =>
      api.get(endpoints.reportForm(assignmentId), {
        schema: schemaOf('ReportFormResponse'),
        query: { period },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One page of an assignment's ledger (newest period first); the server pages it. */
export function useAssignmentReports(assignmentId: string, page = 1, pageSize = LEDGER_PAGE_SIZE) {
  return useQuery({
    queryKey: [...reportKeys.ledger(assignmentId), page, pageSize],
    queryFn: ({ signal }) => fetchAssignmentReports(assignmentId, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
}

export const LEDGER_PAGE_SIZE = 12;

export function fetchAssignmentReports(
  assignmentId: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
) {
  return api.get(endpoints.assignmentReports(assignmentId), {
    schema: schemaOf('AssignmentReportsResponse'),
    query: { page: String(page), pageSize: String(pageSize) },
    signal,
  });
}

export function useReport(reportId: string | undefined) {
  return useQuery({
    queryKey: reportKeys.detail(reportId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.report(reportId ?? ''), { schema: schemaOf('ReportResponse'), signal }),
    enabled: !!reportId,
  });
}

export function useReportQueue(q: Partial<ReportQueueQuery>, enabled = true) {
  return useQuery({
    queryKey: reportKeys.queue(q),
    queryFn: ({ signal }) =>
      api.get(endpoints.reportQueue, { schema: schemaOf('ReportQueueResponse'), query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReportingSettings(planId: string | undefined) {
  return useQuery({ ...reportingSettingsQuery(planId ?? ''), enabled: !!planId });
}

export const reportActions = {
  save: (assignmentId: string, period: string, body: SaveReportRequest) =>
    api.put(endpoints.assignmentReport(assignmentId, period), body, { schema: schemaOf('ReportResponse') }),
  submit: (assignmentId: string, period: string, body: SubmitReportRequest) =>
    api.post(endpoints.assignmentReportSubmit(assignmentId, period), body, {
      schema: schemaOf('ReportResponse'),
    }),
  signoff: (reportId: string, body: SignoffRequest) =>
    api.post(endpoints.reportSignoff(reportId), body, { schema: schemaOf('ReportResponse') }),
  review: (reportId: string, body: ReviewRequest) =>
    api.post(endpoints.reportReview(reportId), body, { schema: schemaOf('ReportResponse') }),
  updateSettings: (planId: string, body: UpdateReportingSettingsRequest) =>
    api.put(endpoints.reportingSettings(planId), body, { schema: schemaOf('ReportingSettingsResponse') }),
};

/** Upload one evidence file (multipart field `file`) to a report, notice or closure request. */
export function uploadEvidence(path: string, file: File, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post(path, form, { schema: schemaOf('AttachmentResponse'), signal });
}

export function deleteEvidence(evidenceId: string) {
  return api.delete(endpoints.evidence(evidenceId), { schema: schemaOf('OkResponse') });
}
