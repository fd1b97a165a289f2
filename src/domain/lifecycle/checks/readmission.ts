// Readmission (kết nạp lại), rules.md §1: at least 36 months after leaving, once only, never for those who
// abandoned activity or left by application (unless for special family hardship). In force from QĐ 232
// (20/1/2025); for earlier dates the texts were not read, so the same rules give warnings only.
import { addMonths, formatVietnameseDate } from '../../dates.ts';
import type { MemberStatus } from '../../members.ts';
import type { RemovalReason } from '../events.ts';
import { RULES } from '../rules.ts';
import { Findings, ruleMessage, type CheckResult, type RuleMessage } from '../types.ts';
import { requireDate, vn } from './common.ts';

export interface ReadmissionInput {
  /** The day the cell considers the readmission. */
  cellVoteDate: string;
  /** The date the person left the Party. */
  exitDate: string;
  exitStatus: Extract<MemberStatus, 'removed' | 'left' | 'expelled'>;
  removalReason?: RemovalReason | null;
  /** Left by application because of special family hardship. */
  familyHardship?: boolean;
  /** Readmissions already made (the limit is one). */
  previousReadmissions: number;
}

export function checkReadmission(input: ReadmissionInput): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.cellVoteDate, 'cellVoteDate', 'ngày chi bộ xét', 'cell vote date')) return f.result();
  if (!requireDate(f, input.exitDate, 'exitDate', 'ngày ra khỏi Đảng', 'exit date')) return f.result();
  const inForce = input.cellVoteDate >= RULES.readmissionWait.inForceFrom!;
  const note = inForce ? '' : ` (quy định áp dụng từ ${formatVietnameseDate(RULES.readmissionWait.inForceFrom!)}; trước đó chưa được đối chiếu)`;
  const add = (m: RuleMessage) => (inForce ? f.error(m) : f.warn(m));

  if (input.previousReadmissions >= 1) {
    const r = RULES.readmissionOnce;
    add(ruleMessage(r.id, r.source, `chỉ kết nạp lại một lần${note}`, 'readmission is allowed once only', { field: 'previousReadmissions' }));
  }
  const abandoned = input.exitStatus === 'removed' && (input.removalReason === 'abandoned_activities' || input.removalReason === 'transfer_letter_not_presented');
  const byApplication = input.exitStatus === 'left' && !input.familyHardship;
  if (abandoned || byApplication) {
    const r = RULES.readmissionBarred;
    add(ruleMessage(
      r.id,
      r.source,
      `không xem xét kết nạp lại người trước đây ra khỏi Đảng vì ${abandoned ? 'tự bỏ sinh hoạt đảng' : 'làm đơn xin ra khỏi Đảng (trừ trường hợp vì hoàn cảnh gia đình đặc biệt khó khăn)'}${note}`,
      `no readmission after ${abandoned ? 'abandoning party activity' : 'leaving by application (unless for special family hardship)'}`,
      { field: 'exitStatus' },
    ));
  }
  const from = addMonths(input.exitDate, 36);
  if (input.cellVoteDate < from) {
    const r = RULES.readmissionWait;
    add(ruleMessage(
      r.id,
      r.source,
      `kết nạp lại sau ít nhất 36 tháng kể từ ngày ra khỏi Đảng (${vn(input.exitDate)}); có thể xét từ ngày ${vn(from)}${note}`,
      `readmission at least 36 months after leaving (${input.exitDate}); possible from ${from}`,
      { field: 'cellVoteDate', validFrom: from },
    ));
  }
  return f.result();
}
