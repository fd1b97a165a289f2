import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { buildTree } from './tree.ts';
import { coresOf, memberContext, membersOf, type GeneratedMember, type MemberContext, type MemberCore } from './members.ts';
import { MEMBER_COLUMNS, PeriodStore, eventDetails, memberEventRows, memberPeriodRows, memberRows, unitRows, unitVersionRows } from './rows.ts';
import { STORY } from './story.ts';
import { counsellingRows } from './counselling.ts';
import { dayOf, isoOf } from './calendar.ts';
import { addMonths, fullYearsBetween } from '../domain/dates.ts';
import { replay, type LifecycleEvent } from '../domain/lifecycle/index.ts';
import { checkCitizenId, validateMemberProfile } from '../domain/members.ts';
import { nameSortKey, searchKey } from '../text/vietnamese.ts';

const TODAY = '2026-11-25';
const places = loadPlaces();
const tree = buildTree(places, { seed: 2017, scale: 'province' });
const ctx: MemberContext = memberContext(tree, 2017, dayOf(TODAY), places.country);
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
      const periods = m.core.history.periods;
      const say = (what: string) => problems.push(`${m.core.id}: ${what} ${JSON.stringify(periods)}`);
      if (periods[0]!.validFrom !== m.profile.admissionDate || periods[0]!.status !== 'probationary') say('does not start with probation at admission');
      for (let i = 1; i < periods.length; i++) {
        if (periods[i]!.validFrom <= periods[i - 1]!.validFrom) say('periods out of order');
        if (periods[i - 1]!.validTo !== periods[i]!.validFrom) say('a gap or an overlap');
        if (periods[i]!.status === periods[i - 1]!.status && periods[i]!.unitId === periods[i - 1]!.unitId) say('two equal periods in a row');
      }
      const last = periods[periods.length - 1]!;
      if (last.validTo !== null) say('last period is closed');
      if (last.status !== m.core.status || last.unitId !== m.core.holder.unit.id) say('last period is not the current state');
      if (last.validFrom > TODAY) say('last period starts after today');
      if (m.profile.officialDate !== null && !periods.some((p) => p.validFrom === m.profile.officialDate && p.status === 'official')) say('no official period from the official date');
      for (const p of periods) {
        const unit = unitById.get(p.unitId)!;
        if (unit.kind !== 'cell' && unit.kind !== 'grassroots_cell') say(`period in a ${unit.kind}`);
        if (p.validFrom < isoOf(unit.established)) say(`period in ${unit.code} before its founding ${isoOf(unit.established)}`);
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

/** The format the application accepts for a decision number (src/commands/member-events.ts). */
const DECISION_NUMBER = /^\d{1,5}[-/][\p{Lu}Đ]{1,6}([-/][\p{Lu}\p{N}Đ]{1,10}){1,2}$/u;
const COMMITTEE = /^(Huyện ủy|Quận ủy|Thị ủy|Thành ủy|Tỉnh ủy) \S/;
const inWindow = (e: LifecycleEvent) => e.date >= STORY.from && e.date <= STORY.to;
const storyKind = (e: LifecycleEvent) => e.kind === 'leave_on_request' || (e.kind === 'removal' && e.reason === 'abandoned_activities');
const chauThanh = (c: MemberCore) => c.holder.province.code === '83' && c.holder.district?.code === '831';

describe('member events, the one source of the histories', { timeout: 60_000 }, () => {
  it('replay without a single issue for every member, and give member_period and the member columns', () => {
    const problems: string[] = [];
    for (const m of members) {
      const c = m.core;
      const again = replay(c.events);
      if (again.issues.length) problems.push(`${c.id}: ${again.issues.map((i) => i.messageEn).join('; ')}`);
      if (JSON.stringify(again.periods) !== JSON.stringify(c.history.periods)) problems.push(`${c.id}: periods differ from the replay`);
      const open = again.periods.at(-1)!;
      const spell = again.spells.at(-1)!;
      if (c.status !== open.status || c.unitId !== open.unitId) problems.push(`${c.id}: status or cell not the replay's`);
      if (m.profile.admissionDate !== spell.admissionDate || c.admissionDecisionDate !== spell.decisionDate
        || m.profile.officialDate !== spell.officialDate) problems.push(`${c.id}: dates not the replay's`);
      if (c.events[0]!.kind !== 'admission' || c.events[0]!.date !== m.profile.admissionDate) problems.push(`${c.id}: history does not start with the admission`);
      if (again.applied.length !== c.events.length) problems.push(`${c.id}: events skipped`);
    }
    expect(members.length).toBe(44_741);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('writes the period rows as the replay gives them, the same from the store the member pass fills', () => {
    const rows = [...memberPeriodRows(tree, ctx)];
    expect(rows.length).toBe(members.reduce((s, m) => s + m.core.history.periods.length, 0));
    const first = members[0]!.core.history.periods[0]!;
    expect(rows[0]).toBe(`1,${first.validFrom},${first.validTo ?? ''},${first.status},${first.unitId}\n`);
    const store = new PeriodStore();
    let n = 0;
    for (const _ of memberRows(tree, ctx, store)) n++;
    expect(store.added).toBe(n);
    const stored = [...memberPeriodRows(tree, ctx, store)];
    expect(stored.length).toBe(rows.length);
    expect(stored.findIndex((r, i) => r !== rows[i])).toBe(-1);
  });

  it('date and decide each event as the rules say, with numbers and bodies of real documents', () => {
    const problems: string[] = [];
    const kinds = new Map<string, number>();
    for (const m of members) {
      const c = m.core;
      const say = (what: string) => problems.push(`${c.id}: ${what} ${JSON.stringify(c.events)}`);
      const admission = c.events[0]!;
      if (admission.kind !== 'admission') continue;
      if (!admission.decisionDate || admission.decisionDate > admission.date) say('admission decided after the ceremony');
      if (fullYearsBetween(m.profile.birthDate, admission.decisionDate!) < 18) say('admission decided under 18');
      if (c.admissionDecisionDate !== admission.decisionDate) say('admission_decision_date is not the decision');
      const recognition = c.events.find((e) => e.kind === 'recognition');
      if ((recognition?.date ?? null) !== m.profile.officialDate) say('official date is not the recognition');
      if (recognition && recognition.date !== addMonths(admission.date, 12)) say('recognition not 12 months after the ceremony');
      if (recognition && recognition.decisionDate! < recognition.date) say('recognition decided before the end of probation');
      if ((c.status === 'exempt') !== c.events.some((e) => e.kind === 'exemption_start') && c.status !== 'deceased') say('exemption without an exemption event');
      let cellNow = admission.unitId;
      for (const e of c.events) {
        kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
        if (e.date > TODAY || (e.decisionDate && e.decisionDate > TODAY)) say(`${e.kind} after today`);
        if (!e.decisionNumber || !DECISION_NUMBER.test(e.decisionNumber) || !e.issuedBy) say(`${e.kind} without a decision number or body`);
        if (['admission', 'recognition', 'removal', 'leave_on_request'].includes(e.kind)) {
          if (!COMMITTEE.test(e.issuedBy ?? '') || !/-QĐ\/(HU|QU|TU)$/.test(e.decisionNumber ?? '')) say(`${e.kind} not decided by the competent committee`);
        }
        if (e.kind === 'discipline' && e.form !== 'reprimand' && e.form !== 'warning') say('discipline other than reprimand or warning');
        if (e.kind === 'transfer_out_official') {
          const next = c.events.slice(c.events.indexOf(e) + 1).find((x) => x.kind !== 'discipline');
          const pending = c.status === 'transferring' || (c.status === 'removed' && c.events.at(-1)!.kind === 'removal'
            && (c.events.at(-1) as { reason: string }).reason === 'transfer_letter_not_presented');
          const later = c.events.slice(c.events.indexOf(e) + 1);
          const last = pending && !later.some((x) => x.kind === 'transfer_in' || x.kind === 'transfer_out_official');
          if (next?.kind !== 'transfer_in' && !last) say('letter not presented');
        }
        if (e.kind === 'transfer_in') {
          if (e.unitId === cellNow) say('transfer into the same cell');
          cellNow = e.unitId;
        }
      }
      const exit = c.events.at(-1)!;
      if (c.status === 'removed' && exit.kind !== 'removal') say('removed without a removal');
      if (c.status === 'left' && exit.kind !== 'leave_on_request') say('left without leaving');
      if (c.status === 'deceased' && exit.kind !== 'death') say('deceased without a death');
      if (c.status === 'transferring' && exit.kind !== 'transfer_out_official') say('transferring without a letter');
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const n = members.length;
    expect(kinds.get('admission')).toBe(n);
    for (const k of ['recognition', 'transfer_out_official', 'transfer_in', 'exemption_start', 'removal', 'leave_on_request', 'discipline', 'death']) {
      expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
    }
    expect((kinds.get('discipline') ?? 0) / n).toBeLessThan(0.03);
    const reasons = new Set(members.flatMap((m) => m.core.events.filter((e) => e.kind === 'removal').map((e) => (e as { reason: string }).reason)));
    expect([...reasons].sort()).toEqual(['abandoned_activities', 'card_surrendered', 'no_improvement_after_education', 'not_recognized_after_probation',
      'political_standard', 'transfer_letter_not_presented', 'two_years_violation', 'unpaid_dues']);
  });

  it("tell the seed's story: 53 members of Châu Thành's communes abandoned activities or left between 01/01/2016 and 05/05/2017", () => {
    const cases = members.flatMap((m) => m.core.events.filter((e) => storyKind(e) && inWindow(e)).map((e) => ({ m, e })));
    const byHuyenUy = cases.filter(({ e }) => e.issuedBy === 'Huyện ủy Châu Thành');
    expect(byHuyenUy).toHaveLength(STORY.cases);
    expect(cases.filter(({ m }) => chauThanh(m.core))).toHaveLength(STORY.cases);
    // All in the communes (hamlet cells), spread over the 22 of them.
    expect(byHuyenUy.every(({ m }) => m.core.holder.commune !== null && chauThanh(m.core))).toBe(true);
    expect(new Set(byHuyenUy.map(({ m }) => m.core.holder.commune!.code)).size).toBe(22);
    const split = byHuyenUy.filter(({ e }) => e.kind === 'removal').length;
    expect(split).toBeGreaterThan(25);
    expect(split).toBeLessThan(STORY.cases);
    // Other districts and other years have their own, smaller numbers.
    const others = cases.filter(({ e }) => e.issuedBy !== 'Huyện ủy Châu Thành');
    expect(others.length).toBeGreaterThan(5);
    expect(others.length).toBeLessThan(80);
    const chauThanhOtherYears = members.flatMap((m) => m.core.events.filter((e) => storyKind(e) && !inWindow(e) && e.issuedBy === 'Huyện ủy Châu Thành'));
    expect(chauThanhOtherYears.length).toBeGreaterThan(10);
    // Nor do a transfer file left unsubmitted ("tự ý bỏ sinh hoạt đảng") or unpaid dues, which the attrition report counts.
    expect(members.some((m) => chauThanh(m.core) && m.core.events.some((e) => inWindow(e) && e.kind === 'removal'
      && (e.reason === 'transfer_letter_not_presented' || e.reason === 'unpaid_dues')))).toBe(false);
  });

  it('keeps the 53 for another seed and for a "today" just after the tree (the window ends the day before)', () => {
    for (const [seed, today] of [[2018, TODAY], [2017, '2017-05-01']] as const) {
      const t = buildTree(places, { seed, scale: 'province' });
      const c = memberContext(t, seed, dayOf(today), places.country);
      let n = 0;
      let issues = 0;
      for (const core of coresOf(t, c)) {
        issues += core.history.issues.length;
        for (const e of core.events) if (storyKind(e) && inWindow(e) && e.issuedBy === 'Huyện ủy Châu Thành') n++;
      }
      expect([seed, today, n, issues]).toEqual([seed, today, STORY.cases, 0]);
    }
  });

  it('stores the kind-specific fields under the domain names', () => {
    const e = (x: object) => eventDetails(x as LifecycleEvent);
    expect(e({ id: 'e1', kind: 'admission', date: '2016-01-01', unitId: 12 })).toBe('{"unitId":12}');
    expect(e({ id: 'e1', kind: 'removal', date: '2016-01-01', reason: 'abandoned_activities' })).toBe('{"reason":"abandoned_activities"}');
    expect(e({ id: 'e1', kind: 'transfer_out_official', date: '2016-01-01', toUnitId: null })).toBe('{}');
    expect(JSON.parse(e({ id: 'e1', kind: 'transfer_in', date: '2016-01-01', unitId: 3, letterNumber: '12-GGT/BTCHU' }))).toEqual({ unitId: 3, letterNumber: '12-GGT/BTCHU' });
  });
});

function digest(seed: number, today = TODAY): string {
  const t = buildTree(places, { seed, scale: 'province' });
  const c = memberContext(t, seed, dayOf(today), places.country);
  const hash = createHash('sha256');
  for (const rows of [unitRows(t), unitVersionRows(t), memberRows(t, c), memberPeriodRows(t, c), memberEventRows(t, c), counsellingRows(t, c)]) {
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
    // The row stamps, then the unit's ancestors at depths 1–3 (the cell's path from the root).
    const unit = tree.units.find((u) => u.id === Number(fields[MEMBER_COLUMNS.indexOf('unit_id')]))!;
    expect(first).toContain(`${isoOf(ctx.today)} 00:00:00+07,${unit.path.split('.').slice(1, 4).join(',')}\n`);
  });
});
