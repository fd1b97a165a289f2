// Enterprises with workers but no party organization (issue 10 §3), per industrial park and territorial
// unit, each with the candidates who work there (the seed: recruitment "thông qua các tổ chức công đoàn,
// đoàn thể ở hai khu công nghiệp Giao Long và An Hiệp"). The recruitment report and the page use it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policies/index.ts';
import { EnterpriseService } from '../commands/enterprises.ts';

export interface EnterpriseWithoutParty {
  id: number;
  name: string;
  ownership: string;
  workers: number;
  hasTradeUnion: boolean;
  candidates: Array<{ id: number; fullName: string; stage: string; source: string; unitName: string }>;
}

export interface EnterpriseGroup {
  parkId: number | null;
  parkName: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  enterprises: EnterpriseWithoutParty[];
}

export interface EnterprisesWithoutParty {
  date: string;
  total: number;
  workers: number;
  candidates: number;
  groups: EnterpriseGroup[];
}

export async function enterprisesWithoutParty(db: Kysely<Database>, actor: Actor, unitId: number | undefined, date: string): Promise<EnterprisesWithoutParty> {
  const list = (await new EnterpriseService(db, actor).list({ unitId, withoutParty: true }, date)).filter((e) => e.workers > 0);
  const ids = list.map((e) => e.id);
  const people = ids.length
    ? await db.selectFrom('candidate as c').innerJoin('unit as u', 'u.id', 'c.unit_id')
        .select(['c.id', 'c.full_name', 'c.stage', 'c.source', 'c.enterprise_id', 'u.name as unit_name'])
        .where('c.enterprise_id', 'in', ids).where('c.member_id', 'is', null).orderBy('c.name_sort').execute()
    : [];
  const groups: EnterpriseGroup[] = [];
  for (const e of list) {
    let g = groups.find((x) => x.parkId === e.parkId && x.unitId === e.unitId);
    if (!g) groups.push((g = { parkId: e.parkId, parkName: e.parkName, unitId: e.unitId, unitCode: e.unitCode, unitName: e.unitName, enterprises: [] }));
    g.enterprises.push({
      id: e.id, name: e.name, ownership: e.ownership, workers: e.workers, hasTradeUnion: e.hasTradeUnion,
      candidates: people.filter((p) => p.enterprise_id === e.id).map((p) => ({ id: p.id, fullName: p.full_name, stage: p.stage, source: p.source, unitName: p.unit_name })),
    });
  }
  return {
    date, total: list.length, workers: list.reduce((a, e) => a + e.workers, 0),
    candidates: groups.reduce((a, g) => a + g.enterprises.reduce((b, e) => b + e.candidates.length, 0), 0), groups,
  };
}
