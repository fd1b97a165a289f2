// The cell's vote: at least two thirds of its official members (Charter Art. 4.3, and Art. 5.2 for recognition).
import type { RuleRecord } from '../rules.ts';
import { Findings, ruleMessage, type CheckResult } from '../types.ts';
import { hasTwoThirds, twoThirdsOf } from './common.ts';

export interface CellVote {
  inFavour: number;
  /** Official members of the cell counted for the vote (who is left out is unconfirmed: rules.md §1). */
  officialMembers: number;
}

export function checkCellVote(vote: CellVote, rule: RuleRecord): CheckResult {
  const f = new Findings();
  const { inFavour, officialMembers } = vote;
  if (!Number.isInteger(inFavour) || !Number.isInteger(officialMembers) || inFavour < 0 || officialMembers <= 0 || inFavour > officialMembers) {
    return f.error(ruleMessage(rule.id, rule.source, `số phiếu không hợp lệ (${inFavour}/${officialMembers})`, `invalid vote count (${inFavour}/${officialMembers})`, { field: 'votes' })).result();
  }
  if (!hasTwoThirds(inFavour, officialMembers)) {
    const need = twoThirdsOf(officialMembers);
    f.error(ruleMessage(
      rule.id,
      rule.source,
      `cần ít nhất hai phần ba số đảng viên chính thức đồng ý, tức ${need}/${officialMembers}; mới có ${inFavour}`,
      `needs at least two thirds of official members, ${need}/${officialMembers}; got ${inFavour}`,
      { field: 'votes' },
    ));
  }
  return f.result();
}
