// The tasks of a consolidation plan (kế hoạch củng cố, ../shared/domain/README §4): each measure the upper
// committee adopts for a weak unit is a task with an owner and a deadline, followed to done. README §4 asks
// the plan for measures, the responsible member and deadlines; a measure without an owner or a deadline
// cannot be followed, so it is refused. No party text seen fixes the task workflow: the statuses, their
// moves and "not consolidated while a task is open" are dangvu's settings, not party rules.
import type { FieldError } from '../errors.ts';
import { daysBetween, formatVietnameseDate, isIsoDate } from '../dates.ts';
import type { Label } from '../lifecycle/labels.ts';
import type { PlanResult } from './weak-units.ts';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, Label> = {
  not_started: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  cancelled: { vi: 'Hủy bỏ', en: 'Cancelled' },
};

/**
 * Allowed moves. A done task may be reopened (the committee finds the measure did not hold); a cancelled
 * one stays cancelled (a new task is added instead, so the plan keeps what was given up).
 */
const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  not_started: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: ['in_progress'],
  cancelled: [],
};

export const canMoveTask = (from: TaskStatus, to: TaskStatus): boolean => from === to || TRANSITIONS[from].includes(to);
export const isOpenTask = (status: TaskStatus): boolean => status === 'not_started' || status === 'in_progress';

export interface TaskDraft {
  measure?: string | null;
  ownerMemberId?: number | null;
  ownerUnitId?: number | null;
  deadline?: string | null;
  status?: TaskStatus | string;
  doneOn?: string | null;
  evidence?: readonly string[];
}

export const MAX_EVIDENCE = 20;

/**
 * Checks a task as it would be stored (new, or the result of an edit): `previous` is the stored status
 * when editing. Returns one error per faulty field, in Vietnamese.
 */
export function checkTask(task: TaskDraft, today: string, previous?: TaskStatus): FieldError[] {
  const errors: FieldError[] = [];
  if (!task.measure?.trim()) errors.push({ field: 'measure', code: 'required', message: 'Nhập nội dung biện pháp (nhiệm vụ) của kế hoạch củng cố' });
  if (task.ownerMemberId == null && task.ownerUnitId == null) {
    errors.push({ field: 'owner', code: 'required', message: 'Nhiệm vụ phải có người hoặc đơn vị chịu trách nhiệm thực hiện' });
  }
  if (!task.deadline) errors.push({ field: 'deadline', code: 'required', message: 'Nhiệm vụ phải có thời hạn hoàn thành' });
  else if (!isIsoDate(task.deadline)) errors.push({ field: 'deadline', code: 'invalid_date', message: `Thời hạn "${task.deadline}" không phải ngày hợp lệ (YYYY-MM-DD)` });
  const status = (task.status ?? 'not_started') as TaskStatus;
  if (!(TASK_STATUSES as readonly string[]).includes(status)) {
    errors.push({ field: 'status', code: 'invalid', message: `Trạng thái không hợp lệ: ${String(task.status)}` });
  } else if (previous && !canMoveTask(previous, status)) {
    errors.push({ field: 'status', code: 'transition', message: `Không thể chuyển nhiệm vụ từ "${TASK_STATUS_LABELS[previous].vi}" sang "${TASK_STATUS_LABELS[status].vi}"` });
  } else if (status === 'done') {
    if (!task.doneOn) errors.push({ field: 'doneOn', code: 'required', message: 'Nhập ngày hoàn thành' });
    else if (!isIsoDate(task.doneOn)) errors.push({ field: 'doneOn', code: 'invalid_date', message: `Ngày hoàn thành "${task.doneOn}" không hợp lệ` });
    else if (task.doneOn > today) errors.push({ field: 'doneOn', code: 'future', message: `Ngày hoàn thành ${formatVietnameseDate(task.doneOn)} chưa đến` });
  }
  const evidence = task.evidence ?? [];
  if (evidence.length > MAX_EVIDENCE) errors.push({ field: 'evidence', code: 'too_many', message: `Tối đa ${MAX_EVIDENCE} minh chứng` });
  evidence.forEach((e, i) => {
    if (!e.trim()) errors.push({ field: `evidence.${i}`, code: 'required', message: `Minh chứng thứ ${i + 1} để trống` });
  });
  return errors;
}

/** Days overdue on `today` (0 when not overdue): an open task past its deadline. */
export function daysOverdue(task: { status: TaskStatus; deadline: string }, today: string): number {
  return isOpenTask(task.status) && task.deadline < today ? daysBetween(task.deadline, today) : 0;
}

/** A plan is "đã củng cố xong" only when none of its tasks is still open. */
export function checkPlanResult(result: PlanResult, tasks: ReadonlyArray<{ ordinal: number; status: TaskStatus }>): FieldError[] {
  if (result !== 'consolidated') return [];
  const open = tasks.filter((t) => isOpenTask(t.status)).map((t) => t.ordinal);
  return open.length
    ? [{ field: 'result', code: 'open_tasks', message: `Chưa thể kết luận "Đã củng cố xong": còn nhiệm vụ số ${open.join(', ')} chưa hoàn thành (hoàn thành hoặc hủy bỏ trước)` }]
    : [];
}
