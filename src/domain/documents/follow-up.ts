// The state of a lower unit's implementation of a document, and of one task of its plan. Pure: the data
// layer gathers the dates and counts, these rules say adopted / reported / late.
import { isLate } from './periods.ts';

export const PLAN_TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];
/** The stored status, plus 'overdue' for a task not done after its deadline. */
export type PlanTaskState = PlanTaskStatus | 'overdue';

export function isPlanTaskStatus(v: string): v is PlanTaskStatus {
  return (PLAN_TASK_STATUSES as readonly string[]).includes(v);
}

/** A task is overdue the day after its deadline while not done; without a deadline it never is. */
export function planTaskState(status: PlanTaskStatus, deadline: string | null, asOf: string): PlanTaskState {
  if (status !== 'done' && deadline && asOf > deadline) return 'overdue';
  return status;
}

export type PlanState = 'adopted' | 'adopted_late' | 'pending' | 'late';
export type ReportState = 'reported' | 'reported_late' | 'partial' | 'pending' | 'late' | 'no_plan';

export interface UnitFollowUpInput {
  /** Issue date of the unit's implementation plan, when adopted on or before asOf. */
  planAdoptedOn: string | null;
  /** By when plans were to be adopted (a setting of the followed document); null = no deadline. */
  planDueDate: string | null;
  /** Tasks in the unit's plan. */
  tasks: number;
  /** Tasks with a report for the period submitted on or before asOf. */
  reportedTasks: number;
  /** Latest submission date among those reports. */
  lastReportOn: string | null;
  /** Due date of the period's reports. */
  reportDueDate: string;
  asOf: string;
}

export interface UnitFollowUpState {
  plan: PlanState;
  report: ReportState;
  /** Late on the plan or on the period's report, as the upper committee needs to chase it. */
  late: boolean;
}

export function unitFollowUpState(i: UnitFollowUpInput): UnitFollowUpState {
  let plan: PlanState;
  if (i.planAdoptedOn) plan = i.planDueDate && isLate(i.planDueDate, i.planAdoptedOn) ? 'adopted_late' : 'adopted';
  else plan = i.planDueDate && isLate(i.planDueDate, i.asOf) ? 'late' : 'pending';
  let report: ReportState;
  if (!i.planAdoptedOn) report = 'no_plan';
  else if (i.tasks > 0 && i.reportedTasks >= i.tasks) report = i.lastReportOn && isLate(i.reportDueDate, i.lastReportOn) ? 'reported_late' : 'reported';
  else if (isLate(i.reportDueDate, i.asOf)) report = 'late';
  else report = i.reportedTasks > 0 ? 'partial' : 'pending';
  // A unit with no plan is chased for the plan; its report is late too once the period's due date has passed.
  const reportLate = report === 'late' || (report === 'no_plan' && isLate(i.reportDueDate, i.asOf));
  return { plan, report, late: plan === 'late' || reportLate };
}
