import { describe, expect, it } from 'vitest';
import { mayApply, parseMapping, placeName, planReform, provinceUnitName, readCsv, type ReformUnit } from './reform-mapping.ts';
import { unitType2025 } from './dvhc-2025.ts';

const HEADER = 'old_unit_code,old_unit_name,old_district_code,old_province_code,new_unit_code,new_unit_name,new_province_code';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('readCsv', () => {
  it('keeps quoted commas and newlines and counts lines from where a record starts', () => {
    expect(readCsv('a,b\r\n"x, y","1\n2"\nz,w\n')).toEqual([
      { line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x, y', '1\n2'] }, { line: 4, fields: ['z', 'w'] },
    ]);
  });
});

describe('parseMapping', () => {
  it('reads the rows of mapping_2025.csv', () => {
    const p = parseMapping(csv('28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86'));
    expect(p.problems).toEqual([]);
    expect(p.rows[0]).toMatchObject({ line: 2, oldUnitCode: '28861', newUnitName: 'Tiên Thuỷ', newProvinceCode: '86' });
  });
  it('names a missing column on line 1, and a semicolon file', () => {
    expect(parseMapping('old_unit_code,old_unit_name\n1,2').problems[0]).toMatchObject({ line: 1, code: 'missing_column' });
    expect(parseMapping(HEADER.replaceAll(',', ';')).problems[0]!.message).toContain('chấm phẩy');
  });
  it('reports duplicates, contradictions and formats by line', () => {
    const p = parseMapping(csv(
      '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86',
      '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86',
      '28861,Tiên Long,831,83,28840,Tân Phú,86',
      '28834,Thành Triệu,831,83,28861,Tiên Long,86',
      '28843,Quới Thành,831,83,2886,Tiên Thuỷ,86',
      '29999,Xa Lạ,900,90,29999,Xa Lạ,99',
      '28852,Tiên Long,831',
    ));
    expect(p.problems.map((x) => [x.line, x.code])).toEqual([[3, 'duplicate_row'], [4, 'conflict'], [5, 'conflict'], [6, 'format'], [7, 'unknown_province'], [8, 'column_count']]);
    expect(p.rows.map((r) => r.line)).toEqual([2]);
  });
  it('treats names that differ only by tone placement as the same', () => {
    expect(parseMapping(csv('28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86', '28834,Thành Triệu,831,83,28861,Tiên Thủy,86')).problems).toEqual([]);
  });
});

describe('planReform', () => {
  let id = 0;
  const u = (code: string, name: string, kind: string, parentId: number | null, members = 0): ReformUnit => ({ id: ++id, code, name, kind, parentId, members });
  const tw = u('TW', 'Trung ương', 'central', null);
  const bt = u('83', 'Đảng bộ tỉnh Bến Tre', 'province_committee', tw.id);
  const ct = u('831', 'Đảng bộ huyện Châu Thành', 'district_committee', bt.id);
  const units = [tw, bt, ct,
    u('28861', 'Đảng bộ thị trấn Tiên Thủy', 'grassroots_committee', ct.id, 10), u('28834', 'Đảng bộ xã Thành Triệu', 'grassroots_committee', ct.id, 5),
    u('28840', 'Đảng bộ xã Tân Phú', 'grassroots_committee', ct.id, 7), u('28810', 'Đảng bộ xã An Khánh', 'grassroots_committee', ct.id, 3),
    u('28822', 'Đảng bộ xã Phú Đức', 'grassroots_committee', ct.id, 2),
  ];

  it('merges, moves, dissolves the district and merges the province, in an order the dates allow', () => {
    const plan = planReform(parseMapping(csv(
      '28834,Thành Triệu,831,83,28861,Tiên Thuỷ,86', '28840,Tân Phú,831,83,28840,Tân Phú,86', '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86',
      '28822,Phú Đức,831,83,28840,Tân Phú,86',
      '29000,Xa Lạ,900,90,29000,Xa Lạ,86',
    )), units);
    expect(plan.steps.map((s) => s.kind)).toEqual(['create_province', 'merge_units', 'merge_units', 'dissolve_district', 'merge_province']);
    expect(plan.steps[0]).toMatchObject({ code: '86', name: 'Đảng bộ tỉnh Vĩnh Long', parentId: tw.id });
    expect(plan.steps[1]).toMatchObject({ code: '28861', name: 'Đảng bộ xã Tiên Thuỷ', parent: { step: 0 } });
    // An Khánh is not in the file: it goes to the province as it is, and is said so.
    expect(plan.steps[3]).toMatchObject({ kind: 'dissolve_district', carried: [{ code: '28810' }] });
    expect(plan.problems).toEqual([expect.objectContaining({ code: 'not_in_file', severity: 'warning' })]);
    expect(plan.skippedProvinces).toEqual([{ code: '90', rows: 1 }]);
    expect(plan.summary).toMatchObject({ sourceUnits: 4, newUnits: 2, members: 24 });
    expect(mayApply(plan, false)).toBe(true);
  });

  it('reports a reused code with another name, and never guesses', () => {
    const plan = planReform(parseMapping(csv('28810,Châu Thành,831,83,28810,Phú Túc,86')), units);
    expect(plan.problems[0]).toMatchObject({ line: 2, code: 'name_mismatch' });
    expect(plan.steps.some((s) => s.kind === 'merge_units' || s.kind === 'move_unit')).toBe(false);
    expect(mayApply(plan, false)).toBe(false);
    expect(mayApply(plan, true)).toBe(true);
  });

  it('sends a split commune whole to the new unit of its first row', () => {
    const plan = planReform(parseMapping(csv('28840,Tân Phú,831,83,28840,Tân Phú,86', '28840,Tân Phú,831,83,28861,Tiên Thuỷ,86', '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86')), units);
    const move = plan.steps.find((s) => s.kind === 'move_unit' && s.unit.code === '28840');
    expect(move).toMatchObject({ rename: null, lines: [2, 3] });
    // Tiên Thủy alone: moved and renamed for its new type; Tiên Thuỷ = Tiên Thủy.
    expect(plan.steps.find((s) => s.kind === 'move_unit' && s.unit.code === '28861')).toMatchObject({ rename: { name: 'Đảng bộ xã Tiên Thuỷ' } });
    expect(plan.problems.find((p) => p.code === 'split')).toMatchObject({ line: 2, severity: 'warning' });
  });

  it('hands a code on only after its holder has ended', () => {
    // New 28840 takes Tân Phú's code, but Tân Phú goes into Tiên Thuỷ: that merge must come first.
    const plan = planReform(parseMapping(csv('28822,Phú Đức,831,83,28840,Phú Đức,86', '28834,Thành Triệu,831,83,28840,Phú Đức,86', '28840,Tân Phú,831,83,28861,Tiên Thuỷ,86', '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86')), units);
    expect(plan.steps.filter((s) => s.kind === 'merge_units').map((s) => s.code)).toEqual(['28861', '28840']);
    const taken = planReform(parseMapping(csv('28822,Phú Đức,831,83,28840,Phú Đức,86', '28834,Thành Triệu,831,83,28840,Phú Đức,86')), units);
    expect(taken.problems.filter((p) => p.code === 'code_taken').map((p) => p.line)).toEqual([2, 3]);
  });
});

describe('names and types of the 2025 map', () => {
  it('strips the committee prefix and names the new units', () => {
    expect(placeName('Đảng bộ thị trấn Tiên Thủy')).toBe('Tiên Thủy');
    expect(placeName('Đảng bộ phường 1')).toBe('1');
    expect(provinceUnitName('79')).toBe('Đảng bộ thành phố Hồ Chí Minh');
    expect(unitType2025('28783')).toBe('phường');
    expect(unitType2025('28861')).toBe('xã');
    expect(unitType2025('26732')).toBe('đặc khu');
  });
});
