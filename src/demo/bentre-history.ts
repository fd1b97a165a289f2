// Bến Tre from May 2017 to March 2025 (../shared/data/dvhc/bentre_changes_2017_2025.csv): the demo's tree
// of 1 May 2017 lives through the mergers of 856/NQ-UBTVQH14 (1/2/2020), the new thị trấn of 724/NQ-UBTVQH15
// (10/4/2023) and the mergers of 1237/NQ-UBTVQH15 (1/12/2024), applied by the same restructuring
// operations an operator runs (`dangvu restructure apply-changes`), on their effective dates.
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { applyChanges, readChangesFile, type Assumption, type DateOutcome } from '../commands/apply-changes.ts';
import { findDataDir } from './places.ts';

export const BENTRE_CHANGES_FILE = 'bentre_changes_2017_2025.csv';

/**
 * Xã Tân Mỹ (Ba Tri) ended under 1237/NQ-UBTVQH15, but none of the sources read names the commune that
 * received it (data README, "Doubts"). Its cells go to xã Mỹ Hòa, one of its two neighbours under
 * NĐ 57/2000/NĐ-CP; the restructuring's note says that this is an assumption.
 */
export const TAN_MY_ASSUMPTION: ReadonlyMap<string, Assumption> = new Map([['29113', {
  receiverCode: '29116',
  note: 'Giả định: các nguồn đã đọc không nêu đơn vị nhận xã Tân Mỹ (29113) theo Nghị quyết 1237/NQ-UBTVQH15; '
    + 'dữ liệu mẫu chuyển các chi bộ và đảng viên về Đảng bộ xã Mỹ Hòa (29116), một trong hai xã giáp ranh '
    + '(xã còn lại là Tân Xuân, 29119, theo Nghị định 57/2000/NĐ-CP). Đơn vị kế tiếp này là giả định, không phải nội dung của nghị quyết.',
}]]);

/** Applies the changes in force by `today`; returns one outcome per date. */
export async function applyBenTreHistory(db: Kysely<Database>, today: string): Promise<DateOutcome[]> {
  const rows = readChangesFile(path.join(findDataDir(), BENTRE_CHANGES_FILE));
  const actor = { ...(await systemActor(db)), username: 'demo', fullName: 'Dữ liệu mẫu' };
  return applyChanges(db, actor, rows, { until: today, assume: TAN_MY_ASSUMPTION });
}
