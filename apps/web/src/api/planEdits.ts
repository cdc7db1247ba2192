import type {
  ColumnChoice,
  CorrectMeasureRequest,
  CorrectPlanRequest,
  CorrectTaskRequest,
  ResolveUnknownUnitRequest,
} from '@lantian/contract';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { schemaOf } from './schemas.ts';

function uploadForm(file: File, columns?: ColumnChoice): FormData {
  const form = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (columns) form.append('columns', JSON.stringify(columns));
  form.append('file', file, file.name);
  return form;
}

export interface ImportInput {
  file: File;
  year?: number;
  /** Roles by header, when the supervisor changed any. */
  columns?: ColumnChoice;
  /** The answer to DUPLICATE_PLAN: import as a new version of this plan. */
  asNewVersionOf?: string;
}

/** Upload a plan document (a file, or pasted text sent as one) as a new draft. */
export function importPlan({ file, year, columns, asNewVersionOf }: ImportInput) {
  return api.post(endpoints.planImport, uploadForm(file, columns), {
    schema: schemaOf('ImportPlanResponse'),
    query: { year, asNewVersionOf },
  });
}

/** Parse without storing: the columns as read, a few measures, warnings, a duplicate if any. */
export function previewImport({ file, year, columns }: Omit<ImportInput, 'asNewVersionOf'>) {
  return api.post(endpoints.planImportPreview, uploadForm(file, columns), {
    schema: schemaOf('ImportPreviewResponse'),
    query: { year },
  });
}

export function correctMeasure(planId: string, measureId: string, body: CorrectMeasureRequest) {
  return api.patch(endpoints.planMeasure(planId, measureId), body, { schema: schemaOf('MeasureResponse') });
}

export function correctTask(planId: string, taskId: string, body: CorrectTaskRequest) {
  return api.patch(endpoints.planTask(planId, taskId), body, { schema: schemaOf('TaskResponse') });
}

export function correctPlan(planId: string, body: CorrectPlanRequest) {
  return api.patch(endpoints.plan(planId), body, { schema: schemaOf('PlanResponse') });
}

export function decideGroup(planId: string, groupId: string, unitIds: string[]) {
  return api.put(
    endpoints.planGroupDecision(planId, groupId),
    { unitIds },
    { schema: schemaOf('PlanReviewResponse') },
  );
}

export function resolveUnknownUnit(planId: string, body: ResolveUnknownUnitRequest) {
  return api.post(endpoints.planUnknownUnits(planId), body, { schema: schemaOf('PlanReviewResponse') });
}

export function publishPlan(planId: string) {
  return api.post(endpoints.planPublish(planId), undefined, { schema: schemaOf('PublishPlanResponse') });
}

/** Archive (归档: frozen, still readable) or withdraw (撤回: archived and out of the units' lists), with a reason. */
export function retirePlan(planId: string, mode: 'archive' | 'withdraw', reason: string) {
  const url = mode === 'archive' ? endpoints.planArchive(planId) : endpoints.planWithdraw(planId);
  return api.post(url, { reason }, { schema: schemaOf('PlanResponse') });
}
