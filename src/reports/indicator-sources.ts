// Where a computed indicator (chỉ tiêu) takes its value from. An indicator whose data dangvu already holds
// is computed, never typed: each source counts its data in a unit's subtree over a calendar year.
// 'members_admitted' reads the member lifecycle; the evaluation and consolidation sources are built in
// other issues and plug in here by replacing their `compute` (until then they answer "chưa có dữ liệu").
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.ts';

export const MEASUREMENTS = ['reported', 'members_admitted', 'grassroots_rated_good', 'weak_consolidated'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];
export type ComputedMeasurement = Exclude<Measurement, 'reported'>;

export interface IndicatorScope {
  unitId: number;
  /** ltree path of the unit: the subtree counted. */
  path: string;
}

/** A value, or null with the reason there is none yet. */
export type SourceValue = { value: number; detail?: string } | { value: null; missing: string };

export interface IndicatorSource {
  id: ComputedMeasurement;
  labelVi: string;
  labelEn: string;
  /** The data this source reads, for the indicator's description. */
  basis: string;
  compute(db: Executor, scope: IndicatorScope, year: number): Promise<SourceValue>;
}

const NO_DATA = 'chưa có dữ liệu';

/**
 * Admissions (kết nạp) with their ceremony in the year, in cells of the subtree as the event names them,
 * not voided. A re-admission counts too: it is an admission decision of the year.
 */
export async function countAdmissions(db: Executor, path: string, year: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM member_event e
    JOIN unit u ON u.id = (e.details ->> 'unitId')::bigint
    WHERE e.kind = 'admission' AND e.effective_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
      AND u.path <@ ${path}::ltree
      AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)`.execute(db);
  return rows[0]?.n ?? 0;
}

export const INDICATOR_SOURCES: Record<ComputedMeasurement, IndicatorSource> = {
  members_admitted: {
    id: 'members_admitted',
    labelVi: 'Số đảng viên kết nạp (tính từ quá trình đảng viên)',
    labelEn: 'Members admitted (from the member lifecycle)',
    basis: 'member_event: kết nạp trong năm, không bị hủy',
    compute: async (db, scope, year) => ({ value: await countAdmissions(db, scope.path, year) }),
  },
  grassroots_rated_good: {
    id: 'grassroots_rated_good',
    labelVi: 'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (từ kết quả đánh giá, xếp loại)',
    labelEn: "Share of grassroots organizations rated 'completed well' or better (from the evaluation)",
    basis: 'đánh giá, xếp loại chất lượng tổ chức đảng',
    compute: async () => ({ value: null, missing: NO_DATA }),
  },
  weak_consolidated: {
    id: 'weak_consolidated',
    labelVi: 'Số tổ chức đảng yếu kém đã được củng cố (từ kế hoạch củng cố)',
    labelEn: 'Weak organizations consolidated (from the consolidation plans)',
    basis: 'kế hoạch củng cố tổ chức đảng yếu kém',
    compute: async () => ({ value: null, missing: NO_DATA }),
  },
};

export function isMeasurement(v: string): v is Measurement {
  return (MEASUREMENTS as readonly string[]).includes(v);
}
