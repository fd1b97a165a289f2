// Consolidation plans and the province overview (issue 4 §5): the server's shapes, type-only, and the calls.
import { get, patch, post, queryString } from './client.ts';
import type { ConsolidationPlan, ConsolidationTask, PlanInput, TaskInput } from '../../../src/commands/consolidation.ts';
import type { ConsolidationOverview } from '../../../src/reports/consolidation.ts';

export type { ConsolidationOverview, ConsolidationPlan, ConsolidationTask, PlanInput, TaskInput };
export { TASK_STATUSES, type TaskStatus } from '../../../src/domain/evaluation/consolidation.ts';

export const consolidationApi = {
  plan: (weakUnitId: number) => get<ConsolidationPlan>(`/weak-units/${weakUnitId}`),
  updatePlan: (weakUnitId: number, body: PlanInput) => patch<ConsolidationPlan>(`/weak-units/${weakUnitId}/plan`, body),
  addTask: (weakUnitId: number, body: TaskInput) => post<ConsolidationTask>(`/weak-units/${weakUnitId}/tasks`, body),
  updateTask: (taskId: number, body: TaskInput) => patch<ConsolidationTask>(`/consolidation-tasks/${taskId}`, body),
  overview: (unitId: number, year: number) => get<ConsolidationOverview>('/reports/consolidation', { unitId, year }),
  overviewXlsxUrl: (unitId: number, year: number) => `/api/reports/consolidation${queryString({ unitId, year })}&format=xlsx`,
};
