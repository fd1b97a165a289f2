import { describe, expect, it } from 'vitest';
import { canMoveDirective, isDirectiveOverdue, validateDirective, validateDirectiveChange, validateNotice, validateVisit } from './rules.ts';

const visit = { title: 'Đoàn công tác của Tỉnh ủy', kind: 'working_visit', startsOn: '2017-05-05', endsOn: '2017-05-05', delegates: [], units: [] };
const notice = { number: '15-TB/TU', issuedOn: '2017-05-12', signerName: 'Phan Văn Mãi', signerTitle: 'PHÓ BÍ THƯ', place: 'Bến Tre', body: 'Kết luận' };

describe('working visits', () => {
  it('wants exactly one leader in a delegation', () => {
    const d = (role: string) => ({ fullName: 'Nguyễn Văn A', title: 'Phó Vụ trưởng', homeBody: 'Vụ Địa phương III, Ban Tổ chức Trung ương', role });
    expect(validateVisit({ ...visit, delegates: [d('leader'), d('member')] })).toEqual([]);
    expect(validateVisit({ ...visit, delegates: [d('member')] }).map((e) => e.field)).toEqual(['delegates']);
    expect(validateVisit({ ...visit, delegates: [d('leader'), d('leader')] }).map((e) => e.code)).toEqual(['leader']);
  });

  it('keeps each unit visit inside the visit dates, and the end not before the start', () => {
    expect(validateVisit({ ...visit, units: [{ unitId: 1, visitedOn: '2017-05-05' }] })).toEqual([]);
    expect(validateVisit({ ...visit, units: [{ unitId: 1, visitedOn: '2017-05-06' }] }).map((e) => e.field)).toEqual(['units.0.visitedOn']);
    expect(validateVisit({ ...visit, units: [{ unitId: 1, visitedOn: '2017-05-05' }, { unitId: 1, visitedOn: '2017-05-05' }] }).map((e) => e.code)).toEqual(['duplicate']);
    expect(validateVisit({ ...visit, endsOn: '2017-05-04' }).map((e) => e.field)).toEqual(['endsOn']);
  });
});

describe('directives', () => {
  it('needs a responsible unit and a deadline from the visit day on (the day itself allowed)', () => {
    expect(validateDirective({ text: 'Củng cố chi bộ', responsibleUnitId: 5, deadline: '2017-05-05' }, '2017-05-05')).toEqual([]);
    expect(validateDirective({ text: 'Củng cố chi bộ', responsibleUnitId: 5, deadline: null }, '2017-05-05')).toEqual([]);
    const e = validateDirective({ text: 'Củng cố chi bộ', responsibleUnitId: null, deadline: '2017-05-04' }, '2017-05-05', 'directives.1', 'Ý kiến 2');
    expect(e.map((x) => x.field)).toEqual(['directives.1.responsibleUnitId', 'directives.1.deadline']);
    expect(e[1]!.message).toContain('04/05/2017');
    expect(validateDirective({ text: '  ', responsibleUnitId: 5 }, '2017-05-05').map((x) => x.field)).toEqual(['directive.text']);
  });

  it('closes a directive only with evidence and a done day between the visit and today', () => {
    const base = { from: 'in_progress' as const, to: 'done' as const, visitStartsOn: '2017-05-05', today: '2017-12-01' };
    expect(validateDirectiveChange({ ...base, doneOn: '2017-12-01', evidence: ['Báo cáo 20-BC/ĐU'] })).toEqual([]);
    expect(validateDirectiveChange({ ...base, doneOn: '2017-12-01', evidence: [' '] }).map((e) => e.field)).toEqual(['evidence']);
    expect(validateDirectiveChange({ ...base, doneOn: '2017-12-02', evidence: ['x'] }).map((e) => e.code)).toEqual(['future_date']);
    expect(validateDirectiveChange({ ...base, doneOn: '2017-05-04', evidence: ['x'] }).map((e) => e.code)).toEqual(['before_visit']);
    expect(validateDirectiveChange({ ...base, doneOn: null, evidence: ['x'] }).map((e) => e.field)).toEqual(['doneOn']);
  });

  it('moves forward, reopens a done directive, never revives a cancelled one', () => {
    expect(canMoveDirective('open', 'done')).toBe(true);
    expect(canMoveDirective('done', 'in_progress')).toBe(true);
    expect(canMoveDirective('in_progress', 'open')).toBe(false);
    expect(canMoveDirective('cancelled', 'in_progress')).toBe(false);
    expect(validateDirectiveChange({ from: 'cancelled', to: 'in_progress', evidence: [], visitStartsOn: '2017-05-05', today: '2017-06-01' }).map((e) => e.code)).toEqual(['transition']);
  });

  it('is overdue from the day after its deadline, unless done, cancelled or standing', () => {
    expect(isDirectiveOverdue('open', '2017-06-30', '2017-06-30')).toBe(false);
    expect(isDirectiveOverdue('in_progress', '2017-06-30', '2017-07-01')).toBe(true);
    expect(isDirectiveOverdue('done', '2017-06-30', '2017-07-01')).toBe(false);
    expect(isDirectiveOverdue('cancelled', '2017-06-30', '2017-07-01')).toBe(false);
    expect(isDirectiveOverdue('open', null, '2030-01-01')).toBe(false);
  });
});

describe('conclusion notice', () => {
  it('takes a TB or KL number in the party form, dated from the visit\'s last day to today', () => {
    expect(validateNotice(notice, '2017-05-05', '2017-06-01').errors).toEqual([]);
    expect(validateNotice({ ...notice, number: '15-KL/TU' }, '2017-05-05', '2017-06-01').errors).toEqual([]);
    expect(validateNotice({ ...notice, number: '15-NQ/TU' }, '2017-05-05', '2017-06-01').errors.map((e) => e.code)).toEqual(['kind']);
    expect(validateNotice({ ...notice, number: '15/TB-TU' }, '2017-05-05', '2017-06-01').errors.map((e) => e.field)).toEqual(['notice.number']);
    expect(validateNotice({ ...notice, number: '15-tb/TU' }, '2017-05-05', '2017-06-01').errors[0]!.message).toContain('"TB"');
    expect(validateNotice({ ...notice, issuedOn: '2017-05-04' }, '2017-05-05', '2017-06-01').errors.map((e) => e.code)).toEqual(['before_visit']);
    expect(validateNotice({ ...notice, signerName: '' }, '2017-05-05', '2017-06-01').errors.map((e) => e.field)).toEqual(['notice.signerName']);
    expect(validateNotice(notice, '2017-05-05', '2017-06-01').number).toMatchObject({ ok: true, value: { seq: 15, kind: 'TB', issuer: 'TU' } });
  });
});

import { issuingBodyName, placeAndDate, signatureAuthority } from './notice-format.ts';

describe('notice format (Hướng dẫn 36-HD/VPTW)', () => {
  it('names the issuing committee as on its documents', () => {
    expect(issuingBodyName('Đảng bộ tỉnh Bến Tre', 'province_committee')).toBe('TỈNH ỦY BẾN TRE');
    expect(issuingBodyName('Đảng bộ huyện Châu Thành', 'district_committee')).toBe('HUYỆN ỦY CHÂU THÀNH');
    expect(issuingBodyName('Đảng bộ xã Tiên Thủy', 'grassroots_committee')).toBe('ĐẢNG ỦY XÃ TIÊN THỦY');
    expect(signatureAuthority('province_committee')).toBe('T/M BAN THƯỜNG VỤ');
    expect(signatureAuthority('grassroots_committee')).toBe('T/M ĐẢNG ỦY');
  });

  it('writes a leading zero for days below 10 and months 1 and 2 only', () => {
    expect(placeAndDate('Bến Tre', '2017-05-12')).toBe('Bến Tre, ngày 12 tháng 5 năm 2017');
    expect(placeAndDate('Bến Tre', '2018-02-05')).toBe('Bến Tre, ngày 05 tháng 02 năm 2018');
    expect(placeAndDate('Bến Tre', '2018-03-09')).toBe('Bến Tre, ngày 09 tháng 3 năm 2018');
  });
});
