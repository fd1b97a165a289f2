// Demo industrial parks of Châu Thành (the seed's Giao Long and An Hiệp) and their enterprises: the ten
// companies the tree gave a party organization (src/demo/tree.ts) and about thirty more, synthetic, that
// have workers and most a trade union but no party organization yet. The demo candidates who work in a
// park company are linked to it, and a few more come from the companies without a party organization,
// presented by their trade union or Youth Union and followed by a hamlet cell of the park's commune
// (through the application's repository and stage service, as src/demo/candidates.ts does).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { CandidateRepository } from '../db/repos/candidates.ts';
import { CandidateStageService } from '../commands/candidate-stages.ts';
import { inTransaction } from '../db/transaction.ts';
import { addDays, addMonths } from '../domain/dates.ts';
import type { OwnershipKind } from '../domain/recruitment/enterprises.ts';
import { searchKey } from '../text/vietnamese.ts';
import { generateName } from './names.ts';
import { Rng, hash32, hashString } from './random.ts';
import { companyName } from './tree.ts';
import { withoutAudit } from './resignations.ts';

/** Park, commune code it lies in, opening date, enterprises without a party organization. */
const PARKS = [['KCN Giao Long', '28828', '2006-01-01', 18], ['KCN An Hiệp', '28855', '2008-01-01', 12]] as const;
const FOREIGN_BRANDS = ['Sunrise Textile', 'Evergreen Foods', 'Kyoto Packaging', 'Golden Coco', 'Hanil Vina', 'Pacific Garment', 'Taekwang Shoes', 'Asia Bio'];
const EXTRA_CANDIDATES = 12;

export interface EnterpriseDemoSummary { parks: number; enterprises: number; withParty: number; candidatesLinked: number; candidatesAdded: number }

export async function loadEnterprisesDemo(db: Kysely<Database>, seed: number, today: string): Promise<EnterpriseDemoSummary> {
  const district = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', '831').where('kind', '=', 'district_committee').executeTakeFirst();
  const none = { parks: 0, enterprises: 0, withParty: 0, candidatesLinked: 0, candidatesAdded: 0 };
  if (!district) return none;
  const rng = new Rng(hash32(seed, hashString('enterprises:831')));
  const actor = await systemActor(db);
  const created: Array<{ id: number; name: string; park: string; hasParty: boolean; communeId: number }> = [];
  await inTransaction(db, actor, (tx) => withoutAudit(tx, ['industrial_park', 'enterprise'], async () => {
    for (const [park, communeCode, opened, without] of PARKS) {
      const commune = await tx.selectFrom('unit').select('id').where('code', '=', communeCode).where(sql<boolean>`path <@ ${district.path}::ltree`).executeTakeFirst();
      const unitId = commune?.id ?? district.id;
      const { id: parkId } = await tx.insertInto('industrial_park').values({ name: park, unit_id: unitId, established_on: opened, note: null }).returning('id').executeTakeFirstOrThrow();
      // The companies with a party organization: the tree's units named "… Công ty … (KCN …)".
      const { rows: parties } = await sql<{ id: number; name: string }>`
        SELECT id, name FROM unit WHERE path <@ ${district.path}::ltree AND kind IN ('grassroots_committee', 'grassroots_cell')
           AND name LIKE ${`% (${park})`} ORDER BY id`.execute(tx);
      const rows: Array<{ name: string; ownership: OwnershipKind; workers: number; union: boolean; party: number | null }> = parties.map((p) => {
        const name = p.name.replace(/^(Đảng bộ|Chi bộ) /, '').replace(` (${park})`, '');
        return { name, ownership: name.startsWith('Công ty TNHH') ? 'limited' : 'joint_stock', workers: rng.int(300, 2500), union: true, party: p.id };
      });
      const names = new Set(rows.map((r) => r.name));
      while (rows.length < parties.length + without) {
        const foreign = rng.chance(0.3);
        const name = foreign ? `Công ty TNHH ${rng.pick(FOREIGN_BRANDS)} Việt Nam` : rng.chance(0.15) ? `Doanh nghiệp tư nhân ${companyName(rng).split(' ').slice(-3).join(' ')}` : companyName(rng);
        if (names.has(name)) continue;
        names.add(name);
        const ownership: OwnershipKind = foreign ? 'foreign' : name.startsWith('Doanh nghiệp tư nhân') ? 'private' : name.startsWith('Công ty TNHH') ? 'limited' : 'joint_stock';
        const workers = ownership === 'private' ? rng.int(12, 80) : rng.int(40, 1800);
        rows.push({ name, ownership, workers, union: workers >= 50 && rng.chance(0.8), party: null });
      }
      for (const r of rows) {
        const { id } = await tx.insertInto('enterprise').values({
          name: r.name, name_search: searchKey(r.name), park_id: parkId, unit_id: unitId, ownership: r.ownership, workers: r.workers,
          has_trade_union: r.union, party_unit_id: r.party, note: null, created_at: today, updated_at: today,
        }).returning('id').executeTakeFirstOrThrow();
        created.push({ id, name: r.name, park, hasParty: r.party !== null, communeId: unitId });
      }
    }
  }));

  // Candidates already recorded with a park company as their workplace.
  let linked = 0;
  for (const e of created) {
    const res = await db.updateTable('candidate').set({ enterprise_id: e.id }).where('workplace', '=', e.name).where('enterprise_id', 'is', null).executeTakeFirst();
    linked += Number(res.numUpdatedRows);
  }
  // New candidates from companies without a party organization, followed by a hamlet cell of the commune.
  const repo = new CandidateRepository(db, actor);
  const stages = new CandidateStageService(db, actor);
  const open = created.filter((e) => !e.hasParty);
  let added = 0;
  for (let i = 0; i < EXTRA_CANDIDATES && open.length; i++) {
    const e = open[(i * 5) % open.length]!;
    const cell = await db.selectFrom('unit').select('id').where('parent_id', '=', e.communeId).where('kind', '=', 'cell')
      .where('dissolved_on', 'is', null).where('name', 'like', 'Chi bộ ấp %').orderBy('id').offset(i % 3).limit(1).executeTakeFirst();
    if (!cell) continue;
    const sex = rng.chance(0.55) ? 'female' : 'male';
    const identifiedOn = addDays(today, -rng.int(40, 300));
    const source = rng.chance(0.6) ? 'trade_union' : 'youth_union';
    const c = await repo.create({
      fullName: generateName(rng, sex, 'south', 'Kinh').full, sex, birthDate: addDays(addMonths(identifiedOn, -12 * rng.int(20, 33)), -rng.int(0, 360)),
      source, sourceOrganization: source === 'trade_union' ? `Công đoàn ${e.name}` : `Chi đoàn ${e.name}`, workplace: e.name, enterpriseId: e.id,
      occupation: 'Công nhân', educationGeneral: '12/12', unitId: cell.id, identifiedOn, youthUnionMember: source === 'youth_union',
    });
    if (i % 2 === 0) {
      await stages.record(c.id, { stage: 'course', date: addDays(identifiedOn, rng.int(20, 35)), documentNumber: `GCN ${rng.int(100, 999)}/${identifiedOn.slice(0, 4)}`, issuedBy: 'Trung tâm Chính trị huyện Châu Thành' }, c.rowVersion);
    }
    added += 1;
  }
  return { parks: PARKS.length, enterprises: created.length, withParty: created.filter((e) => e.hasParty).length, candidatesLinked: linked, candidatesAdded: added };
}
