// Reading the audit trail of a unit or a member, inside the actor's scope.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { MemberRepository } from './members.ts';
import { UnitRepository } from './units.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  /** The user's full name when the change was made through a user account. */
  actorFullName: string | null;
  action: string;
  entity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Fields whose value differs between before and after. */
  changed: string[];
}

export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly actor: Actor,
  ) {}

  async forMember(id: number): Promise<AuditEntry[]> {
    authorize(this.actor, 'audit.read');
    await new MemberRepository(this.db, this.actor).get(id);
    return this.entries(['member', 'member_period', 'member_event'], id);
  }

  async forUnit(id: number): Promise<AuditEntry[]> {
    authorize(this.actor, 'audit.read');
    await new UnitRepository(this.db, this.actor).requireInScope(id);
    return this.entries(['unit', 'unit_version'], id);
  }

  private async entries(entities: string[], id: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log as a')
      .leftJoin('app_user as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select('u.full_name')
      .where('a.entity', 'in', entities)
      .where('a.entity_id', '=', id)
      .orderBy('a.id', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => {
      const before = (r.before ?? null) as Record<string, unknown> | null;
      const after = (r.after ?? null) as Record<string, unknown> | null;
      const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
      const changed = [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null));
      return { id: r.id, at: new Date(r.at).toISOString(), actorName: r.actor_name, actorFullName: r.full_name, action: r.action, entity: r.entity, before, after, changed };
    });
  }
}

export { sql };
