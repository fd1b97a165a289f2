// A small province built through the application's own repositories: two districts, three communes,
// cells, members with names that exercise Vietnamese search, and one user per role.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { MemberRepository } from '../../src/db/repos/members.ts';
import { createUser, systemActor } from '../../src/db/repos/users.ts';
import type { Role } from '../../src/policies/index.ts';

export const PASSWORD = 'matkhau-thu-nghiem';

export interface Fixture {
  units: Record<string, number>;
  members: Record<string, number>;
}

export async function seedFixture(handle: DatabaseHandle): Promise<Fixture> {
  const db = handle.db;
  await sql`INSERT INTO unit (code, name, kind, parent_id, path, depth, established_on, name_search)
            VALUES ('TW', 'Ban Chấp hành Trung ương', 'central', NULL, '0', 0, '1930-02-03', 'ban chap hanh trung uong')`.execute(db);
  const root = await db.selectFrom('unit').select('id').where('code', '=', 'TW').executeTakeFirstOrThrow();
  await sql`UPDATE unit SET path = ${String(root.id)}::ltree WHERE id = ${root.id}`.execute(db);
  await sql`INSERT INTO unit_version (unit_id, valid_from, code, name, kind) VALUES (${root.id}, '1930-02-03', 'TW', 'Ban Chấp hành Trung ương', 'central')`.execute(db);
  const system = await systemActor(db);
  const unitsRepo = new UnitRepository(db, system);
  const units: Record<string, number> = { TW: root.id };
  const add = async (code: string, name: string, kind: string, parent: string) => {
    const u = await unitsRepo.create({ code, name, kind, parentId: units[parent]!, effectiveDate: '2010-01-01' });
    units[code] = u.id;
  };
  await add('83', 'Đảng bộ tỉnh Bến Tre', 'province_committee', 'TW');
  await add('831', 'Đảng bộ huyện Châu Thành', 'district_committee', '83');
  await add('836', 'Đảng bộ huyện Ba Tri', 'district_committee', '83');
  await add('28861', 'Đảng bộ xã Tiên Thủy', 'grassroots_committee', '831');
  await add('28834', 'Đảng bộ xã Thành Triệu', 'grassroots_committee', '831');
  await add('29161', 'Đảng bộ xã An Hiệp', 'grassroots_committee', '836');
  await add('28861.01', 'Chi bộ ấp Tiên Thủy 1', 'cell', '28861');
  await add('28861.02', 'Chi bộ ấp Tiên Thủy 2', 'cell', '28861');
  await add('28834.01', 'Chi bộ ấp Thành Triệu', 'cell', '28834');
  await add('29161.01', 'Chi bộ ấp An Hiệp', 'cell', '29161');

  const membersRepo = new MemberRepository(db, system);
  const members: Record<string, number> = {};
  const people: Array<[string, 'male' | 'female', string, string, string]> = [
    ['Trần Ngọc Tâm', 'male', '1970-03-12', '28861.01', '083070001234'],
    ['Nguyễn Thị Thủy', 'female', '1980-07-01', '28861.01', '083180004321'],
    ['Lê Văn Thuỷ', 'male', '1965-11-20', '28861.02', '083065005555'],
    ['Phạm Thị Hòa', 'female', '1990-05-05', '28834.01', '083190006666'],
    ['Đặng Văn Đức', 'male', '1958-01-15', '29161.01', '083058007777'],
    ['Võ Thị Ánh', 'female', '1985-09-09', '29161.01', '083185008888'],
  ];
  for (const [fullName, sex, birthDate, cell, citizenId] of people) {
    const m = await membersRepo.create({
      fullName, sex, birthDate, citizenId, birthProvinceCode: '83', unitId: units[cell]!, status: 'official',
      admissionDate: '2010-05-19', officialDate: '2011-05-19', politicalTheory: 'so_cap',
    });
    members[fullName] = m.id;
  }
  return { units, members };
}

export const ROLE_USERS: Array<{ username: string; role: Role; unit: string }> = [
  { username: 'admin83', role: 'admin', unit: '83' },
  { username: 'staff831', role: 'org_staff', unit: '831' },
  { username: 'staff836', role: 'org_staff', unit: '836' },
  { username: 'secretary28861', role: 'cell_secretary', unit: '28861' },
  { username: 'inspector831', role: 'inspector', unit: '831' },
  { username: 'viewer836', role: 'read_only', unit: '836' },
];

export async function seedUsers(handle: DatabaseHandle, fixture: Fixture): Promise<void> {
  const system = await systemActor(handle.db);
  for (const u of ROLE_USERS) {
    await createUser(handle.db, system, { username: u.username, fullName: u.username, password: PASSWORD, role: u.role, scopeUnitId: fixture.units[u.unit]! });
  }
}
