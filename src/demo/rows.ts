// The demo as CSV lines for COPY … WITH (FORMAT csv): an unquoted empty field is NULL.
import { searchKey } from '../text/vietnamese.ts';
import { isoOf } from './calendar.ts';
import { coresOf, membersOf, type MemberContext } from './members.ts';
import type { DemoTree } from './tree.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: NULL as an empty field, text quoted only when it must be. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const UNIT_COLUMNS = ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'depth', 'established_on', 'name_search'] as const;
export const UNIT_VERSION_COLUMNS = ['unit_id', 'valid_from', 'valid_to', 'code', 'name', 'kind', 'parent_id'] as const;
export const MEMBER_COLUMNS = [
  'id', 'full_name', 'other_names', 'sex', 'birth_date', 'birth_province_code', 'birth_place', 'home_town', 'ethnicity',
  'religion', 'citizen_id', 'card_number', 'education_general', 'education_professional', 'political_theory', 'occupation',
  'admission_date', 'official_date', 'status', 'unit_id', 'name_search', 'name_sort', 'created_at', 'updated_at',
] as const;
export const MEMBER_PERIOD_COLUMNS = ['member_id', 'valid_from', 'valid_to', 'status', 'unit_id'] as const;

export function* unitRows(tree: DemoTree): Generator<string> {
  for (const u of tree.units) {
    yield `${u.id},${csvField(u.code)},${csvField(u.name)},${u.kind},${u.parentId ?? ''},${u.path},${u.depth},${isoOf(u.established)},${csvField(searchKey(u.name))}\n`;
  }
}

/** One version per unit, from its founding, still in force (no restructuring is modelled). */
export function* unitVersionRows(tree: DemoTree): Generator<string> {
  for (const u of tree.units) {
    yield `${u.id},${isoOf(u.established)},,${csvField(u.code)},${csvField(u.name)},${u.kind},${u.parentId ?? ''}\n`;
  }
}

export function* memberRows(tree: DemoTree, ctx: MemberContext): Generator<string> {
  // Rows are stamped with the demo's "today" rather than the clock, so that a load is reproducible.
  const stamp = `${isoOf(ctx.today)} 00:00:00+07`;
  for (const m of membersOf(tree, ctx)) {
    const p = m.profile;
    yield [
      m.core.id, csvField(p.fullName), csvField(p.otherNames), p.sex, p.birthDate, csvField(p.birthProvinceCode),
      csvField(p.birthPlace), csvField(p.homeTown), csvField(p.ethnicity), csvField(p.religion), csvField(p.citizenId),
      csvField(p.cardNumber), csvField(p.educationGeneral), csvField(p.educationProfessional), csvField(p.politicalTheory),
      csvField(p.occupation), csvField(p.admissionDate), csvField(p.officialDate), m.core.status, m.core.holder.unit.id,
      csvField(m.nameSearch), csvField(m.nameSort), stamp, stamp,
    ].join(',') + '\n';
  }
}

export function* memberPeriodRows(tree: DemoTree, ctx: MemberContext): Generator<string> {
  for (const core of coresOf(tree, ctx)) {
    const periods = core.periods;
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i]!;
      const to = i + 1 < periods.length ? isoOf(periods[i + 1]!.from) : '';
      yield `${core.id},${isoOf(p.from)},${to},${p.status},${p.unitId}\n`;
    }
  }
}
