/** Whose a target is (city-wide or each unit's) and its per-unit shares: the office's review (issue 12 item 14). */
import type { SetTargetScopeRequest } from '@lantian/contract';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { schemaOf } from './schemas.ts';

export const targetScopeKeys = {
  one: (planId: string, targetId: string) => ['targetScope', planId, targetId] as const,
};

export function getTargetScope(planId: string, targetId: string, signal?: AbortSignal) {
  return api.get(endpoints.targetScope(planId, targetId), {
    schema: schemaOf('TargetScopeResponse'),
    signal,
  });
}

export function setTargetScope(planId: string, targetId: string, body: SetTargetScopeRequest) {
  return api.put(endpoints.targetScope(planId, targetId), body, { schema: schemaOf('TargetScopeResponse') });
}
