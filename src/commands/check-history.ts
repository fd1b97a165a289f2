// `dangvu check history`: replays every member's events and compares the result with the stored
// periods and the member's current state. Any difference is a bug or a hand edit of the database.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { replay } from '../domain/lifecycle/index.ts';
import { initialOf } from './member-events.ts';

export interface HistoryProblem {
  memberId: number;
  fullName: string;
  problem: string;
}

const BATCH = 5_000;

export async function checkHistory(db: Kysely<Database>, onProgress?: (checked: number) => void): Promise<{ checked: number; problems: HistoryProblem[] }> {
  const problems: HistoryProblem[] = [];
  let checked = 0;
  let after = 0;
  for (;;) {
    const members = await db.selectFrom('member').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!members.length) break;
    const ids = members.map((m) => m.id);
    const [events, periods] = await Promise.all([
      db.selectFrom('member_event').selectAll().where('member_id', 'in', ids).orderBy('member_id').orderBy('effective_date').orderBy('id').execute(),
      db.selectFrom('member_period').selectAll().where('member_id', 'in', ids).orderBy('member_id').orderBy('valid_from').execute(),
    ]);
    const byMember = <T extends { member_id: number }>(rows: T[]) => {
      const map = new Map<number, T[]>();
      for (const r of rows) (map.get(r.member_id) ?? map.set(r.member_id, []).get(r.member_id)!).push(r);
      return map;
    };
    const eventsOf = byMember(events);
    const periodsOf = byMember(periods);
    for (const m of members) {
      const result = replay((eventsOf.get(m.id) ?? []).map((e) => ({
        ...(e.details as object), id: String(e.id), kind: e.kind, date: e.effective_date, decisionNumber: e.decision_number,
        decisionDate: e.decision_date, issuedBy: e.issued_by, ...(e.kind === 'void' ? { voids: String(e.voids_event_id) } : {}),
      })) as never, { initial: initialOf(m) });
      const report = (problem: string) => problems.push({ memberId: m.id, fullName: m.full_name, problem });
      for (const issue of result.issues) report(`sự kiện ${issue.eventId}: ${issue.message}`);
      const expected = result.periods.map((p) => `${p.validFrom}|${p.validTo ?? ''}|${p.status}|${p.unitId}`);
      const stored = (periodsOf.get(m.id) ?? []).map((p) => `${p.valid_from}|${p.valid_to ?? ''}|${p.status}|${p.unit_id}`);
      if (expected.join(';') !== stored.join(';')) report(`quá trình lưu (${stored.join('; ') || 'trống'}) khác quá trình tính lại từ sự kiện (${expected.join('; ') || 'trống'})`);
      const last = result.periods.at(-1);
      if (!last) report('không có sự kiện nào và không có trạng thái ban đầu');
      else if (last.status !== m.status || last.unitId !== m.unit_id) report(`trạng thái hiện tại ${m.status} tại đơn vị ${m.unit_id} khác kết quả tính lại ${last.status} tại đơn vị ${last.unitId}`);
    }
    checked += members.length;
    after = ids[ids.length - 1]!;
    onProgress?.(checked);
  }
  return { checked, problems };
}
