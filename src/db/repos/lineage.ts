// A unit's lineage (issue 8 §4): its names, codes, kinds and parents over time, and the units it came from
// and went into, each named as it stood on the day of the link, with the decision and the restructuring's
// note (where an assumption, such as Tân Mỹ's receiving unit, is written down).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Actor } from '../../policies/index.ts';
import { authorize } from '../../policies/index.ts';
import { UnitRepository, type UnitVersionRow } from './units.ts';

export interface LineageLink {
  unitId: number;
  /** The other unit as it stood on the link's side of the date: a predecessor the day before, a successor on the day. */
  code: string;
  name: string;
  kind: string;
  effectiveOn: string;
  operation: string;
  decision: string | null;
  note: string | null;
  /** The restructuring record that made the link, when there is one (a link may be older than the records). */
  restructuringId: number | null;
}

export interface UnitLineage {
  unitId: number;
  establishedOn: string;
  dissolvedOn: string | null;
  versions: UnitVersionRow[];
  predecessors: LineageLink[];
  successors: LineageLink[];
}

export async function unitLineage(db: Kysely<Database>, actor: Actor, unitId: number): Promise<UnitLineage> {
  authorize(actor, 'unit.read');
  const units = new UnitRepository(db, actor);
  const versions = await units.versions(unitId);
  const unit = await db.selectFrom('unit').select(['established_on', 'dissolved_on']).where('id', '=', unitId).executeTakeFirstOrThrow();
  // Linked units outside the user's scope are left out, as everywhere else.
  const links = async (side: 'predecessor' | 'successor') => {
    const [self, other] = side === 'predecessor' ? ['successor_id', 'predecessor_id'] : ['predecessor_id', 'successor_id'];
    const day = side === 'predecessor' ? sql`s.effective_on - 1` : sql`s.effective_on`;
    const { rows } = await sql<LineageLink>`
      SELECT o.id::int AS "unitId", COALESCE(v.code, o.code) AS code, COALESCE(v.name, o.name) AS name, COALESCE(v.kind, o.kind) AS kind,
        s.effective_on::text AS "effectiveOn", s.operation, s.decision, s.note,
        (SELECT r.id::int FROM restructuring r
          WHERE r.effective_date = s.effective_on AND r.decision_number = s.decision AND r.undone_by_id IS NULL AND r.kind <> 'undo'
            AND EXISTS (SELECT 1 FROM restructuring_unit a WHERE a.restructuring_id = r.id AND a.unit_id = s.predecessor_id)
            AND EXISTS (SELECT 1 FROM restructuring_unit b WHERE b.restructuring_id = r.id AND b.unit_id = s.successor_id)
          ORDER BY r.id LIMIT 1) AS "restructuringId"
      FROM unit_succession s
      JOIN unit o ON o.id = s.${sql.raw(other)}
      LEFT JOIN unit_version v ON v.unit_id = o.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to > ${day})
      WHERE s.${sql.raw(self)} = ${unitId} AND o.path <@ ${actor.scopePath}::ltree
      ORDER BY s.effective_on, COALESCE(v.code, o.code)`.execute(db);
    return rows;
  };
  return { unitId, establishedOn: unit.established_on, dissolvedOn: unit.dissolved_on, versions, predecessors: await links('predecessor'), successors: await links('successor') };
}
