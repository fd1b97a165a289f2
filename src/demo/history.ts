// The events of a demo member's life as the lifecycle module knows them (src/domain/lifecycle/events.ts),
// each with the body that decided it and a decision number as party documents are numbered: "123-QĐ/HU"
// (a decision of a Huyện ủy), "45-GGT/BTCHU" (a transfer letter of its Organization Board), "07-QĐ/ĐU"
// (a grassroots committee), "03-NQ/CB" (a cell's resolution). The member's periods are the replay of
// these events: nothing else writes them.
import type { DisciplineForm, LifecycleEvent, RemovalReason } from '../domain/lifecycle/index.ts';
import { civilFromDay, dayFromCivil, isoOf } from './calendar.ts';
import type { Rng } from './random.ts';
import { districtCommitteeWord, provinceCommitteeWord, type Holder } from './tree.ts';

/** Who decides what for the members of a cell. */
export interface Authority {
  /** The competent committee (cấp ủy có thẩm quyền): "Huyện ủy Châu Thành", or "Tỉnh ủy Bến Tre" above the districts. */
  committee: string;
  /** Its mark in document numbers: HU, QU, TU. */
  committeeMark: string;
  /** Decisions it numbers in a year (all subjects), so that numbers grow as they do in a real register. */
  committeeYearly: number;
  /** Its Organization Board, which writes the letters of official transfers: "Ban Tổ chức Huyện ủy Châu Thành". */
  board: string;
  /** The grassroots organization's executive body: "Đảng ủy xã Tiên Thủy", or the grassroots cell. */
  org: string;
  orgMark: 'ĐU' | 'CB';
  /** The cell as a document names it: "Chi bộ ấp An Hòa, Đảng bộ xã Tiên Thủy". */
  cell: string;
}

const authorities = new WeakMap<Holder, Authority>();

function committeeMarkOf(word: string): string {
  return word === 'Huyện ủy' ? 'HU' : word === 'Quận ủy' ? 'QU' : 'TU';
}

/** The bodies that decide for the members of this cell (cached per cell). */
export function authorityOf(h: Holder): Authority {
  let a = authorities.get(h);
  if (a) return a;
  let committee: string;
  let word: string;
  if (h.district) {
    word = districtCommitteeWord(h.district);
    // "Quận ủy Quận 1", "Thị ủy Bình Minh": a district named by a number keeps its type.
    const type = h.district.type;
    const name = /^\d/.test(h.district.name) ? `${type[0]!.toUpperCase()}${type.slice(1)} ${h.district.name}` : h.district.name;
    committee = `${word} ${name}`;
  } else {
    word = provinceCommitteeWord(h.province);
    committee = `${word} ${h.province.name}`;
  }
  const isCommittee = h.org.kind === 'grassroots_committee';
  const org = isCommittee ? h.org.name.replace(/^Đảng bộ /, 'Đảng ủy ') : h.org.name;
  a = {
    committee,
    committeeMark: committeeMarkOf(word),
    committeeYearly: h.district ? 420 : 1100,
    board: `Ban Tổ chức ${committee}`,
    org,
    orgMark: isCommittee ? 'ĐU' : 'CB',
    cell: h.unit === h.org ? h.unit.name : `${h.unit.name}, ${h.org.name}`,
  };
  authorities.set(h, a);
  return a;
}

const YEAR_DAYS = 365.2425;

/** Start of the congress term that contains `day` (terms from 1 July of 2010, 2015, 2020 …). */
function termStart(day: number): number {
  const [y, m] = civilFromDay(day);
  let start = y - (((y % 5) + 5) % 5);
  if (start === y && m < 7) start -= 5;
  return dayFromCivil(start, 7, 1);
}

/**
 * A document number as a register gives it: district and provincial committees number through their
 * congress term, grassroots bodies and cells through the year. Plausible, not unique (the demo does not
 * keep registers).
 */
function documentNumber(rng: Rng, day: number, yearly: number, byTerm: boolean): string {
  const start = byTerm ? termStart(day) : dayFromCivil(civilFromDay(day)[0], 1, 1);
  const n = 1 + Math.floor(((day - start) * yearly) / YEAR_DAYS) + rng.int(0, 2);
  return n < 10 ? `0${n}` : String(n);
}

const LEAVE_NOTES = [
  'Hoàn cảnh gia đình khó khăn, không có điều kiện sinh hoạt đảng',
  'Đi làm ăn xa, không có điều kiện sinh hoạt đảng',
  'Tự nguyện xin ra khỏi Đảng',
  'Sức khỏe yếu, không tham gia sinh hoạt được',
];

/**
 * Writes one member's events in the order of the life, each with its decision; `done()` sorts them by
 * effective date (ties keep the order of writing, as replay does) and numbers their ids e1, e2, ….
 */
export class HistoryWriter {
  private readonly list: LifecycleEvent[] = [];

  constructor(private readonly rng: Rng, private readonly today: number) {}

  private decision(day: number): string {
    return isoOf(Math.min(day, this.today));
  }

  private committeeNumber(a: Authority, day: number): string {
    return `${documentNumber(this.rng, day, a.committeeYearly, true)}-QĐ/${a.committeeMark}`;
  }

  /** The ceremony on `day` after the competent committee's decision of `decisionDay`. */
  admission(day: number, decisionDay: number, h: Holder): void {
    const a = authorityOf(h);
    this.list.push({
      id: '', kind: 'admission', date: isoOf(day), unitId: h.unit.id,
      decisionNumber: this.committeeNumber(a, decisionDay), decisionDate: isoOf(decisionDay), issuedBy: a.committee,
    });
  }

  /** Official from the end of the 12 months (`day`); the decision follows within weeks. */
  recognition(day: number, h: Holder): void {
    const a = authorityOf(h);
    const decided = day + this.rng.int(5, 40);
    this.list.push({
      id: '', kind: 'recognition', date: isoOf(day),
      decisionNumber: this.committeeNumber(a, Math.min(decided, this.today)), decisionDate: this.decision(decided), issuedBy: a.committee,
    });
  }

  /**
   * The letter of an official transfer, issued on `day`: by the grassroots committee for a move between
   * its own cells, else by the Organization Board of the competent committee. `to` null: outside the demo's
   * province. Returns the letter's number.
   */
  transferOut(day: number, from: Holder, to: Holder | null): string {
    const a = authorityOf(from);
    const inside = to !== null && to.org === from.org;
    const number = inside
      ? `${documentNumber(this.rng, day, 15, false)}-QĐ/${a.orgMark}`
      : `${documentNumber(this.rng, day, a.committeeYearly * 0.4, true)}-GGT/BTC${a.committeeMark}`;
    this.list.push({
      id: '', kind: 'transfer_out_official', date: isoOf(day), toUnitId: to ? to.unit.id : null,
      decisionNumber: number, decisionDate: isoOf(day), issuedBy: inside ? a.org : a.board,
    });
    return number;
  }

  /**
   * The letter presented at the new cell on `day`. A grassroots committee receiving a member from outside
   * introduces them to its cell with its own letter; otherwise the event carries the transfer letter.
   */
  transferIn(day: number, from: Holder, to: Holder, letter: string): void {
    const a = authorityOf(to);
    const own = to.org !== from.org && a.orgMark === 'ĐU';
    const issuedBy = own ? a.org : to.org === from.org ? authorityOf(from).org : authorityOf(from).board;
    const ev: LifecycleEvent & { letterNumber: string } = {
      id: '', kind: 'transfer_in', date: isoOf(day), unitId: to.unit.id, letterNumber: letter,
      decisionNumber: own ? `${documentNumber(this.rng, day, 20, false)}-GGT/ĐU` : letter, decisionDate: isoOf(day), issuedBy,
    };
    this.list.push(ev);
  }

  /** Exempted from work and activities for age and health, by the cell's resolution. */
  exemption(day: number, h: Holder): void {
    this.list.push({
      id: '', kind: 'exemption_start', date: isoOf(day), ground: 'age_health', note: 'Tuổi cao, sức khỏe yếu',
      decisionNumber: `${documentNumber(this.rng, day, 6, false)}-NQ/CB`, decisionDate: isoOf(day), issuedBy: authorityOf(h).cell,
    });
  }

  discipline(day: number, h: Holder, form: DisciplineForm): void {
    this.list.push({
      id: '', kind: 'discipline', date: isoOf(day), form,
      decisionNumber: `${documentNumber(this.rng, day, 3, false)}-QĐ/CB`, decisionDate: isoOf(day), issuedBy: authorityOf(h).cell,
    });
  }

  removal(day: number, h: Holder, reason: RemovalReason): void {
    const a = authorityOf(h);
    this.list.push({
      id: '', kind: 'removal', date: isoOf(day), reason,
      decisionNumber: this.committeeNumber(a, day), decisionDate: isoOf(day), issuedBy: a.committee,
    });
  }

  leave(day: number, h: Holder): void {
    const a = authorityOf(h);
    this.list.push({
      id: '', kind: 'leave_on_request', date: isoOf(day), note: this.rng.pick(LEAVE_NOTES),
      decisionNumber: this.committeeNumber(a, day), decisionDate: isoOf(day), issuedBy: a.committee,
    });
  }

  /** Death on `day`, made known by the grassroots organization's notice a few days later. */
  death(day: number, h: Holder): void {
    const a = authorityOf(h);
    const noticed = Math.min(day + this.rng.int(1, 7), this.today);
    this.list.push({
      id: '', kind: 'death', date: isoOf(day),
      decisionNumber: `${documentNumber(this.rng, noticed, 10, false)}-TB/${a.orgMark}`, decisionDate: isoOf(noticed), issuedBy: a.org,
    });
  }

  done(): LifecycleEvent[] {
    const events = this.list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    for (let i = 0; i < events.length; i++) events[i]!.id = `e${i + 1}`;
    return events;
  }
}
