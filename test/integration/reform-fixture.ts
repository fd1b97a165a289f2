// A tiny province for the reform import: the shared fixture (Bến Tre 83 with Châu Thành 831 and Ba Tri 836)
// grown to the Châu Thành and Ba Tri communes of mapping_2025.csv that merge into Tiên Thuỷ and An Hiệp,
// one commune that stays whole, a district agency and a province agency, each with members.
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { MemberRepository } from '../../src/db/repos/members.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { seedFixture, type Fixture } from './fixtures.ts';

export async function seedReformFixture(handle: DatabaseHandle): Promise<Fixture> {
  const f = await seedFixture(handle);
  const system = await systemActor(handle.db);
  const units = new UnitRepository(handle.db, system);
  const members = new MemberRepository(handle.db, system);
  const add = async (code: string, name: string, kind: string, parent: string) => {
    f.units[code] = (await units.create({ code, name, kind, parentId: f.units[parent]!, effectiveDate: '2010-01-01' })).id;
  };
  await add('28843', 'Đảng bộ xã Quới Thành', 'grassroots_committee', '831');
  await add('28843.01', 'Chi bộ ấp Quới Thạnh', 'cell', '28843');
  await add('28840', 'Đảng bộ xã Tân Phú', 'grassroots_committee', '831');
  await add('28840.01', 'Chi bộ ấp Tân Quy', 'cell', '28840');
  await add('29155', 'Đảng bộ xã Tân Hưng', 'grassroots_committee', '836');
  await add('29155.01', 'Chi bộ ấp Tân Hưng', 'cell', '29155');
  await add('29158', 'Đảng bộ xã An Ngãi Tây', 'grassroots_committee', '836');
  await add('29158.01', 'Chi bộ ấp An Ngãi Tây', 'cell', '29158');
  await add('831.01', 'Chi bộ Văn phòng Huyện ủy', 'grassroots_cell', '831');
  await add('83.01', 'Chi bộ Sở Ngoại vụ', 'grassroots_cell', '83');
  const people: Array<[string, 'male' | 'female', string, string]> = [
    ['Huỳnh Văn Quới', 'male', '1972-02-02', '28843.01'],
    ['Ngô Thị Lan', 'female', '1988-03-03', '28843.01'],
    ['Trương Văn Phú', 'male', '1975-04-04', '28840.01'],
    ['Lâm Thị Hưng', 'female', '1979-05-05', '29155.01'],
    ['Châu Văn Tây', 'male', '1969-06-06', '29158.01'],
    ['Tô Thị Văn', 'female', '1983-07-07', '831.01'],
    ['Mai Văn Ngoại', 'male', '1977-08-08', '83.01'],
  ];
  let n = 100;
  for (const [fullName, sex, birthDate, cell] of people) {
    const m = await members.create({
      fullName, sex, birthDate, citizenId: `083${sex === 'female' ? 1 : 0}${birthDate.slice(2, 4)}${String(n++).padStart(6, '0')}`, birthProvinceCode: '83', unitId: f.units[cell]!, status: 'official',
      admissionDate: '2012-05-19', officialDate: '2013-05-19', politicalTheory: 'so_cap',
    });
    f.members[fullName] = m.id;
  }
  return f;
}

export const REFORM_HEADER = 'old_unit_code,old_unit_name,old_district_code,old_province_code,new_unit_code,new_unit_name,new_province_code';

/** The fixture's part of mapping_2025.csv (with Tân Phú also split, to exercise the split rule). */
export const REFORM_ROWS = [
  '28834,Thành Triệu,831,83,28861,Tiên Thuỷ,86',
  '28840,Tân Phú,831,83,28840,Tân Phú,86',
  '28840,Tân Phú,831,83,28861,Tiên Thuỷ,86',
  '28843,Quới Thành,831,83,28861,Tiên Thuỷ,86',
  '28861,Tiên Thủy,831,83,28861,Tiên Thuỷ,86',
  '29155,Tân Hưng,836,83,29158,An Hiệp,86',
  '29158,An Ngãi Tây,836,83,29158,An Hiệp,86',
  '29161,An Hiệp,836,83,29158,An Hiệp,86',
];

export const reformCsv = (rows: string[] = REFORM_ROWS, header = REFORM_HEADER) => [header, ...rows].join('\n') + '\n';
