import { describe, expect, it } from 'vitest';
import { planTaskState, unitFollowUpState } from './follow-up.ts';

const base = { planAdoptedOn: '2016-05-20', planDueDate: '2016-06-15', tasks: 3, reportedTasks: 3, lastReportOn: '2017-04-08', reportDueDate: '2017-04-10', asOf: '2017-05-05' };

describe('plan task state', () => {
  it('is overdue from the day after the deadline unless done', () => {
    expect(planTaskState('in_progress', '2017-05-05', '2017-05-05')).toBe('in_progress');
    expect(planTaskState('in_progress', '2017-05-05', '2017-05-06')).toBe('overdue');
    expect(planTaskState('not_started', '2017-01-01', '2017-05-06')).toBe('overdue');
    expect(planTaskState('done', '2017-01-01', '2017-05-06')).toBe('done');
    expect(planTaskState('not_started', null, '2030-01-01')).toBe('not_started');
  });
});

describe('a unit on the follow-up of a document', () => {
  it('is up to date with its plan and every task reported by the due date', () => {
    expect(unitFollowUpState(base)).toEqual({ plan: 'adopted', report: 'reported', late: false });
  });
  it('adopted on the due date is on time; the day after is late adoption, not late now', () => {
    expect(unitFollowUpState({ ...base, planAdoptedOn: '2016-06-15' }).plan).toBe('adopted');
    expect(unitFollowUpState({ ...base, planAdoptedOn: '2016-06-16' })).toMatchObject({ plan: 'adopted_late', late: false });
  });
  it('without a plan: pending until the plan due date, late after it', () => {
    expect(unitFollowUpState({ ...base, planAdoptedOn: null, asOf: '2016-06-15', reportDueDate: '2016-07-10' })).toEqual({ plan: 'pending', report: 'no_plan', late: false });
    expect(unitFollowUpState({ ...base, planAdoptedOn: null, asOf: '2016-06-16', reportDueDate: '2016-07-10' })).toEqual({ plan: 'late', report: 'no_plan', late: true });
    expect(unitFollowUpState({ ...base, planAdoptedOn: null, planDueDate: null, asOf: '2016-06-16', reportDueDate: '2016-07-10' }).late).toBe(false);
    expect(unitFollowUpState({ ...base, planAdoptedOn: null, planDueDate: null }).late).toBe(true);
  });
  it('reports: partial or pending before the due date, late after it; all submitted after it is reported late', () => {
    expect(unitFollowUpState({ ...base, reportedTasks: 1, asOf: '2017-04-10' }).report).toBe('partial');
    expect(unitFollowUpState({ ...base, reportedTasks: 0, asOf: '2017-04-10' }).report).toBe('pending');
    expect(unitFollowUpState({ ...base, reportedTasks: 2, asOf: '2017-04-11' })).toMatchObject({ report: 'late', late: true });
    expect(unitFollowUpState({ ...base, lastReportOn: '2017-04-11' })).toMatchObject({ report: 'reported_late', late: false });
    expect(unitFollowUpState({ ...base, lastReportOn: '2017-04-10' }).report).toBe('reported');
  });
  it('a plan with no tasks cannot count as reported', () => {
    expect(unitFollowUpState({ ...base, tasks: 0, reportedTasks: 0 }).report).toBe('late');
  });
});
