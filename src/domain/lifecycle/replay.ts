// Folds a member's dated events into the periods of member_period (ADR 0002): contiguous, each ending where
// the next starts (valid_to exclusive), the last open. Voided events are dropped before the fold. Events the
// state machine refuses are skipped and reported, so `dangvu check history` can list every problem at once.
import { isIsoDate } from '../dates.ts';
import type { MemberStatus } from '../members.ts';
import type { Grade, LifecycleEvent } from './events.ts';
import { CANDIDATE_STATE, checkTransition, nextStatus, type MemberState } from './state-machine.ts';
import { ruleMessage, type RuleMessage } from './types.ts';

export interface MemberPeriod {
  validFrom: string;
  /** Exclusive; null while in force. */
  validTo: string | null;
  status: MemberStatus;
  unitId: number;
  /** dự bị / chính thức while a member (also while 'transferring'); null after leaving. */
  grade: Grade | null;
}

/** One membership from an admission to an exit (a readmitted member has several). */
export interface Spell {
  /** Ceremony date; null when the record starts from an initial state. */
  admissionDate: string | null;
  /** Admission decision signed (start of party age); null if not recorded. */
  decisionDate: string | null;
  /** Official date; null while probationary or never recognized. */
  officialDate: string | null;
  exitDate: string | null;
  exitStatus: MemberStatus | null;
}

export interface ReplayIssue extends RuleMessage {
  eventId: string;
}

export interface ReplayResult {
  periods: MemberPeriod[];
  /** State after the last applied event. */
  state: MemberState;
  /** Events folded, in order (voids and voided events left out, refused ones too). */
  applied: LifecycleEvent[];
  /** Ids of voided events. */
  voided: string[];
  spells: Spell[];
  /** Problems found; empty for a consistent history. */
  issues: ReplayIssue[];
}

export interface ReplayOptions {
  /**
   * The member's state when the record starts, for members entered with a status rather than their admission
   * (as MemberRepo.create does) or arriving from outside the system. Omitted: a candidate.
   */
  initial?: {
    date: string;
    state: MemberState;
    admissionDecisionDate?: string | null;
    officialDate?: string | null;
  };
}

const SOURCE = 'Sổ sự kiện đảng viên (dangvu)';

function issue(eventId: string, ruleId: string, vi: string, en: string): ReplayIssue {
  return { eventId, ...ruleMessage(ruleId, SOURCE, vi, en) };
}

const EXITS: readonly MemberStatus[] = ['removed', 'left', 'expelled', 'deceased'];

export function replay(events: readonly LifecycleEvent[], options: ReplayOptions = {}): ReplayResult {
  const issues: ReplayIssue[] = [];
  const seen = new Map<string, number>();
  events.forEach((e, i) => {
    if (seen.has(e.id)) issues.push(issue(e.id, 'replay.duplicate_id', `mã sự kiện ${e.id} bị trùng`, `duplicate event id ${e.id}`));
    else seen.set(e.id, i);
    if (!isIsoDate(e.date)) issues.push(issue(e.id, 'replay.invalid_date', `ngày hiệu lực không hợp lệ: ${e.date}`, `invalid effective date: ${e.date}`));
    const prev = events[i - 1];
    if (prev && isIsoDate(prev.date) && isIsoDate(e.date) && e.date < prev.date) {
      issues.push(issue(e.id, 'replay.order', 'sự kiện ghi trước một sự kiện có ngày muộn hơn', 'event listed after a later-dated event'));
    }
  });

  // Voids first: each must name an earlier, not yet voided, non-void event.
  const voided = new Set<string>();
  events.forEach((e, i) => {
    if (e.kind !== 'void') return;
    const at = seen.get(e.voids);
    const target = at === undefined ? undefined : events[at];
    if (!target || at! >= i) {
      issues.push(issue(e.id, 'replay.void_target', `không tìm thấy sự kiện trước đó để hủy: ${e.voids}`, `no earlier event ${e.voids} to void`));
    } else if (target.kind === 'void') {
      issues.push(issue(e.id, 'replay.void_target', 'không hủy một lần hủy; ghi lại sự kiện gốc nếu cần', 'a void cannot be voided; record the event again'));
    } else if (voided.has(e.voids)) {
      issues.push(issue(e.id, 'replay.void_target', `sự kiện ${e.voids} đã bị hủy`, `event ${e.voids} is already voided`));
    } else {
      voided.add(e.voids);
    }
  });

  const kept = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind !== 'void' && !voided.has(e.id) && isIsoDate(e.date))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i))
    .map(({ e }) => e);

  const periods: MemberPeriod[] = [];
  const spells: Spell[] = [];
  const applied: LifecycleEvent[] = [];
  let state: MemberState = CANDIDATE_STATE;

  const place = (date: string, s: MemberState) => {
    if (s.status === 'candidate' || s.unitId === null) return;
    const next = { status: s.status as MemberStatus, unitId: s.unitId, grade: s.grade };
    const same = (p: MemberPeriod | undefined) => !!p && p.status === next.status && p.unitId === next.unitId && p.grade === next.grade;
    const last = periods[periods.length - 1];
    if (same(last)) return;
    if (last && last.validFrom === date) {
      // Same-day changes amend the period; fold back into the one before if it is now the same.
      Object.assign(last, next);
      const before = periods[periods.length - 2];
      if (same(before)) {
        periods.pop();
        before!.validTo = null;
      }
      return;
    }
    if (last) last.validTo = date;
    periods.push({ validFrom: date, validTo: null, ...next });
  };

  const init = options.initial;
  if (init) {
    state = { ...init.state };
    place(init.date, state);
    if (state.status !== 'candidate') {
      const out = EXITS.includes(state.status as MemberStatus);
      spells.push({
        admissionDate: null,
        decisionDate: init.admissionDecisionDate ?? null,
        officialDate: init.officialDate ?? (state.grade === 'official' ? init.date : null),
        exitDate: out ? init.date : null,
        exitStatus: out ? (state.status as MemberStatus) : null,
      });
    }
  }

  for (const e of kept) {
    if (init && e.date < init.date) {
      issues.push(issue(e.id, 'replay.before_start', 'sự kiện trước ngày bắt đầu của hồ sơ', 'event before the start of the record'));
      continue;
    }
    const check = checkTransition(state, e);
    if (!check.ok) {
      issues.push(...check.errors.map((m) => ({ eventId: e.id, ...m })));
      continue;
    }
    state = nextStatus(state, e);
    applied.push(e);
    place(e.date, state);
    const spell = spells[spells.length - 1];
    if (e.kind === 'admission') {
      spells.push({ admissionDate: e.date, decisionDate: e.decisionDate ?? null, officialDate: null, exitDate: null, exitStatus: null });
    } else if (e.kind === 'recognition' && spell) {
      spell.officialDate = e.date;
    } else if (spell && EXITS.includes(state.status as MemberStatus)) {
      spell.exitDate = e.date;
      spell.exitStatus = state.status as MemberStatus;
    }
  }

  return { periods, state, applied, voided: [...voided], spells, issues };
}
