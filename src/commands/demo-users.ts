// The demo's users: one per role, scoped to units of the demo province, all with one password.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createUser, systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import type { Role } from '../policies/index.ts';

export const DEMO_PASSWORD = 'dangvu2017';

export const DEMO_USERS: Array<{ username: string; fullName: string; role: Role; unitCode: string }> = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', unitCode: 'TW' },
  { username: 'bentre', fullName: 'Nguyễn Văn Tổ Chức', role: 'org_staff', unitCode: '83' },
  { username: 'chauthanh', fullName: 'Lê Thị Châu', role: 'org_staff', unitCode: '831' },
  { username: 'bachi', fullName: 'Phạm Thị Ngọc Thuỷ', role: 'org_staff', unitCode: '836' },
  { username: 'tienthuy', fullName: 'Võ Văn Tiên', role: 'cell_secretary', unitCode: '28861' },
  { username: 'kiemtra', fullName: 'Huỳnh Văn Kiểm', role: 'inspector', unitCode: '83' },
  { username: 'xem', fullName: 'Đặng Thị Xem', role: 'read_only', unitCode: '83' },
];

export async function createDemoUsers(db: Kysely<Database>): Promise<number> {
  const actor = await systemActor(db);
  const units = new UnitRepository(db, actor);
  let created = 0;
  for (const u of DEMO_USERS) {
    // Codes are reused (28810), so a user's unit is the holder of its code today.
    const unitId = await units.resolveCode(u.unitCode).catch(() => null);
    if (unitId === null) continue;
    const exists = await db.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
    if (exists) continue;
    await createUser(db, actor, { username: u.username, fullName: u.fullName, password: DEMO_PASSWORD, role: u.role, scopeUnitId: unitId });
    created++;
  }
  return created;
}
