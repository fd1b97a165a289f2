import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from './events.ts';
import { replay } from './replay.ts';

const life: LifecycleEvent[] = [
  { id: 'a', kind: 'admission', date: '2017-05-12', decisionDate: '2017-05-03', unitId: 1 },
  { id: 'r', kind: 'recognition', date: '2018-05-12', decisionDate: '2018-07-02' },
  { id: 't', kind: 'transfer_out_temporary', date: '2019-01-10', hostUnitId: 5 },
  { id: 'o', kind: 'transfer_out_official', date: '2020-03-02', toUnitId: 2 },
  { id: 'i', kind: 'transfer_in', date: '2020-03-20', unitId: 2 },
  { id: 'd', kind: 'discipline', date: '2021-01-05', form: 'reprimand' },
  { id: 'e', kind: 'exemption_start', date: '2023-06-01' },
];

describe('replay', () => {
  it('folds a life into contiguous periods', () => {
    const r = replay(life);
    expect(r.issues).toEqual([]);
    expect(r.periods).toEqual([
      { validFrom: '2017-05-12', validTo: '2018-05-12', status: 'probationary', unitId: 1, grade: 'probationary' },
      { validFrom: '2018-05-12', validTo: '2020-03-02', status: 'official', unitId: 1, grade: 'official' },
      { validFrom: '2020-03-02', validTo: '2020-03-20', status: 'transferring', unitId: 1, grade: 'official' },
      { validFrom: '2020-03-20', validTo: '2023-06-01', status: 'official', unitId: 2, grade: 'official' },
      { validFrom: '2023-06-01', validTo: null, status: 'exempt', unitId: 2, grade: 'official' },
    ]);
    expect(r.state).toEqual({ status: 'exempt', grade: 'official', unitId: 2 });
    expect(r.spells).toEqual([{ admissionDate: '2017-05-12', decisionDate: '2017-05-03', officialDate: '2018-05-12', exitDate: null, exitStatus: null }]);
  });
  it('drops voided events', () => {
    const r = replay([...life.slice(0, 5), { id: 'x', kind: 'removal', date: '2021-02-01', reason: 'abandoned_activities' }, { id: 'v', kind: 'void', date: '2021-03-01', voids: 'x' }]);
    expect(r.issues).toEqual([]);
    expect(r.voided).toEqual(['x']);
    expect(r.periods.at(-1)).toEqual({ validFrom: '2020-03-20', validTo: null, status: 'official', unitId: 2, grade: 'official' });
  });
  it('voiding the admission leaves the later events refused', () => {
    const r = replay([life[0]!, life[1]!, { id: 'v', kind: 'void', date: '2018-06-01', voids: 'a' }]);
    expect(r.periods).toEqual([]);
    expect(r.issues.map((i) => [i.eventId, i.ruleId])).toEqual([['r', 'transition.allowed']]);
  });
  it('amends a period on same-day changes (moved within the committee on one day)', () => {
    const r = replay([
      life[0]!,
      { id: 'o', kind: 'transfer_out_official', date: '2017-09-01' },
      { id: 'i', kind: 'transfer_in', date: '2017-09-01', unitId: 3 },
    ]);
    expect(r.periods).toEqual([
      { validFrom: '2017-05-12', validTo: '2017-09-01', status: 'probationary', unitId: 1, grade: 'probationary' },
      { validFrom: '2017-09-01', validTo: null, status: 'probationary', unitId: 3, grade: 'probationary' },
    ]);
    const back = replay([
      life[0]!,
      { id: 'o', kind: 'transfer_out_official', date: '2017-09-01' },
      { id: 'i', kind: 'transfer_in', date: '2017-09-01', unitId: 1 },
    ]);
    expect(back.periods).toEqual([{ validFrom: '2017-05-12', validTo: null, status: 'probationary', unitId: 1, grade: 'probationary' }]);
  });
  it('reports refused events, bad voids, duplicates and disorder', () => {
    const r = replay([
      life[0]!,
      { id: 'x', kind: 'expulsion', date: '2017-06-01' },
      { id: 'v1', kind: 'void', date: '2017-06-02', voids: 'nope' },
      { id: 'v2', kind: 'void', date: '2017-06-03', voids: 'v1' },
      { id: 'x', kind: 'death', date: '2017-06-04' },
      { id: 'z', kind: 'discipline', date: '2017-01-01', form: 'warning' },
    ]);
    const ids = r.issues.map((i) => i.ruleId);
    expect(ids).toContain('discipline.probationary_forms');
    expect(ids).toContain('replay.void_target');
    expect(ids).toContain('replay.duplicate_id');
    expect(ids).toContain('replay.order');
  });
  it('records exits and readmissions as spells, with the time out as a period', () => {
    const r = replay([
      ...life.slice(0, 2),
      { id: 'x', kind: 'removal', date: '2019-03-01', reason: 'abandoned_activities' },
      { id: 'b', kind: 'admission', date: '2022-06-01', decisionDate: '2022-05-20', unitId: 4 },
    ]);
    expect(r.periods.map((p) => [p.validFrom, p.status, p.unitId])).toEqual([
      ['2017-05-12', 'probationary', 1],
      ['2018-05-12', 'official', 1],
      ['2019-03-01', 'removed', 1],
      ['2022-06-01', 'probationary', 4],
    ]);
    expect(r.spells).toHaveLength(2);
    expect(r.spells[0]!.exitDate).toBe('2019-03-01');
    expect(r.spells[1]!.officialDate).toBeNull();
  });
  it('starts from an initial state for members entered with a status', () => {
    const r = replay([{ id: 'o', kind: 'transfer_out_official', date: '2020-01-10' }], {
      initial: { date: '2010-02-01', state: { status: 'official', grade: 'official', unitId: 8 }, admissionDecisionDate: '1990-01-15' },
    });
    expect(r.issues).toEqual([]);
    expect(r.periods).toEqual([
      { validFrom: '2010-02-01', validTo: '2020-01-10', status: 'official', unitId: 8, grade: 'official' },
      { validFrom: '2020-01-10', validTo: null, status: 'transferring', unitId: 8, grade: 'official' },
    ]);
    const early = replay([{ id: 'o', kind: 'transfer_out_official', date: '2009-01-10' }], { initial: { date: '2010-02-01', state: { status: 'official', grade: 'official', unitId: 8 } } });
    expect(early.issues.map((i) => i.ruleId)).toEqual(['replay.before_start']);
  });
});
