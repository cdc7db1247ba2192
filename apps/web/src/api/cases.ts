/** HTTP for problem cases (docs/cases-api.md): lists, one case, its steps, settings and statistics. */
import type { CasesQuery } from '@lantian/contract';
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { schemaOf } from './schemas.ts';

const p = encodeURIComponent;
export const caseKeys = {
  all: ['cases'] as const,
  list: (q: object) => [...caseKeys.all, 'list', q] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  settings: () => [...caseKeys.all, 'settings'] as const,
  stats: (from: string, to: string) => [...caseKeys.all, 'stats', from, to] as const,
};

export type CaseFilters = Partial<Omit<CasesQuery, 'page' | 'pageSize' | 'sort'>> & {
  sort?: CasesQuery['sort'];
};

export function fetchCases(q: CaseFilters & { page: number; pageSize: number }, signal?: AbortSignal) {
  return api.get('/cases', { schema: schemaOf('CasesResponse'), query: { ...q }, signal });
}

export function useCases(q: CaseFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: caseKeys.list(q),
    queryFn: ({ signal }) => fetchCases(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/cases/${p(id)}`, { schema: schemaOf('CaseResponse'), signal }),
  });
}

/** Categories (with names) and limits; everyone who sees cases may read them. */
export function useCaseSettings() {
  return useQuery({
    queryKey: caseKeys.settings(),
    queryFn: ({ signal }) => api.get('/cases/settings', { schema: schemaOf('CaseSettingsResponse'), signal }),
    staleTime: 5 * 60_000,
  });
}

export function useCaseStats(from: string, to: string) {
  return useQuery({
    queryKey: caseKeys.stats(from, to),
    queryFn: ({ signal }) =>
      api.get('/cases/stats', { schema: schemaOf('CaseStatsResponse'), query: { from, to }, signal }),
  });
}

export type CaseStep =
  | 'verify'
  | 'dispatch'
  | 'sign'
  | 'rectify'
  | 'feedback'
  | 'check'
  | 'revisit'
  | 'extension'
  | 'extension/decision';

/** One step on a case (its body carries the version last seen); answers the case as it is now. */
export function caseStep(id: string, step: CaseStep, body: Record<string, unknown>) {
  return api.post(`/cases/${p(id)}/${step}`, body, { schema: schemaOf('CaseResponse') });
}

export const caseEvidencePath = (id: string) => `/cases/${p(id)}/evidence`;

export function invalidateCases(qc: QueryClient) {
  return qc.invalidateQueries({ queryKey: caseKeys.all });
}
