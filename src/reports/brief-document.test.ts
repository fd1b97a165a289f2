import { describe, expect, it } from 'vitest';
import { percent, placeOf } from './brief-document.ts';
import { briefYear, checkBriefOptions } from './brief.ts';
import { committeeName, issuingBodyName } from '../domain/visits/index.ts';
import { ValidationError } from '../domain/errors.ts';

describe('the brief\'s year', () => {
  it('is the last year ended by the brief\'s day: a visit in May 2017 reviews 2016, one on 31/12 its own year', () => {
    expect(briefYear('2017-05-05')).toBe(2016);
    expect(briefYear('2017-01-01')).toBe(2016);
    expect(briefYear('2016-12-30')).toBe(2015);
    expect(briefYear('2016-12-31')).toBe(2016);
  });
});

describe('the brief\'s options', () => {
  const fields = (f: () => void) => {
    try { f(); } catch (e) { return (e as ValidationError).fields.map((x) => x.field); }
    return [];
  };
  it('name the field that is wrong', () => {
    expect(fields(() => checkBriefOptions({ asOf: '2017-05-05', since: '2016-01-01' }))).toEqual([]);
    expect(fields(() => checkBriefOptions({ asOf: '2017-05-05', since: '2017-05-05' }))).toEqual([]);
    expect(fields(() => checkBriefOptions({ asOf: '2017-05-05', since: '2017-05-06' }))).toEqual(['since']);
    expect(fields(() => checkBriefOptions({ asOf: '2017-02-30', since: '2016-01-01' }))).toEqual(['asOf']);
    expect(fields(() => checkBriefOptions({ asOf: '2017-05-05', since: '2016-01-01', year: 2013 }))).toEqual(['year']);
  });
});

describe('the brief\'s wording', () => {
  it('writes shares the Vietnamese way, one decimal, a dash when there is nothing to divide by', () => {
    expect(percent(4021, 4469)).toBe('90%');
    expect(percent(62, 350)).toBe('17,7%');
    expect(percent(1, 3)).toBe('33,3%');
    expect(percent(0, 0)).toBe('—');
  });
  it('dates a document at the place of the unit', () => {
    expect(placeOf('Đảng bộ huyện Châu Thành')).toBe('Châu Thành');
    expect(placeOf('Đảng bộ xã Tiên Thủy')).toBe('Tiên Thủy');
    expect(placeOf('Đảng bộ tỉnh Bến Tre')).toBe('Bến Tre');
    expect(placeOf('Đảng bộ thành phố Bến Tre')).toBe('Bến Tre');
    expect(placeOf('Chi bộ ấp 8')).toBe('8');
  });
  it('names the committee that leads a party organization, and in capitals on the header', () => {
    expect(committeeName('Đảng bộ tỉnh Bến Tre', 'province_committee')).toBe('Tỉnh ủy Bến Tre');
    expect(committeeName('Đảng bộ huyện Châu Thành', 'district_committee')).toBe('Huyện ủy Châu Thành');
    expect(committeeName('Đảng bộ xã Tiên Thủy', 'grassroots_committee')).toBe('Đảng ủy xã Tiên Thủy');
    expect(committeeName('Chi bộ ấp 8', 'cell')).toBe('Chi bộ ấp 8');
    expect(issuingBodyName('Đảng bộ huyện Châu Thành', 'district_committee')).toBe('HUYỆN ỦY CHÂU THÀNH');
  });
});
