import {
  type BoardQuery,
  BoardResponse,
  LightTrendResponse,
  type MatrixQuery,
  MatrixResponse,
  MeasureStatusResponse,
  PlanMeasureStatusResponse,
  PlanOverviewResponse,
  PlanStatusResponse,
  type UnitLoadQuery,
  UnitLoadResponse,
  UnitStatusResponse,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';

/**
 * Lights (预警) and progress, as the server computes them for today. They change with every report,
 * request and decision, so mutations invalidate `statusKeys.all` together with their own keys.
 */
export const statusKeys = {
  all: ['status'] as const,
  plan: (planId: string) => [...statusKeys.all, 'plan', planId] as const,
  units: (planId: string) => [...statusKeys.all, 'units', planId] as const,
  trend: (planId: string) => [...statusKeys.all, 'trend', planId] as const,
  overview: (planId: string) => [...statusKeys.all, 'overview', planId] as const,
  unitLoad: (planId: string, q: UnitLoadQuery) =>
    [...statusKeys.all, 'overview', planId, 'units', q] as const,
  matrix: (planId: string, q: Partial<MatrixQuery>) => [...statusKeys.all, 'matrix', planId, q] as const,
  assignments: (planId: string, unitId?: string) =>
    [...statusKeys.all, 'assignments', planId, unitId ?? 'visible'] as const,
  measures: (planId: string, measureIds: readonly string[]) =>
    [...statusKeys.all, 'measures', planId, measureIds] as const,
  measure: (planId: string, measureId: string) => [...statusKeys.all, 'measure', planId, measureId] as const,
  board: (q: Partial<BoardQuery>) => [...statusKeys.all, 'board', q] as const,
};

export function usePlanStatus(planId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: statusKeys.plan(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planStatus(planId ?? ''), { schema: PlanStatusResponse, signal }),
    enabled: !!planId && enabled,
  });
}

/** The statuses of the measures a page shows (at most 200), in one request. */
export function useMeasureStatuses(planId: string, measureIds: readonly string[], enabled = true) {
  return useQuery({
    queryKey: statusKeys.measures(planId, measureIds),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasureStatuses(planId), {
        schema: PlanMeasureStatusResponse,
        query: { measureId: measureIds, pageSize: Math.max(1, measureIds.length) },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: !!planId && enabled && measureIds.length > 0,
  });
}

export function useUnitStatus(planId: string | undefined) {
  return useQuery({
    queryKey: statusKeys.units(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planUnitStatus(planId ?? ''), { schema: UnitStatusResponse, signal }),
    enabled: !!planId,
  });
}

/** Light counts at each month end (the dashboard's trend); recomputed by the server, so kept a while. */
export function useLightTrend(planId: string | undefined) {
  return useQuery({
    queryKey: statusKeys.trend(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planLightTrend(planId ?? ''), { schema: LightTrendResponse, signal }),
    enabled: !!planId,
    staleTime: 5 * 60_000,
  });
}

/** The dashboard's figures, computed by the server: lights by section and unit, months, deadlines ahead. */
export function usePlanOverview(planId: string | undefined) {
  return useQuery({
    queryKey: statusKeys.overview(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planOverview(planId ?? ''), { schema: PlanOverviewResponse, signal }),
    enabled: !!planId,
  });
}

/** One page of the units by their load (the dashboard's unit table). */
export function useUnitLoad(planId: string | undefined, q: UnitLoadQuery) {
  return useQuery({
    queryKey: statusKeys.unitLoad(planId ?? '', q),
    queryFn: ({ signal }) =>
      api.get(endpoints.planUnitLoad(planId ?? ''), { schema: UnitLoadResponse, query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
}

/** One page of the responsibility matrix's units with their cells. */
export function useMatrix(
  planId: string | undefined,
  q: Partial<MatrixQuery> & { page: number; pageSize: number },
) {
  return useQuery({
    queryKey: statusKeys.matrix(planId ?? '', q),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMatrix(planId ?? ''), { schema: MatrixResponse, query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
}

export function useMeasureStatus(planId: string, measureId: string, enabled = true) {
  return useQuery({
    queryKey: statusKeys.measure(planId, measureId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasureStatus(planId, measureId), { schema: MeasureStatusResponse, signal }),
    enabled,
  });
}

export function fetchBoard(q: Partial<BoardQuery>, signal?: AbortSignal) {
  return api.get(endpoints.board, { schema: BoardResponse, query: { ...q }, signal });
}

export function useBoard(q: Partial<BoardQuery>, enabled = true) {
  return useQuery({
    queryKey: statusKeys.board(q),
    queryFn: ({ signal }) => fetchBoard(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
