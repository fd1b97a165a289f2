import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { buildTree } from './tree.ts';
import { membersOf, type GeneratedMember, type MemberContext } from './members.ts';
import { memberPeriodRows, memberRows, unitRows, unitVersionRows } from './rows.ts';
import { dayOf, isoOf } from './calendar.ts';
import { addMonths, fullYearsBetween } from '../domain/dates.ts';
import { checkCitizenId, validateMemberProfile } from '../domain/members.ts';
import { nameSortKey, searchKey } from '../text/vietnamese.ts';

const TODAY = '2026-11-25';
const places = loadPlaces();
const tree = buildTree(places, { seed: 2017, scale: 'province' });
const ctx: MemberContext = { seed: 2017, today: dayOf(TODAY), country: places.country };
const members: GeneratedMember[] = [...membersOf(tree, ctx)];
const unitById = new Map(tree.units.map((u) => [u.id, u]));

describe('generated members of the province demo', { timeout: 30_000 }, () => {
  it('all pass validateMemberProfile for their status on the demo date', () => {
    const failures = members
      .map((m) => ({ m, errors: validateMemberProfile(m.profile, m.core.status, TODAY) }))
      .filter((x) => x.errors.length);
    expect(failures.slice(0, 3).map((f) => [f.m.profile, f.m.core.status, f.errors])).toEqual([]);
  });

  it('are about 45,000, about 35 % women, aged 20 to 90, with the expected mix of statuses', () => {
    const n = members.length;
    expect(n).toBeGreaterThan(40_000);
    expect(n).toBeLessThan(50_000);
    const share = (f: (m: GeneratedMember) => boolean) => members.filter(f).length / n;
    expect(share((m) => m.core.sex === 'female')).toBeGreaterThan(0.3);
    expect(share((m) => m.core.sex === 'female')).toBeLessThan(0.4);
    expect(share((m) => m.core.status === 'official')).toBeGreaterThan(0.75);
    expect(share((m) => m.core.status === 'probationary')).toBeGreaterThan(0.03);
    expect(share((m) => m.core.status === 'probationary')).toBeLessThan(0.07);
    expect(share((m) => m.core.status === 'exempt')).toBeGreaterThan(0.03);
    expect(share((m) => m.core.status === 'exempt')).toBeLessThan(0.07);
    for (const s of ['deceased', 'removed', 'left', 'transferring']) {
      expect(share((m) => m.core.status === s), s).toBeGreaterThan(0.003);
      expect(share((m) => m.core.status === s), s).toBeLessThan(0.06);
    }
    const ages = members.map((m) => fullYearsBetween(m.profile.birthDate, TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...ages)).toBeLessThan(90);
    expect(share((m) => m.profile.ethnicity === 'Kinh')).toBeGreaterThan(0.95);
    expect(members.some((m) => m.profile.ethnicity === 'Khmer')).toBe(true);
    expect(share((m) => m.profile.religion === null)).toBeGreaterThan(0.8);
    expect(share((m) => m.profile.birthProvinceCode === '83')).toBeGreaterThan(0.8);
    expect(share((m) => m.profile.educationGeneral === '12/12')).toBeGreaterThan(0.6);
    expect(share((m) => m.profile.politicalTheory === 'so_cap')).toBeGreaterThan(0.5);
  });

  it('date probation and recognition as the Charter does: 12 months, probationary ones admitted within the last year', () => {
    const yearAgo = addMonths(TODAY, -12);
    const problems: string[] = [];
    for (const m of members) {
      const p = m.profile;
      const name = `${m.core.id} ${p.fullName}`;
      if (fullYearsBetween(p.birthDate, p.admissionDate!) < 18) problems.push(`${name}: admitted under 18`);
      if (m.core.status === 'probationary') {
        if (p.officialDate !== null || p.cardNumber !== null) problems.push(`${name}: probationary with official date or card`);
        if (!(p.admissionDate! > yearAgo)) problems.push(`${name}: probationary admitted more than 12 months ago`);
      } else if (p.officialDate) {
        if (p.officialDate !== addMonths(p.admissionDate!, 12)) problems.push(`${name}: official date not 12 months after admission`);
        if (!/^\d{8}$/.test(p.cardNumber ?? '')) problems.push(`${name}: official without an 8-digit card number`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('have contiguous histories whose last period is the current status and cell, never in a cell before it was founded', () => {
    let transferred = 0;
    const problems: string[] = [];
    for (const m of members) {
      const periods = m.core.periods;
      const say = (what: string) => problems.push(`${m.core.id}: ${what} ${JSON.stringify(periods)}`);
      if (periods[0]!.from !== m.core.admission || periods[0]!.status !== 'probationary') say('does not start with probation at admission');
      for (let i = 1; i < periods.length; i++) {
        if (periods[i]!.from <= periods[i - 1]!.from) say('periods out of order');
        if (periods[i]!.status === periods[i - 1]!.status && periods[i]!.unitId === periods[i - 1]!.unitId) say('two equal periods in a row');
      }
      const last = periods[periods.length - 1]!;
      if (last.status !== m.core.status || last.unitId !== m.core.holder.unit.id) say('last period is not the current state');
      if (last.from > ctx.today) say('last period starts after today');
      if (m.core.official !== null && !periods.some((p) => p.from === m.core.official && p.status === 'official')) say('no official period from the official date');
      for (const p of periods) {
        const unit = unitById.get(p.unitId)!;
        if (unit.kind !== 'cell' && unit.kind !== 'grassroots_cell') say(`period in a ${unit.kind}`);
        if (p.from < unit.established) say(`period in ${unit.code} before its founding ${isoOf(unit.established)}`);
      }
      if (new Set(periods.map((p) => p.unitId)).size > 1) transferred++;
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(transferred / members.length).toBeGreaterThan(0.03);
  });

  it('have unique citizen IDs consistent with birth province, sex and year', () => {
    const ids = members.map((m) => m.profile.citizenId).filter((id): id is string => !!id);
    expect(ids.length).toBeGreaterThan(members.length * 0.95);
    expect(new Set(ids).size).toBe(ids.length);
    const wrong = members.filter((m) => m.profile.citizenId
      && checkCitizenId(m.profile.citizenId, m.profile.birthDate, m.profile.sex, m.profile.birthProvinceCode).length);
    expect(wrong.map((m) => m.profile)).toEqual([]);
    const cards = members.map((m) => m.profile.cardNumber).filter(Boolean);
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('carry the search and sort keys of src/text/vietnamese.ts', () => {
    const wrong = members.filter((m) => m.nameSearch !== searchKey(m.fullName) || m.nameSort !== nameSortKey(m.fullName)
      || m.fullName !== m.fullName.normalize('NFC'));
    expect(wrong.map((m) => m.fullName)).toEqual([]);
  });

  it('include Trần Ngọc Tâm in a cell of Tiên Thủy (28861), and names written with both tone placements', () => {
    const tam = members.filter((m) => m.fullName === 'Trần Ngọc Tâm' && m.core.holder.unit.code.startsWith('28861.'));
    expect(tam.length).toBeGreaterThanOrEqual(1);
    expect(tam[0]!.core.status).toBe('official');
    const given = new Set(members.map((m) => m.fullName.split(' ').pop()));
    for (const name of ['Thủy', 'Thuỷ', 'Hòa', 'Hoà']) expect(given.has(name), name).toBe(true);
  });
});

function digest(seed: number, today = TODAY): string {
  const t = buildTree(places, { seed, scale: 'province' });
  const c: MemberContext = { seed, today: dayOf(today), country: places.country };
  const hash = createHash('sha256');
  for (const rows of [unitRows(t), unitVersionRows(t), memberRows(t, c), memberPeriodRows(t, c)]) {
    for (const line of rows) hash.update(line);
  }
  return hash.digest('hex');
}

describe('determinism', { timeout: 60_000 }, () => {
  it('gives byte-identical rows for the same seed and date, and other rows for another seed', () => {
    const a = digest(2017);
    expect(digest(2017)).toBe(a);
    expect(digest(2018)).not.toBe(a);
  });

  it('writes CSV rows for COPY with NULL as an empty field and the addresses quoted', () => {
    const first = memberRows(tree, ctx).next().value as string;
    const fields = first.trimEnd().match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
    expect(fields[0]).toBe('1');
    expect(fields[6]!.startsWith('"')).toBe(true);
    expect(first.endsWith(`${isoOf(ctx.today)} 00:00:00+07\n`)).toBe(true);
  });
});
