import { describe, expect, it } from 'vitest';
import { isLate, parsePeriod, periodOrThrow, periodsBetween, reportDueDate } from './periods.ts';

describe('reporting periods', () => {
  it('reads quarters, halves and years with their first and last days', () => {
    expect(periodOrThrow('2017-Q1')).toEqual({ code: '2017-Q1', kind: 'quarter', year: 2017, start: '2017-01-01', end: '2017-03-31' });
    expect(periodOrThrow('2016-q4').end).toBe('2016-12-31');
    expect(periodOrThrow('2016-H1')).toMatchObject({ kind: 'half', start: '2016-01-01', end: '2016-06-30' });
    expect(periodOrThrow('2016-H2').start).toBe('2016-07-01');
    expect(periodOrThrow('2016')).toMatchObject({ kind: 'year', start: '2016-01-01', end: '2016-12-31' });
  });
  it('refuses other shapes with a message naming the form', () => {
    for (const bad of ['2017-Q5', '2017-H3', '17-Q1', '2017Q1', '', '1900']) expect(parsePeriod(bad).ok, bad).toBe(false);
    expect(() => periodOrThrow('2017-Q5')).toThrow(/2017-Q1 \(quý\)/);
  });
  it('is due a number of days after the end, late from the day after', () => {
    const q1 = periodOrThrow('2017-Q1');
    expect(reportDueDate(q1)).toBe('2017-04-10');
    expect(reportDueDate(q1, 0)).toBe('2017-03-31');
    expect(reportDueDate(periodOrThrow('2016'), 15)).toBe('2017-01-15');
    expect(isLate('2017-04-10', '2017-04-10')).toBe(false);
    expect(isLate('2017-04-10', '2017-04-11')).toBe(true);
  });
  it('lists the periods that overlap a window', () => {
    expect(periodsBetween('2016-05-01', '2017-03-31', 'quarter').map((p) => p.code)).toEqual(['2016-Q2', '2016-Q3', '2016-Q4', '2017-Q1']);
    expect(periodsBetween('2016-01-01', '2017-05-05', 'year').map((p) => p.code)).toEqual(['2016', '2017']);
    expect(periodsBetween('2017-01-01', '2016-01-01', 'half')).toEqual([]);
  });
});
