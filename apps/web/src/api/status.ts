import type { BoardQuery, MatrixQuery, UnitLoadQuery, UnitStatusQuery } from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { boardQuery, measureStatusesQuery, planStatusQuery } from './pageQueries.ts';
import { statusKeys } from './queryKeys.ts';
import { schemaOf } from './schemas.ts';

export { statusKeys } from './queryKeys.ts';

export function usePlanStatus(planId: string | undefined, enabled = true) {
  return useQuery({ ...planStatusQuery(planId ?? ''), enabled: !!planId && enabled });
}

/** The statuses of the measures a page shows (at most 200), in one request. */
export function useMeasureStatuses(planId: string, measureIds: readonly string[], enabled = true) {
  return useQuery({
    ...measureStatusesQuery(planId, measureIds),
    placeholderData: keepPreviousData,
    enabled: !!planId && enabled && measureIds.length > 0,
  });
}

/** One page of the units' lights (单位进展), filtered and sorted by the server. */
export function useUnitStatus(planId: string | undefined, q: Partial<UnitStatusQuery>) {
  return useQuery({
    queryKey: statusKeys.units(planId ?? '', q),
    queryFn: ({ signal }) =>
      api.get(endpoints.planUnitStatus(planId ?? ''), {
        schema: schemaOf('UnitStatusResponse'),
        query: { ...q },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
}

/** Light counts at each month end (the dashboard's trend); recomputed by the server, so kept a while. */
export function useLightTrend(planId: string | undefined) {
  return useQuery({
    queryKey: statusKeys.trend(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planLightTrend(planId ?? ''), { schema: schemaOf('LightTrendResponse'), signal }),
    enabled: !!planId,
    staleTime: 5 * 60_000,
  });
}

/** The dashboard's figures, computed by the server: lights by section and unit, months, deadlines ahead. */
export function usePlanOverview(planId: string | undefined) {
  return useQuery({
    queryKey: statusKeys.overview(planId ?? ''),
    queryFn: ({ signal }) =>
      api.get(endpoints.planOverview(planId ?? ''), { schema: schemaOf('PlanOverviewResponse'), signal }),
    enabled: !!planId,
  });
}

/** One page of the units by their load (the dashboard's unit table). */
export function useUnitLoad(planId: string | undefined, q: UnitLoadQuery) {
  return useQuery({
    queryKey: statusKeys.unitLoad(planId ?? '', q),
    queryFn: ({ signal }) =>
      api.get(endpoints.planUnitLoad(planId ?? ''), {
        schema: schemaOf('UnitLoadResponse'),
        query: { ...q },
        signal,
      }),
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
      api.get(endpoints.planMatrix(planId ?? ''), {
        schema: schemaOf('MatrixResponse'),
        query: { ...q },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
}

export function useMeasureStatus(planId: string, measureId: string, enabled = true) {
  return useQuery({
    queryKey: statusKeys.measure(planId, measureId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasureStatus(planId, measureId), {
        schema: schemaOf('MeasureStatusResponse'),
        signal,
      }),
    enabled,
  });
}

export function fetchBoard(q: Partial<BoardQuery>, signal?: AbortSignal) {
  return api.get(endpoints.board, { schema: schemaOf('BoardResponse'), query: { ...q }, signal });
}

export function useBoard(q: Partial<BoardQuery>, enabled = true) {
  return useQuery({ ...boardQuery(q), placeholderData: keepPreviousData, enabled });
}
