import { describe, expect, it } from 'vitest';
import { checkCounselling, checkResignation } from './resignations.ts';

const ok = { fullName: 'Phạm Thị Hồng', agency: 'UBND xã Tiên Thủy', position: 'Công chức', level: 'commune', requestedOn: '2016-03-02', reason: 'income' };
const TODAY = '2017-05-05';

describe('resignation request checks', () => {
  it('accepts a complete request, with or without an outcome', () => {
    expect(checkResignation(ok, TODAY)).toEqual([]);
    expect(checkResignation({ ...ok, outcome: 'stayed', outcomeOn: '2016-03-02' }, TODAY)).toEqual([]);
  });
  it('refuses an outcome dated the day before the request, naming outcomeOn', () => {
    const e = checkResignation({ ...ok, outcome: 'resigned', outcomeOn: '2016-03-01' }, TODAY);
    expect(e).toEqual([expect.objectContaining({ field: 'outcomeOn', code: 'before_request' })]);
  });
  it('wants an outcome and its date together', () => {
    expect(checkResignation({ ...ok, outcome: 'moved' }, TODAY).map((f) => f.field)).toEqual(['outcomeOn']);
    expect(checkResignation({ ...ok, outcomeOn: '2016-04-01' }, TODAY).map((f) => f.field)).toEqual(['outcome']);
  });
  it('refuses dates after today and unknown kinds', () => {
    expect(checkResignation({ ...ok, requestedOn: '2017-05-06' }, TODAY).map((f) => f.code)).toEqual(['future_date']);
    expect(checkResignation({ ...ok, requestedOn: TODAY }, TODAY)).toEqual([]);
    expect(checkResignation({ ...ok, level: 'hamlet', reason: 'boredom', outcome: 'fired', outcomeOn: '2016-04-01' }, TODAY).map((f) => f.field)).toEqual(['level', 'reason', 'outcome']);
    expect(checkResignation({ ...ok, fullName: ' ', agency: '' }, TODAY).map((f) => f.field)).toEqual(['fullName', 'agency']);
  });
  it('places a counselling meeting between the request and today', () => {
    expect(checkCounselling({ metOn: '2016-03-02', metBy: 'Bí thư', outcomeNote: 'Ở lại' }, '2016-03-02', TODAY)).toEqual([]);
    expect(checkCounselling({ metOn: '2016-03-01', metBy: 'Bí thư', outcomeNote: 'Ở lại' }, '2016-03-02', TODAY).map((f) => f.code)).toEqual(['before_request']);
    expect(checkCounselling({ metOn: '2017-05-06', metBy: '', outcomeNote: '' }, '2016-03-02', TODAY).map((f) => f.field)).toEqual(['metOn', 'metBy', 'outcomeNote']);
  });
});
