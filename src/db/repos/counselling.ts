// Counselling records of a member (gặp gỡ, động viên), inside the actor's scope.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { ValidationError, type FieldError } from '../../domain/errors.ts';
import { isIsoDate, todayIso } from '../../domain/dates.ts';
import { inTransaction } from '../transaction.ts';
import { MemberRepository } from './members.ts';

export interface CounsellingRecord {
  id: number;
  metOn: string;
  metBy: string;
  topic: string;
  outcome: string;
  note: string | null;
}

export class CounsellingRepository {
  private readonly members: MemberRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.members = new MemberRepository(db, actor);
  }

  async list(memberId: number): Promise<CounsellingRecord[]> {
    await this.members.get(memberId);
    const rows = await this.db.selectFrom('counselling').selectAll().where('member_id', '=', memberId).orderBy('met_on').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, metOn: r.met_on, metBy: r.met_by, topic: r.topic, outcome: r.outcome, note: r.note }));
  }

  async add(memberId: number, input: Omit<CounsellingRecord, 'id'>): Promise<CounsellingRecord> {
    authorize(this.actor, 'member.write');
    await this.members.get(memberId);
    const errors: FieldError[] = [];
    if (!isIsoDate(input.metOn)) errors.push({ field: 'metOn', code: 'invalid_date', message: 'Ngày gặp không hợp lệ' });
    else if (input.metOn > todayIso()) errors.push({ field: 'metOn', code: 'future_date', message: 'Ngày gặp không được sau ngày hôm nay' });
    if (!input.metBy?.trim()) errors.push({ field: 'metBy', code: 'required', message: 'Cần ghi người gặp' });
    if (errors.length) throw new ValidationError(errors);
    const id = await inTransaction(this.db, this.actor, async (tx) => (await tx.insertInto('counselling').values({
      member_id: memberId, met_on: input.metOn, met_by: input.metBy.trim(), topic: input.topic, outcome: input.outcome,
      note: input.note?.trim() || null, recorded_by: this.actor.userId,
    }).returning('id').executeTakeFirstOrThrow()).id);
    return (await this.list(memberId)).find((r) => r.id === id)!;
  }
}
