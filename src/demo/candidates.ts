// Demo candidates (quần chúng ưu tú, cảm tình Đảng; issue 10 §1): a few in hamlet cells of Châu Thành and in
// the cells of the Giao Long and An Hiệp industrial-park enterprises, spread over the stages up to the
// admission decision, so that a user can walk one through the ceremony. They go through the application's
// own repository and stage service (each stage checked by the rules of its date), after the bulk load, in
// a fixed order drawn from the seed: the same seed gives the same candidates. None is admitted here, so the
// demo's member counts stay those of the member generator.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.ts';
import { CandidateRepository } from '../db/repos/candidates.ts';
import { systemActor } from '../db/repos/users.ts';
import { CandidateStageService, officialMembersOn } from '../commands/candidate-stages.ts';
import { addDays, addMonths } from '../domain/dates.ts';
import { twoThirdsOf } from '../domain/lifecycle/index.ts';
import type { CandidateSource, CandidateStage, StageInput } from '../domain/admission/index.ts';
import { generateName } from './names.ts';
import { Rng, hash32, hashString } from './random.ts';

/** How many candidates in each kind of cell, and the furthest stage reached, in turn. */
const TARGETS: readonly CandidateStage[] = ['identified', 'course', 'application', 'history_verified', 'sponsored', 'cell_vote', 'decision', 'decision', 'sponsored', 'course'];
const HAMLET_CELLS = 5;
const PER_CELL = 2;

interface Cell { id: number; name: string; parent_name: string; enterprise: boolean }

export async function loadDemoCandidates(handle: DatabaseHandle, seed: number, today: string): Promise<number> {
  const db = handle.db;
  const district = await db.selectFrom('unit').select(['path']).where('code', '=', '831').where('kind', '=', 'district_committee').executeTakeFirst();
  if (!district) return 0; // Not the Bến Tre demo.
  const { rows: cells } = await sql<Cell>`
    SELECT u.id, u.name, p.name AS parent_name, (u.name LIKE '%(KCN %' OR p.name LIKE '%(KCN %') AS enterprise
      FROM unit u JOIN unit p ON p.id = u.parent_id
     WHERE u.path <@ ${district.path}::ltree AND u.kind IN ('cell', 'grassroots_cell') AND u.dissolved_on IS NULL
       AND (u.name LIKE '%(KCN %' OR p.name LIKE '%(KCN %' OR u.name LIKE 'Chi bộ ấp %')
     ORDER BY u.id`.execute(db);
  const chosen = [...cells.filter((c) => c.enterprise), ...cells.filter((c) => !c.enterprise).slice(0, HAMLET_CELLS)];
  const actor = await systemActor(db);
  const repo = new CandidateRepository(db, actor);
  const stages = new CandidateStageService(db, actor);
  const rng = new Rng(hash32(seed, hashString('candidates:831')));
  let made = 0;
  for (const cell of chosen) {
    for (let k = 0; k < PER_CELL; k++) {
      const target = TARGETS[made % TARGETS.length]!;
      const sex = rng.chance(0.5) ? 'male' : 'female';
      const name = generateName(rng, sex, 'south', 'Kinh');
      const steps = ['identified', 'course', 'application', 'history_verified', 'sponsored', 'cell_vote', 'decision'].indexOf(target);
      // Stages 20–40 days apart, the last one a little before today.
      const gaps = Array.from({ length: steps }, () => rng.int(20, 40));
      let date = addDays(today, -(gaps.reduce((s, g) => s + g, 0) + rng.int(3, 20)));
      const source: CandidateSource = cell.enterprise ? rng.pick(['trade_union', 'youth_union', 'other'] as const) : rng.pick(['youth_union', 'women_union', 'farmers_union', 'veterans_union'] as const);
      const company = cell.enterprise ? (cell.name.match(/Công ty .+/)?.[0] ?? cell.parent_name.match(/Công ty .+/)?.[0] ?? null) : null;
      const c = await repo.create({
        fullName: name.full, sex, birthDate: addDays(addMonths(date, -12 * rng.int(19, 34)), -rng.int(0, 360)), source,
        sourceOrganization: source === 'trade_union' ? `Công đoàn ${company ?? 'cơ sở'}` : source === 'youth_union' ? `Chi đoàn ${company ?? cell.name.replace('Chi bộ ', '')}` : null,
        workplace: company, occupation: cell.enterprise ? 'Công nhân' : rng.pick(['Nông dân', 'Giáo viên', 'Buôn bán', 'Công nhân']),
        educationGeneral: '12/12', unitId: cell.id, identifiedOn: date, youthUnionMember: source === 'youth_union',
      });
      let version = c.rowVersion;
      for (let i = 1; i <= steps; i++) {
        date = addDays(date, gaps[i - 1]!);
        const stage = (['identified', 'course', 'application', 'history_verified', 'sponsored', 'cell_vote', 'decision'] as const)[i]!;
        const input: StageInput = { stage, date };
        if (stage === 'course') Object.assign(input, { documentNumber: `GCN ${String(rng.int(100, 999))}/${date.slice(0, 4)}`, issuedBy: 'Trung tâm Chính trị huyện Châu Thành' });
        if (stage === 'sponsored') {
          const { rows } = await sql<{ member_id: number }>`SELECT member_id FROM member_period WHERE unit_id = ${cell.id} AND status = 'official'
            AND valid_from <= ${addMonths(date, -12)}::date AND (valid_to IS NULL OR valid_to > ${date}::date) ORDER BY member_id LIMIT 2`.execute(db);
          if (rows.length < 2) break;
          input.sponsors = rows.map((r) => ({ memberId: r.member_id, since: addMonths(date, -rng.int(13, 48)) }));
        }
        if (stage === 'cell_vote') {
          const total = await officialMembersOn(db, cell.id, date);
          input.votesInFavour = Math.max(twoThirdsOf(total), total - rng.int(0, 1));
        }
        if (stage === 'decision') Object.assign(input, { documentNumber: `${rng.int(10, 250)}-QĐ/ĐU`, issuedBy: cell.parent_name.replace(/^Đảng bộ/, 'Đảng ủy') });
        version = (await stages.record(c.id, input, version)).candidate.rowVersion;
      }
      made += 1;
    }
  }
  return made;
}
