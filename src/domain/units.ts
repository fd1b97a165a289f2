// Kinds of party units and where each may sit in the tree (domain reference §1).

/** The kinds of party unit, top to bottom. */
export const UNIT_KINDS = [
  'central', // Trung ương
  'province_committee', // Tỉnh ủy / Thành ủy: đảng bộ tỉnh
  'district_committee', // cấp trên cơ sở: Huyện ủy, Thị ủy, Thành ủy, Quận ủy, Đảng ủy khối (abolished for territories 1/7/2025)
  'grassroots_committee', // Đảng bộ cơ sở (tổ chức cơ sở đảng with sub-units)
  'grassroots_cell', // Chi bộ cơ sở (tổ chức cơ sở đảng without sub-units)
  'partial_committee', // Đảng bộ bộ phận
  'cell', // Chi bộ trực thuộc
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS_VI: Record<UnitKind, string> = {
  central: 'Trung ương',
  province_committee: 'Đảng bộ tỉnh',
  district_committee: 'Đảng bộ cấp trên cơ sở',
  grassroots_committee: 'Đảng bộ cơ sở',
  grassroots_cell: 'Chi bộ cơ sở',
  partial_committee: 'Đảng bộ bộ phận',
  cell: 'Chi bộ trực thuộc',
};

/**
 * Kinds a unit of each kind may be placed under. A grassroots organization sits under a district-level
 * committee, or straight under the province (agencies directly under the province, and every commune
 * after the reform of 1/7/2025: Quy định 294-QĐ/TW).
 */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  central: [],
  province_committee: ['central'],
  district_committee: ['province_committee'],
  grassroots_committee: ['district_committee', 'province_committee'],
  grassroots_cell: ['district_committee', 'province_committee'],
  partial_committee: ['grassroots_committee'],
  cell: ['grassroots_committee', 'partial_committee'],
};

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

/** True when a unit of `kind` may have a parent of `parentKind` (null: a root). */
export function canPlaceUnder(kind: UnitKind, parentKind: UnitKind | null): boolean {
  if (parentKind === null) return kind === 'central' || kind === 'province_committee';
  return ALLOWED_PARENT_KINDS[kind].includes(parentKind);
}

/** Members belong to exactly one cell: a cell under a committee, or a grassroots cell (Điều lệ Đảng, Điều 21). */
export function holdsMembers(kind: UnitKind): boolean {
  return kind === 'cell' || kind === 'grassroots_cell';
}

/** Grassroots organizations (tổ chức cơ sở đảng), as the seed counts them. */
export function isGrassroots(kind: UnitKind): boolean {
  return kind === 'grassroots_committee' || kind === 'grassroots_cell';
}
