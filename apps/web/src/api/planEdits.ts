import {
  type CorrectMeasureRequest,
  type CorrectPlanRequest,
  type CorrectTaskRequest,
  ImportPlanResponse,
  MeasureResponse,
  PlanResponse,
  PlanReviewResponse,
  PublishPlanResponse,
  type ResolveUnknownUnitRequest,
  TaskResponse,
} from '@lantian/contract';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';

/** Upload a plan document (a file, or pasted text sent as one) as a new draft. */
export function importPlan(file: File, year?: number) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post(endpoints.planImport, form, { schema: ImportPlanResponse, query: { year } });
}

export function correctMeasure(planId: string, measureId: string, body: CorrectMeasureRequest) {
  return api.patch(endpoints.planMeasure(planId, measureId), body, { schema: MeasureResponse });
}

export function correctTask(planId: string, taskId: string, body: CorrectTaskRequest) {
  return api.patch(endpoints.planTask(planId, taskId), body, { schema: TaskResponse });
}

export function correctPlan(planId: string, body: CorrectPlanRequest) {
  return api.patch(endpoints.plan(planId), body, { schema: PlanResponse });
}

export function decideGroup(planId: string, groupId: string, unitIds: string[]) {
  return api.put(endpoints.planGroupDecision(planId, groupId), { unitIds }, { schema: PlanReviewResponse });
}

export function resolveUnknownUnit(planId: string, body: ResolveUnknownUnitRequest) {
  return api.post(endpoints.planUnknownUnits(planId), body, { schema: PlanReviewResponse });
}

export function publishPlan(planId: string) {
  return api.post(endpoints.planPublish(planId), undefined, { schema: PublishPlanResponse });
}

/** Archive (归档: frozen, still readable) or withdraw (撤回: archived and out of the units' lists), with a reason. */
export function retirePlan(planId: string, mode: 'archive' | 'withdraw', reason: string) {
  const url = mode === 'archive' ? endpoints.planArchive(planId) : endpoints.planWithdraw(planId);
  return api.post(url, { reason }, { schema: PlanResponse });
}
