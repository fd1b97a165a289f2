// Exemption from work and activities (miễn công tác và sinh hoạt đảng), rules.md §4: for age or health on the
// member's own request, decided by the cell; on other grounds (long treatment, maternity …) decided by the
// grassroots committee (HD 38 §IV.1.2, from 29/9/2025). No age threshold exists in the central texts.
import { formatVietnameseDate } from '../../dates.ts';
import type { Grade } from '../events.ts';
import { RULES } from '../rules.ts';
import { Findings, ruleMessage, type CheckResult } from '../types.ts';
import { requireDate } from './common.ts';

export interface ExemptionInput {
  date: string;
  grade: Grade;
  ground: 'age_health' | 'other';
  decidedBy: 'cell' | 'grassroots_committee' | 'standing_committee';
  /** The member applied or reported to the cell (the Hanoi "family may write" rule is local, not applied). */
  ownRequest?: boolean;
}

export function checkExemption(input: ExemptionInput): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.date, 'date', 'ngày quyết định', 'decision date')) return f.result();
  if (input.grade !== 'official') {
    const r = RULES.exemptionOfficialOnly;
    f.error(ruleMessage(r.id, r.source, 'chỉ đảng viên chính thức được miễn công tác và sinh hoạt đảng', 'only official members can be exempted', { field: 'grade' }));
  }
  if (input.ground === 'age_health') {
    const r = RULES.exemptionOwnRequest;
    if (input.ownRequest === false) {
      f.error(ruleMessage(r.id, r.source, 'đảng viên tuổi cao, sức khỏe yếu phải tự làm đơn hoặc trực tiếp báo cáo với chi bộ', 'the member must apply or report to the cell personally', { field: 'ownRequest' }));
    }
    if (input.decidedBy !== 'cell') {
      f.error(ruleMessage(r.id, r.source, 'miễn công tác và sinh hoạt đảng vì tuổi cao, sức khỏe yếu do chi bộ xem xét, quyết định', 'exemption for age or health is decided by the cell', { field: 'decidedBy' }));
    }
  } else {
    const r = RULES.exemptionOtherGrounds;
    const from = r.inForceFrom ?? '';
    if (input.date >= from && input.decidedBy === 'cell') {
      f.error(ruleMessage(
        r.id,
        r.source,
        `miễn vì lý do khác (điều trị dài ngày, nghỉ thai sản, …) do chi bộ xét, đề nghị và đảng ủy cơ sở quyết định (từ ${formatVietnameseDate(from)})`,
        'exemption on other grounds is proposed by the cell and decided by the grassroots committee',
        { field: 'decidedBy' },
      ));
    }
  }
  return f.result();
}
