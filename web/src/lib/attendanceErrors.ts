// The API names an attendance error by the list's index (`attendance.3.absenceReason`); the form shows it on
// the member's row. Pure so that the mapping is tested without a browser.
import type { FieldError } from '../api/client.ts';

export interface RowErrors {
  /** By member id: the messages to show on that member's row. */
  byMember: Map<number, string[]>;
  /** Errors that name no row of the list (shown above the form). */
  rest: FieldError[];
}

const ROW_FIELD = /^attendance\.(\d+)\.(memberId|absenceReason|present)$/;

export function attendanceRowErrors(fields: readonly FieldError[], posted: ReadonlyArray<{ memberId: number }>): RowErrors {
  const byMember = new Map<number, string[]>();
  const rest: FieldError[] = [];
  for (const f of fields) {
    const match = ROW_FIELD.exec(f.field);
    const member = match ? posted[Number(match[1])] : undefined;
    if (!member) { rest.push(f); continue; }
    byMember.set(member.memberId, [...(byMember.get(member.memberId) ?? []), f.message]);
  }
  return { byMember, rest };
}
