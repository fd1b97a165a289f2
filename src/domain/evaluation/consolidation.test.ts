import { describe, expect, it } from 'vitest';
import { canMoveTask, checkPlanResult, checkTask, daysOverdue, TASK_STATUSES } from './consolidation.ts';

const today = '2017-05-05';
const ok = { measure: 'Đổi mới sinh hoạt chi bộ', ownerUnitId: 7, deadline: '2017-06-30', status: 'not_started', evidence: [] };
const fields = (draft: object, previous?: Parameters<typeof checkTask>[2]) => checkTask({ ...ok, ...draft }, today, previous).map((e) => `${e.field}:${e.code}`);

describe('consolidation tasks', () => {
  it('needs a measure, an owner (member or unit) and a real deadline', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ ownerUnitId: null, ownerMemberId: 3 })).toEqual([]);
    expect(fields({ ownerUnitId: null })).toEqual(['owner:required']);
    expect(fields({ deadline: null })).toEqual(['deadline:required']);
    expect(fields({ deadline: '2017-02-29' })).toEqual(['deadline:invalid_date']);
    expect(fields({ measure: '   ' })).toEqual(['measure:required']);
    expect(fields({ status: 'paused' })).toEqual(['status:invalid']);
    expect(fields({ evidence: ['Biên bản', ' '] })).toEqual(['evidence.1:required']);
  });

  it('moves between statuses only as allowed; a done task has a done day not after today', () => {
    expect(TASK_STATUSES.filter((s) => canMoveTask('not_started', s))).toEqual(['not_started', 'in_progress', 'done', 'cancelled']);
    expect(TASK_STATUSES.filter((s) => canMoveTask('done', s))).toEqual(['in_progress', 'done']);
    expect(TASK_STATUSES.filter((s) => canMoveTask('cancelled', s))).toEqual(['cancelled']);
    expect(fields({ status: 'not_started' }, 'in_progress')).toEqual(['status:transition']);
    expect(fields({ status: 'done', doneOn: today }, 'in_progress')).toEqual([]);
    expect(fields({ status: 'done', doneOn: '2017-05-06' })).toEqual(['doneOn:future']);
    expect(fields({ status: 'done', doneOn: null })).toEqual(['doneOn:required']);
  });

  it('is overdue from the day after its deadline while open', () => {
    expect(daysOverdue({ status: 'in_progress', deadline: today }, today)).toBe(0);
    expect(daysOverdue({ status: 'in_progress', deadline: '2017-05-04' }, today)).toBe(1);
    expect(daysOverdue({ status: 'done', deadline: '2017-01-01' }, today)).toBe(0);
    expect(daysOverdue({ status: 'cancelled', deadline: '2017-01-01' }, today)).toBe(0);
  });

  it('keeps a plan from "consolidated" while a task is open', () => {
    const tasks = [{ ordinal: 1, status: 'done' as const }, { ordinal: 2, status: 'in_progress' as const }, { ordinal: 3, status: 'cancelled' as const }];
    expect(checkPlanResult('consolidated', tasks).map((e) => e.message)).toEqual(['Chưa thể kết luận "Đã củng cố xong": còn nhiệm vụ số 2 chưa hoàn thành (hoàn thành hoặc hủy bỏ trước)']);
    expect(checkPlanResult('carried_over', tasks)).toEqual([]);
    expect(checkPlanResult('consolidated', tasks.filter((x) => x.ordinal !== 2))).toEqual([]);
  });
});
