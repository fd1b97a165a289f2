// Directives of working visits (ý kiến chỉ đạo) for the reports and the work queues: what a unit's subtree
// must carry out or has issued, by status, with the overdue ones; and the follow-up source that puts the
// overdue and upcoming ones in the work queue of the responsible unit and of the issuing unit.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { NotFoundError } from '../domain/errors.ts';
import { daysBetween, todayIso } from '../domain/dates.ts';
import { DIRECTIVE_STATUSES, isDirectiveOverdue, type DirectiveStatus } from '../domain/visits/index.ts';
import type { FollowUpSource } from './follow-ups.ts';

export interface DirectiveReportItem {
  id: number;
  visit: { id: number; title: string; startsOn: string; issuingUnitName: string; noticeNumber: string | null };
  ordinal: number;
  text: string;
  responsibleUnit: { id: number; code: string; name: string };
  owner: string | null;
  deadline: string | null;
  status: DirectiveStatus;
  overdue: boolean;
  doneOn: string | null;
}

export interface DirectivesReport {
  unit: { id: number; code: string; name: string };
  since: string | null;
  until: string | null;
  /** Overdue is counted on this day (today): statuses are the current ones. */
  asOf: string;
  total: number;
  byStatus: Record<DirectiveStatus, number>;
  overdue: number;
  items: DirectiveReportItem[];
}

/**
 * The directives the unit's subtree is responsible for or issued (through its visits), of the visits
 * that began between since and until (both optional, inclusive).
 */
export async function directivesReport(db: Kysely<Database>, actor: Actor, unitId: number, options: { since?: string; until?: string; asOf?: string } = {}): Promise<DirectivesReport> {
  authorize(actor, 'document.read');
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name', 'path']).where('id', '=', unitId)
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
  if (!unit) throw new NotFoundError('đơn vị');
  const asOf = options.asOf ?? todayIso();
  const { rows } = await sql<{ id: number; visit_id: number; title: string; starts_on: string; issuer_name: string; notice_number: string | null; ordinal: number;
    text: string; ru_id: number; ru_code: string; ru_name: string; owner: string | null; deadline: string | null; status: DirectiveStatus; done_on: string | null }>`
    SELECT d.id, v.id AS visit_id, v.title, v.starts_on, iu.name AS issuer_name, n.number_text AS notice_number, d.ordinal, d.text,
      ru.id AS ru_id, ru.code AS ru_code, ru.name AS ru_name, d.owner, d.deadline, d.status, d.done_on
    FROM directive d
      JOIN working_visit v ON v.id = d.visit_id
      JOIN unit iu ON iu.id = v.issuing_unit_id
      JOIN unit ru ON ru.id = d.responsible_unit_id
      LEFT JOIN visit_notice n ON n.visit_id = v.id
    WHERE (ru.path <@ ${unit.path}::ltree OR iu.path <@ ${unit.path}::ltree)
      ${options.since ? sql`AND v.starts_on >= ${options.since}::date` : sql``}
      ${options.until ? sql`AND v.starts_on <= ${options.until}::date` : sql``}
    ORDER BY v.starts_on, v.id, d.ordinal`.execute(db);
  const byStatus = Object.fromEntries(DIRECTIVE_STATUSES.map((s) => [s, 0])) as Record<DirectiveStatus, number>;
  const items = rows.map((r): DirectiveReportItem => {
    byStatus[r.status]++;
    return {
      id: r.id, visit: { id: r.visit_id, title: r.title, startsOn: r.starts_on, issuingUnitName: r.issuer_name, noticeNumber: r.notice_number },
      ordinal: r.ordinal, text: r.text, responsibleUnit: { id: r.ru_id, code: r.ru_code, name: r.ru_name }, owner: r.owner, deadline: r.deadline,
      status: r.status, overdue: isDirectiveOverdue(r.status, r.deadline, asOf), doneOn: r.done_on,
    };
  });
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name }, since: options.since ?? null, until: options.until ?? null, asOf,
    total: items.length, byStatus, overdue: items.filter((i) => i.overdue).length, items,
  };
}

/** Open directives due by the queue's horizon (overdue ones always), of the responsible or the issuing unit under the root. */
export const directiveFollowUps: FollowUpSource = async (db, actor, query) => {
  const scope = actor.scopePath;
  const { rows } = await sql<{ id: number; visit_id: number; ordinal: number; text: string; notice_number: string | null; ru_id: number; ru_name: string; issuer_name: string; issuer_id: number; deadline: string }>`
    SELECT d.id, d.visit_id, d.ordinal, d.text, n.number_text AS notice_number, ru.id AS ru_id, ru.name AS ru_name,
      iu.name AS issuer_name, iu.id AS issuer_id, d.deadline
    FROM directive d
      JOIN working_visit v ON v.id = d.visit_id
      JOIN unit iu ON iu.id = v.issuing_unit_id
      JOIN unit ru ON ru.id = d.responsible_unit_id
      LEFT JOIN visit_notice n ON n.visit_id = v.id
    WHERE d.status IN ('open', 'in_progress') AND d.deadline IS NOT NULL AND d.deadline <= ${query.dueBy}::date
      AND (ru.path <@ ${query.rootPath}::ltree OR iu.path <@ ${query.rootPath}::ltree)
      AND (ru.path <@ ${scope}::ltree OR iu.path <@ ${scope}::ltree)
    ORDER BY d.deadline, d.id
    LIMIT ${query.limit}`.execute(db);
  return rows.map((r) => ({
    kind: 'directive', id: r.id,
    title: `${r.notice_number ? `${r.notice_number}, ` : ''}ý kiến ${r.ordinal}: ${r.text.length > 140 ? `${r.text.slice(0, 137)}…` : r.text}`,
    unitId: r.ru_id, unitName: r.ru_name, issuerUnitName: r.issuer_id === r.ru_id ? null : r.issuer_name,
    due: r.deadline, daysLeft: daysBetween(query.today, r.deadline), link: `/visits/${r.visit_id}`,
  }));
};
