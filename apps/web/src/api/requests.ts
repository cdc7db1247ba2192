import type {
  ClosureDecisionRequest,
  ClosuresQuery,
  ExtensionDecisionRequest,
  ExtensionsQuery,
  IssueNoticeRequest,
  IssueNoticesRequest,
  NoticeDecisionRequest,
  NoticeReplyRequest,
  NoticesQuery,
  RequestExtensionRequest,
  RequestSignoffRequest,
  SignoffItemKind,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { schemaOf } from './schemas.ts';

/** 督办单, 延期申请 and 销号: lists, details and the steps of each flow. */
export const requestKeys = {
  notices: ['notices'] as const,
  noticeList: (q: Partial<NoticesQuery>) => [...requestKeys.notices, 'list', q] as const,
  notice: (noticeId: string) => [...requestKeys.notices, 'detail', noticeId] as const,
  extensions: ['extensions'] as const,
  extensionList: (q: Partial<ExtensionsQuery>) => [...requestKeys.extensions, 'list', q] as const,
  closures: ['closures'] as const,
  closureList: (q: Partial<ClosuresQuery>) => [...requestKeys.closures, 'list', q] as const,
  closure: (closureId: string) => [...requestKeys.closures, 'detail', closureId] as const,
  signoffs: ['request-signoffs'] as const,
  signoffList: (page: number) => [...requestKeys.signoffs, page] as const,
};

/** The unit leader's queue: replies and requests held in their unit for sign-off. */
export function useSignoffQueue(page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: requestKeys.signoffList(page),
    queryFn: ({ signal }) =>
      api.get(endpoints.signoffRequests, {
        schema: schemaOf('SignoffQueueResponse'),
        query: { page: String(page), pageSize: String(pageSize) },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Sign a held reply or request off, or return it with the reason. */
export function signoffRequest(kind: SignoffItemKind, id: string, body: RequestSignoffRequest) {
  const schema = schemaOf(
    kind === 'notice'
      ? 'NoticeDetailResponse'
      : kind === 'extension'
        ? 'ExtensionResponse'
        : 'ClosureResponse',
  ) as ReturnType<typeof schemaOf<'ClosureResponse'>>;
  return api.post(endpoints.requestSignoff(kind, id), body, { schema });
}

export function fetchNotices(q: Partial<NoticesQuery>, signal?: AbortSignal) {
  return api.get(endpoints.notices, { schema: schemaOf('NoticesResponse'), query: { ...q }, signal });
}

export function useNotices(q: Partial<NoticesQuery>) {
  return useQuery({
    queryKey: requestKeys.noticeList(q),
    queryFn: ({ signal }) => fetchNotices(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useNotice(noticeId: string) {
  return useQuery({
    queryKey: requestKeys.notice(noticeId),
    queryFn: ({ signal }) =>
      api.get(endpoints.notice(noticeId), { schema: schemaOf('NoticeDetailResponse'), signal }),
  });
}

export function fetchExtensions(q: Partial<ExtensionsQuery>, signal?: AbortSignal) {
  return api.get(endpoints.extensions, { schema: schemaOf('ExtensionsResponse'), query: { ...q }, signal });
}

export function useExtensions(q: Partial<ExtensionsQuery>, enabled = true) {
  return useQuery({
    queryKey: requestKeys.extensionList(q),
    queryFn: ({ signal }) => fetchExtensions(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function fetchClosures(q: Partial<ClosuresQuery>, signal?: AbortSignal) {
  return api.get(endpoints.closures, { schema: schemaOf('ClosuresResponse'), query: { ...q }, signal });
}

export function useClosures(q: Partial<ClosuresQuery>, enabled = true) {
  return useQuery({
    queryKey: requestKeys.closureList(q),
    queryFn: ({ signal }) => fetchClosures(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClosure(closureId: string | undefined) {
  return useQuery({
    queryKey: requestKeys.closure(closureId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.closure(closureId ?? ''), { schema: schemaOf('ClosureResponse'), signal }),
    enabled: !!closureId,
  });
}

export const noticeActions = {
  issue: (body: IssueNoticeRequest) =>
    api.post(endpoints.notices, body, { schema: schemaOf('NoticeDetailResponse') }),
  /** One notice to each of several units, all or none. */
  issueMany: (body: IssueNoticesRequest) =>
    api.post(endpoints.noticesBatch, body, { schema: schemaOf('IssueNoticesResponse') }),
  reply: (noticeId: string, body: NoticeReplyRequest) =>
    api.post(endpoints.noticeReply(noticeId), body, { schema: schemaOf('NoticeDetailResponse') }),
  decide: (noticeId: string, body: NoticeDecisionRequest) =>
    api.post(endpoints.noticeDecision(noticeId), body, { schema: schemaOf('NoticeDetailResponse') }),
};

export const extensionActions = {
  request: (assignmentId: string, body: RequestExtensionRequest) =>
    api.post(endpoints.assignmentExtensions(assignmentId), body, { schema: schemaOf('ExtensionResponse') }),
  decide: (extensionId: string, body: ExtensionDecisionRequest) =>
    api.post(endpoints.extensionDecision(extensionId), body, { schema: schemaOf('ExtensionResponse') }),
};

export const closureActions = {
  create: (assignmentId: string, summary: string) =>
    api.post(endpoints.assignmentClosure(assignmentId), { summary }, { schema: schemaOf('ClosureResponse') }),
  submit: (closureId: string, version: number) =>
    api.post(endpoints.closureSubmit(closureId), { version }, { schema: schemaOf('ClosureResponse') }),
  decide: (closureId: string, body: ClosureDecisionRequest) =>
    api.post(endpoints.closureDecision(closureId), body, { schema: schemaOf('ClosureResponse') }),
};
